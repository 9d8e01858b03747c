import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, Sender, Server } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { launchChromium } from '../helpers/chromium.mjs';
import { startServer, type TestServer } from '../helpers/server.js';

// The mailbox in a real headless Chromium, as a developer uses it: messages sent through the
// SDK, the page open beside them. Every wait is on a condition of the page, never a sleep.

const TOKEN = 'browser-secret-token-5d1e8a';
// A 3×2 PNG, sent as an inline image.
const LOGO =
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGNQibgGQQxwFgBLIAftR1lFLwAAAABJRU5ErkJggg==';
// Each way a message could try to run script; each leaves a mark if it runs.
const EVIL_HTML = `<html><head><title>untouched</title></head><body>
<p id="evil">Nothing to see</p>
<script>document.title = 'ran'; document.body.dataset.script = 'ran';
try { parent.document.body.dataset.pwned = 'yes'; } catch {}</script>
<img src="cid:nothing-here" onerror="document.body.dataset.onerror = 'ran'">
</body></html>`;
// Metadata the Delivery webhook carries back: the mailbox must show it as text.
const HOSTILE = '<img src="x" onerror="document.body.dataset.pwned = \'yes\'">';

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let mailer: Sender;
/** The app's webhook receiver: answers 503 to the first post once let, 200 after. */
let receiver: TestServer;
/** Lets the receiver answer its first post: until then the post is on its way. */
let answerFirst: () => void;
const firstAnswered = new Promise<void>((resolve) => {
  answerFirst = resolve;
});
/** What the SDK posted, by subject: the JSON tab must show exactly this. */
const posted = new Map<string, unknown>();
const ids: Record<string, string> = {};
const consoleLines: string[] = [];

/** What Chromium logged about scripts it did not run in the HTML frame of message `id`. */
const blockedScripts = (id: string | undefined) =>
  consoleLines.filter(
    (line) => line.startsWith('Blocked script execution') && line.includes(`/messages/${id}/html`),
  );

/** Resolves once `condition` holds, checking every 10 ms for at most 5 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not met within 5 s: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Records each request body the Sender sends, then sends it.
const recordingFetch: typeof fetch = async (input, init) => {
  const body = input instanceof Request ? await input.clone().text() : String(init?.body);
  const json = JSON.parse(body);
  posted.set(json.Subject ?? json.TemplateAlias, json);
  return fetch(input, init);
};

beforeAll(async () => {
  receiver = await startServer((_, res, index) => {
    if (index === 0) void firstAnswered.then(() => res.writeHead(503).end());
    else res.writeHead(200).end();
  });
  sandbox = await startSandbox({
    token: TOKEN,
    eventDelayMs: 20,
    webhookRetryDelaysMs: [0],
    templates: [
      {
        Name: 'Receipt',
        Alias: 'receipt',
        Subject: 'Receipt {{number}}',
        TextBody: 'Thanks {{name}}, receipt {{number}}.',
      },
    ],
  });
  mailer = new Sender({
    serverToken: TOKEN,
    baseUrl: sandbox.url,
    defaults: Message.from('App <app@example.com>'),
    fetch: recordingFetch,
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (entry) => consoleLines.push(entry.text()));
  await page.setViewport({ width: 1280, height: 800 });

  ids.welcome = (
    await mailer.send(
      Message.to('Ada Lovelace <ada@example.com>')
        .subject('Welcome, Ada')
        .html('<h1>Welcome</h1><img id="logo" src="cid:logo" alt="logo">')
        .text('Welcome, Ada. Your account is ready.')
        .attach({ name: 'logo.png', content: Buffer.from(LOGO, 'base64'), contentId: 'cid:logo' })
        .attach({ name: 'terms.txt', content: 'Be kind.' })
        .header('X-Campaign', 'spring')
        .metadata({ userId: '42' })
        .tag('welcome')
        .trackOpens(true),
    )
  ).messageId;
  ids.evil = (
    await mailer.send(Message.to('bob@example.com').subject('Script inside').html(EVIL_HTML))
  ).messageId;
  ids.bounce = (
    await mailer.send(
      Message.to('HardBounce@bounce-testing.postmarkapp.com').subject('Digest').text('News'),
    )
  ).messageId;
  ids.receipt = (
    await mailer.sendWithTemplate(
      Message.to('carol@example.com').template('receipt', { name: 'Carol', number: 'R-7' }),
    )
  ).messageId;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await receiver?.close();
});

const subjects = () =>
  page.$$eval('#messages a.message .subject', (nodes) => nodes.map((node) => node.textContent));

/** Opens a message by its link and waits until its detail shows. */
async function open(id: string | undefined) {
  await page.click(`#messages a[data-id="${id}"]`);
  await page.waitForSelector(`#detail[data-id="${id}"] [role="tab"]`);
}

