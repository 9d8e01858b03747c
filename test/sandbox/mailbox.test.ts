import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';
import { browse } from './mailbox-helpers.js';

// The mailbox over plain HTTP: its JSON API, its headers, and what it never shows.

const TOKEN = 'mailbox-secret-token-7f3a9c';
// A 1×1 PNG.
const PIXEL =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const sent: Record<string, Record<string, unknown>> = {};
const ids: Record<string, string> = {};

async function send(key: string, json: Record<string, unknown>, path = '/email') {
  const answer = await api.post(path, json);
  expect(answer.status).toBe(200);
  sent[key] = json;
  ids[key] = answer.body.MessageID;
}

const get = (path: string) => browse(sandbox.url, path);

beforeAll(async () => {
  // A long delay, flushed by hand, so that statuses are known exactly.
  sandbox = await startSandbox({ token: TOKEN, eventDelayMs: 60_000 });
  api = client(sandbox);
  sandbox.addTemplate({
    Name: 'Welcome',
    Alias: 'welcome',
    Subject: 'Welcome, {{name}}',
    HtmlBody: '<p>Hello {{name}}</p>',
    TextBody: 'Hello {{name}}',
  });
  await send(
    'report',
    message({
      From: 'Team <team@example.com>',
      To: '"Lovelace, Ada" <ada@example.com>',
      Cc: 'carol@example.com',
      Subject: 'Quarterly report',
      Tag: 'reports',
      Metadata: { customer: 'c-1' },
      HtmlBody: '<p><img src="cid:logo" alt="logo"> <img src="cid:missing"> Report</p>',
      TextBody: 'Report',
      Headers: [{ Name: 'X-Campaign', Value: 'q3' }],
      Attachments: [
        { Name: 'logo.png', Content: PIXEL, ContentType: 'image/png', ContentID: 'cid:logo' },
        { Name: 'notes.html', Content: 'PHNjcmlwdD4xPC9zY3JpcHQ+', ContentType: 'text/html' },
      ],
    }),
  );
  sandbox.flushEvents();
  await send('bounce', message({ To: 'HardBounce@bounce-testing.postmarkapp.com', Tag: 'digest' }));
  await send(
    'templated',
    {
      From: 'app@example.com',
      To: 'bob@example.com',
      TemplateAlias: 'welcome',
      TemplateModel: { name: 'Bob' },
      Tag: 'welcome',
    },
    '/email/withTemplate',
  );
});
afterAll(() => sandbox.close());

