import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../../src/postmark/answers.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 0 });
  api = client(sandbox);
});
afterAll(() => sandbox.close());

const html = '<a href="https://example.com/a">a</a>';

describe('GET and PUT /server', () => {
  it('checks every change as Postmark does, all or nothing', async () => {
    const put = (body: unknown, token?: string) =>
      api.call('PUT', '/server', JSON.stringify(body), { token });
    for (const [body, rule] of [
      [{ InboundSpamThreshold: 31 }, /InboundSpamThreshold must be a whole number from 0 to 30/],
      [{ Color: 'pink' }, /Color must be one of purple/],
      [{ BounceHookUrl: 'not a url' }, /BounceHookUrl is not an absolute URL/],
      [{ TrackLinks: 'All' }, /TrackLinks must be one of None/],
      [{ Name: ' ' }, /Name is required/],
      [{ Name: 'Kept?', TrackOpens: 'yes' }, /TrackOpens must be true or false/],
    ] as const) {
      const answer = await put(body);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ ErrorCode: 300, Message: expect.stringMatching(rule) });
    }
    expect((await api.get('/server')).body.Name).toBe('Sandbox');
    // Read-only and unknown fields are ignored, as Postmark ignores them.
    const edited = await put({ ID: 9, ApiTokens: [], Unknown: 1, Name: 'Renamed', Color: 'RED' });
    expect(edited.body).toMatchObject({ ID: 1, Name: 'Renamed', Color: 'red' });
    expect(edited.body.ApiTokens).toEqual([sandbox.token]);
    // The test token checks a change without keeping it.
    expect((await put({ Name: 'Test' }, TEST_TOKEN)).body.Name).toBe('Test');
    expect(sandbox.serverSettings().Name).toBe('Renamed');
  });
});

describe('POST /sandbox/messages/{id}/opens and /clicks', () => {
  it('records an open and a click that Postmark would have recorded', async () => {
    const sent = await api.post(
      '/email',
      message({ HtmlBody: html, TrackOpens: true, TrackLinks: 'HtmlOnly', Tag: 't' }),
    );
    const id = sent.body.MessageID;
    const opened = await api.post(`/sandbox/messages/${id}/opens`, { Platform: 'WebMail' });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      RecordType: 'Open',
      MessageID: id,
      Recipient: 'ada@example.com',
      FirstOpen: true,
      Platform: 'WebMail',
      Tag: 't',
      Client: null,
    });
    const clicked = await api.post(`/sandbox/messages/${id}/clicks`, {
      OriginalLink: 'https://example.com/a',
    });
    expect(clicked.body).toMatchObject({ RecordType: 'Click', ClickLocation: 'HTML' });
    const opens = await api.get('/messages/outbound/opens?count=10&offset=0&platform=webmail');
    expect(opens.body.TotalCount).toBe(1);
    expect(
      (await api.get(`/messages/outbound/clicks/${id}?count=10&offset=0`)).body.TotalCount,
    ).toBe(1);
    expect((await api.get('/messages/outbound/opens?count=10')).status).toBe(422);
  });

  it('refuses a simulation that names its problem', async () => {
    const sent = await api.post('/email', message({ TrackOpens: true }));
    const id = sent.body.MessageID;
    const cases = [
      [{ Platform: 'Phone' }, /Platform must be one of Desktop, Mobile, WebMail, Unknown/],
      [{ ReadSeconds: -1 }, /ReadSeconds must be a whole number/],
      [{ Client: { Name: 1 } }, /Client must be an object of strings/],
      [[], /must be a JSON object/],
    ] as const;
    for (const [body, rule] of cases) {
      const answer = await api.post(`/sandbox/messages/${id}/opens`, body);
      expect(answer.status).toBe(422);
      expect(answer.body.Message).toMatch(rule);
    }
    const missing = await api.post('/sandbox/messages/nope/opens', {});
    expect(missing.body).toMatchObject({ ErrorCode: 701 });
    // Nothing refused was recorded.
    expect((await api.get('/messages/outbound/opens?count=10&offset=0')).body.TotalCount).toBe(1);
  });

  it('records 10,000 opens with the right first opens and counts', async () => {
    // Many opens of many messages: each (message, recipient) has one first open, whichever
    // came before; the searches count them all. (How long it takes is for a benchmark.)
    const busy = await startSandbox({ eventDelayMs: 0 });
    try {
      const raw = client(busy);
      const ids: string[] = [];
      for (let index = 0; index < 20; index++) {
        const sent = await raw.post(
          '/email',
          message({ To: 'ada@example.com, bob@example.com', TrackOpens: true }),
        );
        ids.push(sent.body.MessageID);
      }
      const recipients = ['ada@example.com', 'bob@example.com'];
      const firsts: string[] = [];
      for (let index = 0; index < 10_000; index++) {
        const id = ids[index % 20] as string;
        const recipient = recipients[Math.floor(index / 20) % 2] as string;
        const open = busy.simulateOpen(id, { Recipient: recipient });
        expect(open.Recipient).toBe(recipient);
        if (open.FirstOpen) firsts.push(`${index}`);
      }
      // The first 20 opens are ada's of each message, the next 20 bob's; none after is first.
      expect(firsts).toEqual(Array.from({ length: 40 }, (_, index) => `${index}`));
      const all = await raw.get('/messages/outbound/opens?count=500&offset=0');
      expect(all.body.TotalCount).toBe(10_000);
      expect(all.body.Opens).toHaveLength(500);
      for (const id of [ids[0], ids[19]]) {
        const one = await raw.get(`/messages/outbound/opens/${id}?count=500&offset=0`);
        expect(one.body.TotalCount).toBe(500);
        const first = one.body.Opens.filter((open: { FirstOpen: boolean }) => open.FirstOpen);
        expect(first.map((open: { Recipient: string }) => open.Recipient).sort()).toEqual(
          recipients,
        );
      }
      // A reset forgets them: the next open of a new message is its first again.
      busy.reset();
      const again = (await raw.post('/email', message({ TrackOpens: true }))).body.MessageID;
      expect(busy.simulateOpen(again).FirstOpen).toBe(true);
      expect(busy.simulateOpen(again).FirstOpen).toBe(false);
    } finally {
      await busy.close();
    }
  });

  it('shows an open of a message still on its way once it is delivered', async () => {
    const slow = await startSandbox({ eventDelayMs: 60_000 });
    try {
      const raw = client(slow);
      const id = (await raw.post('/email', message({ TrackOpens: true }))).body.MessageID;
      slow.simulateOpen(id);
      const list = () => raw.get('/messages/outbound/opens?count=10&offset=0');
      expect((await list()).body.TotalCount).toBe(0);
      slow.flushEvents();
      expect((await list()).body.TotalCount).toBe(1);
    } finally {
      await slow.close();
    }
  });
});