async function showTab(name: string) {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#panel-${name}:not([hidden])`);
}

const panelText = (name: string) => page.$eval(`#panel-${name}`, (node) => node.textContent ?? '');

/** The frame showing the HTML of message `id`, loaded. */
async function htmlFrame(id: string | undefined): Promise<Frame> {
  const frame = await page.waitForFrame((candidate) =>
    candidate.url().endsWith(`/mailbox/api/messages/${id}/html`),
  );
  await frame.waitForFunction(() => document.readyState === 'complete');
  return frame;
}

describe('the mailbox in a browser', () => {
  it('lists the messages newest first, and their status as the events happen', async () => {
    await page.goto(sandbox.mailboxUrl as string);
    await page.waitForSelector('#live[data-state="live"]');
    await page.waitForFunction(() => document.querySelectorAll('#messages a.message').length === 4);
    expect(await subjects()).toEqual(['Receipt R-7', 'Digest', 'Script inside', 'Welcome, Ada']);
    // Delivery events come 20 ms after each send: the feed brings the new statuses.
    await page.waitForSelector(`#messages a[data-id="${ids.bounce}"][data-status="bounced"]`);
    await page.waitForSelector(`#messages a[data-id="${ids.welcome}"][data-status="sent"]`);
    const welcome = await page.$eval(`#messages a[data-id="${ids.welcome}"]`, (node) =>
      node.textContent?.replace(/\s+/g, ' '),
    );
    for (const part of ['Ada Lovelace <ada@example.com>', 'from App', 'welcome', 'outbound'])
      expect(welcome).toContain(part);
    expect(await page.$eval('#count', (node) => node.textContent)).toBe('4 messages');
  });

  it('shows a message sent while the page is open, at once', async () => {
    ids.late = (
      await mailer.send(Message.to('dan@example.com').subject('Sent later').text('Hi'))
    ).messageId;
    await page.waitForFunction(
      () => document.querySelector('#messages a.message .subject')?.textContent === 'Sent later',
    );
    expect(await subjects()).toHaveLength(5);
  });

  it('is driven by the keyboard: Tab to the list, arrows and Enter to open', async () => {
    await page.focus('#search');
    await page.keyboard.press('Tab'); // the Clear button
    await page.keyboard.press('Tab'); // the newest message
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(
      ids.late,
    );
    await page.keyboard.press('ArrowDown'); // moves and opens
    await page.waitForSelector(`#detail[data-id="${ids.receipt}"]`);
    expect(await page.$eval('#subject', (node) => node.textContent)).toBe('Receipt R-7');
    await page.keyboard.press('End');
    await page.waitForSelector(`#detail[data-id="${ids.welcome}"]`);

    await page.focus(`#messages a[data-id="${ids.bounce}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#detail[data-id="${ids.bounce}"]`);
    // The tabs follow the arrow keys too.
    await page.focus('#tab-text');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#tab-headers[aria-selected="true"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-headers');
    expect(await page.$eval('#panel-headers', (node) => (node as HTMLElement).hidden)).toBe(false);
  });

  it('shows the HTML in a sandboxed frame, with its cid: image loaded', async () => {
    await open(ids.welcome);
    await showTab('html');
    const sandboxed = await page.$eval('#panel-html iframe', (node) =>
      node.getAttribute('sandbox'),
    );
    expect(sandboxed).toBe('');
    const frame = await htmlFrame(ids.welcome);
    await frame.waitForFunction(() => {
      const logo = document.getElementById('logo') as HTMLImageElement | null;
      return logo?.complete && logo.naturalWidth > 0;
    });
    const size = await frame.$eval('#logo', (node) => [
      (node as HTMLImageElement).naturalWidth,
      (node as HTMLImageElement).naturalHeight,
    ]);
    expect(size).toEqual([3, 2]);
    expect(await frame.$eval('h1', (node) => node.textContent)).toBe('Welcome');
  });

  it('shows the text, the headers and exactly the JSON the SDK sent', async () => {
    await showTab('text');
    expect(await panelText('text')).toBe('Welcome, Ada. Your account is ready.');

    await showTab('headers');
    const headers = await page.$$eval('#panel-headers tbody tr', (rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent)),
    );
    expect(headers).toContainEqual(['X-Campaign', 'spring']);
    expect(headers).toContainEqual(['To', 'Ada Lovelace <ada@example.com>']);
    expect(headers).toContainEqual(['X-PM-Tag', 'welcome']);

    await showTab('json');
    const shown = await page.$eval('#panel-json pre', (node) => node.textContent ?? '');
    expect(JSON.parse(shown)).toEqual(posted.get('Welcome, Ada'));
    // The store never had the token, so no view of it can show it.
    expect(await page.content()).not.toContain(TOKEN);
  });

  it('lists the attachments, each one a download of its bytes', async () => {
    await showTab('attachments');
    const rows = await page.$$eval('#panel-attachments tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((cell) => cell.textContent)),
    );
    expect(rows).toEqual([
      ['logo.png', 'image/png', `${Buffer.from(LOGO, 'base64').length} B`, 'cid:logo'],
      ['terms.txt', 'text/plain', '8 B', ''],
    ]);
    const terms = await page.$eval('#panel-attachments a[download="terms.txt"]', async (link) => {
      const response = await fetch((link as HTMLAnchorElement).href);
      return [response.headers.get('content-disposition'), await response.text()];
    });
    expect(terms).toEqual(["attachment; filename*=UTF-8''terms.txt", 'Be kind.']);
  });

  it('shows the events, and an open as it happens', async () => {
    await showTab('events');
    expect(await panelText('events')).toContain('Delivered');
    expect(await panelText('events')).toContain('ada@example.com');
    sandbox.simulateOpen(ids.welcome as string, { Client: { Name: 'Apple Mail' } });
    await page.waitForFunction(() =>
      document.querySelector('#panel-events')?.textContent?.includes('Opened with Apple Mail'),
    );
    expect(await page.$eval('#tab-events', (node) => node.textContent)).toBe('Events (2)');

    await open(ids.bounce);
    await showTab('events');
    const bounce = await panelText('events');
    expect(bounce).toContain('Bounced');
    expect(bounce).toContain('Bounces');
    expect(bounce).toContain('HardBounce@bounce-testing.postmarkapp.com');
  });

  it('shows the template and the model of a templated send', async () => {
    await open(ids.receipt);
    await showTab('template');
    const shown = await panelText('template');
    expect(shown).toContain('receipt');
    expect(shown).toContain('Receipt'); // the template's name
    const model = await page.$eval('#panel-template pre', (node) => node.textContent ?? '');
    expect(JSON.parse(model)).toEqual({ name: 'Carol', number: 'R-7' });
    await showTab('text');
    expect(await panelText('text')).toBe('Thanks Carol, receipt R-7.');
  });

  it("runs no script of a message's HTML", async () => {
    const marks = (frame: Frame) =>
      frame.evaluate(() => ({ title: document.title, ...document.body.dataset }));
    // First, that the marks work: the same HTML in a plain page runs both scripts (and, as it
    // is its own parent there, marks itself `pwned` too).
    const control = await browser.newPage();
    try {
      await control.setContent(EVIL_HTML);
      await control.waitForFunction(() => document.body.dataset.onerror === 'ran');
      expect(await marks(control.mainFrame())).toEqual({
        title: 'ran',
        script: 'ran',
        pwned: 'yes',
        onerror: 'ran',
      });
    } finally {
      await control.close();
    }

    await open(ids.evil);
    await showTab('html');
    const frame = await htmlFrame(ids.evil);
    expect(await frame.$eval('#evil', (node) => node.textContent)).toBe('Nothing to see');
    // Chromium says so for each script it refuses to run: the element and the handler.
    await until(() => blockedScripts(ids.evil).length === 2);
    expect(await marks(frame)).toEqual({ title: 'untouched' });
    expect(await page.evaluate(() => ({ ...document.body.dataset }))).toEqual({});
  });

  it('searches by recipient, subject and tag', async () => {
    const search = async (text: string, expected: string[]) => {
      await page.click('#search', { count: 3 }); // selects what is there
      await page.keyboard.press('Backspace');
      if (text) await page.type('#search', text);
      await page.waitForFunction(
        (wanted) =>
          JSON.stringify(
            Array.from(document.querySelectorAll('#messages a.message .subject')).map(
              (node) => node.textContent,
            ),
          ) === wanted,
        {},
        JSON.stringify(expected),
      );
    };
    await search('carol', ['Receipt R-7']);
    await search('welcome', ['Welcome, Ada']); // subject and tag
    await search('bounce-testing', ['Digest']);
    await search('nobody', []);
    expect(
      await page.$eval('#empty', (node) => [(node as HTMLElement).hidden, node.textContent]),
    ).toEqual([false, 'No message matches “nobody”.']);
    await search('', ['Sent later', 'Receipt R-7', 'Digest', 'Script inside', 'Welcome, Ada']);
  });

  it('shows the webhook posts of a message, readable at 1280×800, the payload folded', async () => {
    const server = new Server({ serverToken: TOKEN, baseUrl: sandbox.url });
    const triggers = { delivery: { enabled: true } };
    await server.webhooks.create({ url: `${receiver.url}/hooks/postmark`, triggers });
    // Not loopback: the sandbox does not post there, and its log says why (a long line).
    await server.webhooks.create({ url: 'https://hooks.example.com/postmark', triggers });
    ids.hooked = (
      await mailer.send(
        Message.to('erin@example.com')
          .subject('Hooked')
          .text('Hi')
          .metadata({ note: HOSTILE })
          .trackOpens(true),
      )
    ).messageId;
    // Opened while its first post waits for an answer: the feed brings each attempt to the
    // open page as it is made, the message is not opened again.
    await page.waitForSelector(`#messages a[data-id="${ids.hooked}"]`);
    await open(ids.hooked);
    await showTab('events');
    await until(() => receiver.requests.length === 1);
    const table = '#panel-events table.deliveries';
    // The refused post, logged at the event; the other waits for its answer.
    await page.waitForFunction(
      () => document.querySelectorAll('#panel-events tr.attempt').length === 1,
    );
    answerFirst();
    await sandbox.webhooksSettled();
    expect(sandbox.webhookDeliveries(ids.hooked)).toHaveLength(3);
    await page.waitForFunction(
      () => document.querySelectorAll('#panel-events tr.attempt').length === 3,
    );

    expect(await page.$$eval(`${table} th`, (ths) => ths.map((th) => th.textContent))).toEqual([
      'Time',
      'Event',
      'URL',
      'Attempt',
      'Status',
      'Outcome',
    ]);
    const rows = await page.$$eval(`${table} tr.attempt`, (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent).slice(1)),
    );
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Delivery', `${receiver.url}/hooks/postmark`, '1', '503', 'retrying'],
        ['Delivery', `${receiver.url}/hooks/postmark`, '2', '200', 'delivered'],
        ['Delivery', 'https://hooks.example.com/postmark', '1', 'not posted', 'refused'],
      ]),
    );
    expect(await panelText('events')).toContain('hooks.example.com is not a loopback address');

    // Readable on a laptop screen: the table fits the pane, each header is one line, each
    // attempt a line or two, and the payloads stay folded until opened.
    const layout = await page.$eval(table, (node) => ({
      right: node.getBoundingClientRect().right,
      viewport: window.innerWidth,
      scroll: document.documentElement.scrollWidth,
      heads: Array.from(node.querySelectorAll('th'), (th) => th.getBoundingClientRect().height),
      rows: Array.from(
        node.querySelectorAll('tbody tr'),
        (tr) => tr.getBoundingClientRect().height,
      ),
      lineHeight: Number.parseFloat(getComputedStyle(node).lineHeight),
      shownPayloads: Array.from(node.querySelectorAll('pre')).filter((pre) => pre.checkVisibility())
        .length,
    }));
    expect(layout.right).toBeLessThanOrEqual(layout.viewport);
    expect(layout.scroll).toBeLessThanOrEqual(layout.viewport);
    for (const height of layout.heads) expect(height).toBeLessThan(2 * layout.lineHeight + 12);
    expect(layout.rows).toHaveLength(6);
    for (const height of layout.rows) expect(height).toBeLessThan(3 * layout.lineHeight + 12);
    expect(layout.shownPayloads).toBe(0);

    // Opened, a payload is the JSON posted, as text: the markup in it is not markup.
    const delivered = sandbox
      .webhookDeliveries(ids.hooked)
      .find((delivery) => delivery.outcome === 'delivered');
    const details = `${table} details[data-id="${delivered?.id}"]`;
    await page.click(`${details} summary`);
    const pre = await page.$eval(`${details} pre`, (node) => ({
      text: node.textContent ?? '',
      shown: node.checkVisibility(),
    }));
    expect(pre.shown).toBe(true);
    expect(JSON.parse(pre.text)).toEqual(JSON.parse(receiver.requests[1]?.body ?? ''));
    expect(JSON.parse(pre.text).Metadata).toEqual({ note: HOSTILE });
    expect(await page.$$('#panel-events img')).toEqual([]);
    expect(await page.evaluate(() => ({ ...document.body.dataset }))).toEqual({});
    // A live update of the events leaves an opened payload open.
    sandbox.simulateOpen(ids.hooked as string);
    await page.waitForFunction(
      () => document.querySelector('#tab-events')?.textContent === 'Events (2)',
    );
    expect(await page.$eval(details, (node) => (node as HTMLDetailsElement).open)).toBe(true);
  });

  it('clears the mailbox', async () => {
    await page.click('#clear');
    await page.waitForFunction(() => document.querySelectorAll('#messages a.message').length === 0);
    expect(await page.$eval('#empty', (node) => (node as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval('#count', (node) => node.textContent)).toBe('0 messages');
    expect(sandbox.messages()).toEqual([]);
  });
});