describe('the mailbox JSON API', () => {
  it('lists the messages newest first, with their status', async () => {
    const answer = await get('/mailbox/api/messages');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const { totalCount, messages } = answer.json();
    expect(totalCount).toBe(3);
    expect(messages.map((m: { id: string }) => m.id)).toEqual([
      ids.templated,
      ids.bounce,
      ids.report,
    ]);
    expect(messages[2]).toEqual({
      id: ids.report,
      submittedAt: expect.any(String),
      from: { email: 'team@example.com', name: 'Team' },
      to: [{ email: 'ada@example.com', name: 'Lovelace, Ada' }],
      cc: [{ email: 'carol@example.com', name: null }],
      bcc: [],
      subject: 'Quarterly report',
      tag: 'reports',
      stream: 'outbound',
      status: 'sent',
      attachmentCount: 2,
      templated: false,
    });
    // Events are an hour away for the other two.
    expect(messages.map((m: { status: string }) => m.status)).toEqual(['queued', 'queued', 'sent']);
    expect(messages[0]).toMatchObject({ subject: 'Welcome, Bob', templated: true });
  });

  it('searches recipients, subjects and tags, and pages', async () => {
    const found = async (query: string) =>
      (await get(`/mailbox/api/messages?${query}`))
        .json()
        .messages.map((m: { id: string }) => m.id);
    expect(await found('q=LOVELACE')).toEqual([ids.report]); // a recipient's name, any case
    expect(await found('q=carol@')).toEqual([ids.report]); // a Cc address
    expect(await found('q=welcome')).toEqual([ids.templated]); // subject and tag
    expect(await found('q=digest')).toEqual([ids.bounce]); // a tag
    expect(await found('recipient=bounce-testing')).toEqual([ids.bounce]);
    expect(await found('subject=report')).toEqual([ids.report]);
    expect(await found('tag=report&subject=nothing')).toEqual([]);
    expect(await found('q=nobody-at-all')).toEqual([]);
    expect(await found('count=1&offset=1')).toEqual([ids.bounce]);
    expect(await found('count=2&offset=5')).toEqual([]);
    for (const bad of ['count=0', 'count=1001', 'count=x', 'offset=-1']) {
      const answer = await get(`/mailbox/api/messages?${bad}`);
      expect({ bad, status: answer.status }).toEqual({ bad, status: 400 });
      expect(answer.json().error).toMatch(/count|offset/);
    }
  });

  it('gives one message with everything the tabs show', async () => {
    const detail = (await get(`/mailbox/api/messages/${ids.report}`)).json();
    expect(detail).toMatchObject({
      id: ids.report,
      replyTo: null,
      html: sent.report?.HtmlBody,
      text: 'Report',
      metadata: { customer: 'c-1' },
      trackOpens: false,
      trackLinks: 'None',
      template: null,
      webhookDeliveries: [],
    });
    // Exactly the JSON the client sent, nothing added.
    expect(detail.json).toEqual(sent.report);
    expect(detail.headers).toContainEqual({ name: 'X-Campaign', value: 'q3' });
    expect(detail.headers).toContainEqual({
      name: 'To',
      value: '"Lovelace, Ada" <ada@example.com>',
    });
    expect(detail.attachments).toEqual([
      {
        index: 0,
        name: 'logo.png',
        contentType: 'image/png',
        contentId: 'cid:logo',
        size: Buffer.from(PIXEL, 'base64').length,
        url: `/mailbox/api/messages/${ids.report}/attachments/0`,
      },
      {
        index: 1,
        name: 'notes.html',
        contentType: 'text/html',
        contentId: null,
        size: 18, // '<script>1</script>'
        url: `/mailbox/api/messages/${ids.report}/attachments/1`,
      },
    ]);
    expect(detail.events).toEqual([
      {
        type: 'Delivered',
        recipient: 'ada@example.com',
        at: expect.any(String),
        details: expect.objectContaining({ DestinationServer: 'sandbox' }),
      },
      expect.objectContaining({ type: 'Delivered', recipient: 'carol@example.com' }),
    ]);
  });

  it('shows the template and model of a templated send, and its rendered bodies', async () => {
    const detail = (await get(`/mailbox/api/messages/${ids.templated}`)).json();
    expect(detail.template).toEqual({
      id: null,
      alias: 'welcome',
      name: 'Welcome',
      model: { name: 'Bob' },
      inlineCss: null,
    });
    expect(detail).toMatchObject({ subject: 'Welcome, Bob', html: '<p>Hello Bob</p>' });
    expect(detail.json).toEqual(sent.templated);
  });

  it('shows bounces once they happen, and the status follows', async () => {
    const before = (await get(`/mailbox/api/messages/${ids.bounce}`)).json();
    expect(before).toMatchObject({ status: 'queued', events: [], bounces: [] });
    sandbox.flushEvents();
    const after = (await get(`/mailbox/api/messages/${ids.bounce}`)).json();
    expect(after.status).toBe('bounced');
    expect(after.events).toEqual([expect.objectContaining({ type: 'Bounced' })]);
    expect(after.bounces).toEqual([
      expect.objectContaining({
        type: 'HardBounce',
        email: 'HardBounce@bounce-testing.postmarkapp.com',
        inactive: true,
      }),
    ]);
  });

  it('answers 404 for what it does not have, 405 for a wrong method', async () => {
    const missing = await get('/mailbox/api/messages/no-such-id');
    expect(missing.status).toBe(404);
    expect(missing.json().error).toContain('no-such-id');
    expect((await get(`/mailbox/api/messages/${ids.report}/attachments/2`)).status).toBe(404);
    expect((await get('/mailbox/nothing-here')).status).toBe(404);
    expect((await get('/mailbox/assets/secret.txt')).status).toBe(404);
    const wrong = await browse(sandbox.url, '/mailbox/api/events', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
  });
});

describe('what the mailbox serves, and how', () => {
  it('serves the page with a strict policy, and its own files only', async () => {
    const page = await get('/mailbox');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // No inline script or style: the policy would refuse them.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page.text).not.toMatch(/<style|\sstyle=|\son\w+=/);
    const files = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(files).toEqual(['/mailbox/assets/mailbox.css', '/mailbox/assets/mailbox.js']);
    const types = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
    const served: string[] = [];
    for (let file = files.shift(); file !== undefined; file = files.shift()) {
      const asset = await get(file);
      expect({ file, status: asset.status }).toEqual({ file, status: 200 });
      expect(asset.headers['content-type']).toBe(types[file.endsWith('.css') ? 'css' : 'js']);
      expect(asset.headers['x-content-type-options']).toBe('nosniff');
      // Each file as written (vitest would empty the style sheet if not told otherwise).
      const name = file.slice('/mailbox/assets/'.length);
      const source = new URL(`../../src/sandbox/mailbox/page/${name}`, import.meta.url);
      expect(asset.text).toBe(readFileSync(source, 'utf8'));
      // Nothing from another host: no CDN, no font service.
      expect(asset.text).not.toMatch(/https?:\/\/|\/\/cdn|@import/);
      served.push(file);
      // The modules the script imports, in turn.
      for (const [, module] of asset.text.matchAll(/^import [^;]*? from '\.\/([\w-]+\.js)';/gms))
        if (!served.includes(`/mailbox/assets/${module}`)) files.push(`/mailbox/assets/${module}`);
    }
    expect(served.sort()).toEqual(
      ['dom.js', 'mailbox.css', 'mailbox.js', 'message.js'].map(
        (name) => `/mailbox/assets/${name}`,
      ),
    );
    expect((await get('/mailbox/')).status).toBe(200);
  });

  it("serves a message's HTML in a sandbox of its own, with cid: images inlined", async () => {
    const html = await get(`/mailbox/api/messages/${ids.report}/html`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = String(html.headers['content-security-policy']).split('; ');
    expect(policy[0]).toBe('sandbox'); // no allow-scripts, no allow-same-origin
    expect(policy).toContain("default-src 'none'");
    expect(policy.join(';')).not.toMatch(/script|allow-/);
    expect(html.text).toBe(
      `<p><img src="data:image/png;base64,${PIXEL}" alt="logo"> <img src="cid:missing"> Report</p>`,
    );
  });

  it('serves attachments as downloads that nothing can run', async () => {
    const file = await get(`/mailbox/api/messages/${ids.report}/attachments/1`);
    expect(file.status).toBe(200);
    expect(file.text).toBe('<script>1</script>');
    expect(file.headers['content-type']).toBe('text/html');
    expect(file.headers['content-disposition']).toBe("attachment; filename*=UTF-8''notes.html");
    expect(file.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const image = await get(`/mailbox/api/messages/${ids.report}/attachments/0`);
    expect(image.bytes.equals(Buffer.from(PIXEL, 'base64'))).toBe(true);
  });

  it('never shows the server token', async () => {
    const everything = [
      '/mailbox',
      '/mailbox/assets/mailbox.js',
      '/mailbox/api/messages',
      ...Object.values(ids).flatMap((id) => [
        `/mailbox/api/messages/${id}`,
        `/mailbox/api/messages/${id}/html`,
      ]),
      `/mailbox/api/messages/${ids.report}/attachments/0`,
    ];
    for (const path of everything) {
      const answer = await get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(answer.text).not.toContain(TOKEN);
    }
  });

  it('sends a browser from / to the mailbox, and API clients on as before', async () => {
    const browser = await browse(sandbox.url, '/', { headers: { Accept: 'text/html,*/*' } });
    expect(browser.status).toBe(302);
    expect(browser.headers.location).toBe('/mailbox');
    const client = await browse(sandbox.url, '/', { headers: { Accept: 'application/json' } });
    expect(client.status).toBe(404);
    expect(client.json().Message).toBe('No such endpoint: GET /');
  });

  it('draws no faults and stays out of the request log', async () => {
    sandbox.setFaults({ rate500: 1 });
    try {
      expect((await get('/mailbox/api/messages')).status).toBe(200);
      expect((await api.get('/server')).status).toBe(500); // the API still fails as set
    } finally {
      sandbox.setFaults({});
    }
    expect(sandbox.requests().filter((entry) => entry.path.startsWith('/mailbox'))).toEqual([]);
  });

  it('clears from its own page only: messages, events and bounces go', async () => {
    const foreign = await browse(sandbox.url, '/mailbox/api/messages', {
      method: 'DELETE',
      headers: { Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(sandbox.messages()).toHaveLength(3);

    const own = await browse(sandbox.url, '/mailbox/api/messages', {
      method: 'DELETE',
      headers: { Origin: sandbox.url },
    });
    expect(own.status).toBe(200);
    expect(own.json()).toEqual({ cleared: true });
    expect(sandbox.messages()).toEqual([]);
    expect(sandbox.bounces()).toEqual([]);
    expect((await get('/mailbox/api/messages')).json()).toEqual({ totalCount: 0, messages: [] });
    // The bounced address is active again: clearing forgot the bounce that suppressed it.
    const again = await api.post(
      '/email',
      message({ To: 'HardBounce@bounce-testing.postmarkapp.com' }),
    );
    expect(again.body.ErrorCode).toBe(0);
  });
});
