import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, eventually, message } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 20 });
  api = client(sandbox);
});
afterAll(() => sandbox.close());

const bouncing = (type: string, suffix: string) =>
  `${type}+${suffix}@bounce-testing.postmarkapp.com`;

/** `YYYY-MM-DDTHH:mm:ss` as clocks in New York showed it at `instant`. */
function easternWallClock(instant: number): string {
  // sv-SE writes ISO-like dates: 2024-05-01 08:00:00
  const text = new Date(instant).toLocaleString('sv-SE', { timeZone: 'America/New_York' });
  return text.replace(' ', 'T');
}

/** Sends to `to` and waits until its bounce is visible. */
async function bounceOf(to: string, overrides: Record<string, unknown> = {}) {
  const sent = await api.post('/email', message({ To: to, ...overrides }));
  expect(sent.status).toBe(200);
  const id = sent.body.MessageID as string;
  const found = await eventually(async () => {
    const list = await api.get(`/bounces?count=10&offset=0&messageID=${id}`);
    return list.body.Bounces[0];
  });
  return { messageId: id, bounce: found };
}

describe('bounce-testing addresses', () => {
  it('accepts the send, then shows a hard bounce in /bounces, /bounces/{id} and the message events', async () => {
    const to = bouncing('hardbounce', 'a');
    const { messageId, bounce } = await bounceOf(to, { Tag: 'signup', Subject: 'Welcome' });
    expect(bounce).toMatchObject({
      ID: expect.any(Number),
      Type: 'HardBounce',
      TypeCode: 1,
      Name: 'Hard bounce',
      Tag: 'signup',
      MessageID: messageId,
      Email: to,
      From: 'app@example.com',
      Subject: 'Welcome',
      DumpAvailable: true,
      Inactive: true,
      CanActivate: true,
      MessageStream: 'outbound',
    });
    expect(typeof bounce.Description).toBe('string');
    expect(typeof bounce.Details).toBe('string');
    expect(new Date(bounce.BouncedAt).toISOString()).toBe(bounce.BouncedAt);

    const single = await api.get(`/bounces/${bounce.ID}`);
    expect(single.body).toEqual(bounce);
    const dump = await api.get(`/bounces/${bounce.ID}/dump`);
    expect(dump.body.Body).toContain(to);

    const details = await api.get(`/messages/outbound/${messageId}/details`);
    expect(details.body.MessageEvents).toEqual([
      {
        Recipient: to,
        Type: 'Bounced',
        ReceivedAt: bounce.BouncedAt,
        Details: expect.objectContaining({ BounceID: String(bounce.ID) }),
      },
    ]);
  });

  it('maps other local parts to their bounce types', async () => {
    const soft = await bounceOf(bouncing('softbounce', 'a'));
    expect(soft.bounce).toMatchObject({
      Type: 'SoftBounce',
      TypeCode: 4096,
      Inactive: false,
      CanActivate: false,
    });
    const spam = await bounceOf(bouncing('SpamComplaint', 'a'));
    expect(spam.bounce).toMatchObject({
      Type: 'SpamComplaint',
      TypeCode: 100001,
      Inactive: true,
      CanActivate: false,
    });
    const transient = await bounceOf(bouncing('transient', 'a'));
    expect(transient.bounce).toMatchObject({ Type: 'Transient', TypeCode: 2 });
    const details = await api.get(`/messages/outbound/${transient.messageId}/details`);
    expect(details.body.MessageEvents.map((event: { Type: string }) => event.Type)).toEqual([
      'Transient',
    ]);
  });

  it('lists bounces in /deliverystats and /bounces/tags', async () => {
    await bounceOf(bouncing('hardbounce', 'stats'), { Tag: 'stats-tag' });
    const stats = await api.get('/deliverystats');
    expect(stats.status).toBe(200);
    const all = stats.body.Bounces.find((entry: { Name: string }) => entry.Name === 'All');
    const hard = stats.body.Bounces.find((entry: { Type?: string }) => entry.Type === 'HardBounce');
    const bounces = sandbox.bounces();
    expect(all).toEqual({ Name: 'All', Count: bounces.length });
    expect(hard).toEqual({
      Type: 'HardBounce',
      Name: 'Hard bounce',
      Count: bounces.filter((b) => b.Type === 'HardBounce').length,
    });
    expect(stats.body.InactiveMails).toBe(
      new Set(bounces.filter((b) => b.Inactive).map((b) => b.Email)).size,
    );
    const tags = await api.get('/bounces/tags');
    expect(tags.body).toContain('stats-tag');
  });

  it('rejects later sends to an inactive address with ErrorCode 406 naming it', async () => {
    const to = bouncing('hardbounce', 'inactive');
    await bounceOf(to);
    const response = await api.post('/email', message({ To: `ada@example.com, ${to}` }));
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(406);
    expect(response.body.Message).toContain(
      'You tried to send to recipient(s) that have been marked as inactive.',
    );
    expect(response.body.Message).toContain(`Found inactive addresses: ${to}.`);
    // Inside a batch the inactive message fails alone.
    const batch = await api.post('/email/batch', [message(), message({ Cc: to.toUpperCase() })]);
    expect(batch.body.map((result: { ErrorCode: number }) => result.ErrorCode)).toEqual([0, 406]);
    // Suppressions are per message stream.
    expect((await api.post('/email', message({ To: to, MessageStream: 'broadcast' }))).status).toBe(
      200,
    );
  });

  it('activates a bounce so the address can be sent to again', async () => {
    const to = bouncing('hardbounce', 'activate');
    const { bounce } = await bounceOf(to);
    const activated = await api.put(`/bounces/${bounce.ID}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.Message).toBe('OK');
    expect(activated.body.Bounce).toMatchObject({ ID: bounce.ID, Inactive: false });
    expect((await api.get(`/bounces/${bounce.ID}`)).body.Inactive).toBe(false);
    expect((await api.post('/email', message({ To: to }))).status).toBe(200);
  });

  it('answers ErrorCode 1003 when a bounce cannot be activated', async () => {
    const { bounce } = await bounceOf(bouncing('spamcomplaint', 'activate'));
    const response = await api.put(`/bounces/${bounce.ID}/activate`);
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(1003);
  });

  it('answers 422 with ErrorCode 1000 for an unknown bounce id', async () => {
    for (const path of ['/bounces/987654321', '/bounces/not-a-number', '/bounces/987654321/dump']) {
      const response = await api.get(path);
      expect(response.status, path).toBe(422);
      expect(response.body.ErrorCode, path).toBe(1000);
    }
    expect((await api.put('/bounces/987654321/activate')).body.ErrorCode).toBe(1000);
  });
});

describe('GET /bounces paging and filters', () => {
  it('requires count and offset, count ≤ 500 and count + offset ≤ 10,000', async () => {
    const cases: [string, number][] = [
      ['/bounces?offset=0', 422],
      ['/bounces?count=10', 422],
      ['/bounces?count=0&offset=0', 422],
      ['/bounces?count=501&offset=0', 422],
      ['/bounces?count=500&offset=9501', 422],
      ['/bounces?count=abc&offset=0', 422],
      ['/bounces?count=500&offset=9500', 200],
      ['/bounces?count=1&offset=0', 200],
    ];
    for (const [path, status] of cases) {
      const response = await api.get(path);
      expect(response.status, path).toBe(status);
      if (status === 422) expect(response.body.ErrorCode, path).toBe(300);
    }
  });

  it('names, past the window, only the filters each search takes', async () => {
    const past = 'count=500&offset=9501';
    const told = async (path: string) => {
      const response = await api.get(`${path}${path.includes('?') ? '&' : '?'}${past}`);
      expect(response.status, path).toBe(422);
      return response.body.Message as string;
    };
    const window = 'count + offset must be at most 10000; got 10001.';
    for (const dated of ['/bounces', '/messages/outbound', '/messages/inbound'])
      expect(await told(dated)).toBe(`${window} Narrow the search with fromdate and todate.`);
    // Opens and clicks take no date filter: their other filters are the way.
    const opens = await told('/messages/outbound/opens');
    expect(opens).toMatch(
      /^count \+ offset must be at most 10000; got 10001\. Narrow the search with recipient, tag, messagestream, platform, client_name, /,
    );
    expect(opens).not.toMatch(/fromdate|todate/);
    expect(await told('/templates')).toBe(
      `${window} Narrow the search with templatetype, layouttemplate (each narrower search has its own window of 10000).`,
    );
    // A list that takes no filter is told of none.
    for (const bare of ['/messages/outbound/opens/some-id', '/triggers/inboundrules'])
      expect(await told(bare)).toBe(window);
  });

  it('filters by type, inactive, emailFilter and tag, newest first, with TotalCount', async () => {
    const first = await bounceOf(bouncing('hardbounce', 'filter1'), { Tag: 'filter' });
    const second = await bounceOf(bouncing('softbounce', 'filter2'), { Tag: 'filter' });
    const byTag = await api.get('/bounces?count=10&offset=0&tag=filter');
    expect(byTag.body.TotalCount).toBe(2);
    expect(byTag.body.Bounces.map((b: { ID: number }) => b.ID)).toEqual([
      second.bounce.ID,
      first.bounce.ID,
    ]);
    const hard = await api.get('/bounces?count=10&offset=0&tag=filter&type=HardBounce');
    expect(hard.body.Bounces.map((b: { ID: number }) => b.ID)).toEqual([first.bounce.ID]);
    const active = await api.get('/bounces?count=10&offset=0&tag=filter&inactive=false');
    expect(active.body.Bounces.map((b: { ID: number }) => b.ID)).toEqual([second.bounce.ID]);
    const email = await api.get('/bounces?count=10&offset=0&emailFilter=FILTER2');
    expect(email.body.Bounces.map((b: { ID: number }) => b.ID)).toEqual([second.bounce.ID]);
    const paged = await api.get('/bounces?count=1&offset=1&tag=filter');
    expect(paged.body).toMatchObject({ TotalCount: 2, Bounces: [{ ID: first.bounce.ID }] });
    expect((await api.get('/bounces?count=10&offset=0&type=Nonsense')).body.ErrorCode).toBe(300);
    expect((await api.get('/bounces?count=10&offset=0&inactive=maybe')).body.ErrorCode).toBe(300);
  });

  it('filters by fromdate and todate, reading dates without a zone as US Eastern time', async () => {
    const { bounce } = await bounceOf(bouncing('hardbounce', 'dates'), { Tag: 'dates' });
    const at = Date.parse(bounce.BouncedAt);
    const count = async (filter: string) =>
      (await api.get(`/bounces?count=10&offset=0&tag=dates&${filter}`)).body.TotalCount;

    const day = easternWallClock(at).slice(0, 10);
    expect(await count(`fromdate=${day}&todate=${day}`)).toBe(1);
    // A minute either side, as New York clocks showed it: 4 or 5 hours off if read as UTC.
    const before = easternWallClock(at - 60_000);
    const after = easternWallClock(at + 60_000);
    expect(await count(`fromdate=${before}&todate=${after}`)).toBe(1);
    expect(await count(`fromdate=${after}`)).toBe(0);
    expect(await count(`todate=${before}`)).toBe(0);
    // With a zone, the instant as written.
    expect(await count(`fromdate=${new Date(at + 60_000).toISOString()}`)).toBe(0);
    expect(await count(`fromdate=${new Date(at - 60_000).toISOString()}`)).toBe(1);
    const later = await api.get('/bounces?count=10&offset=0&tag=dates&fromdate=2999-01-01');
    expect(later.body.TotalCount).toBe(0);
    expect((await api.get('/bounces?count=10&offset=0&fromdate=yesterday')).body.ErrorCode).toBe(
      300,
    );
  });
});

describe('event timing', () => {
  it('shows no event before the delay and the terminal one after it', async () => {
    const slow = await startSandbox({ eventDelayMs: 60_000 });
    try {
      const slowApi = client(slow);
      const sent = await slowApi.post(
        '/email',
        message({ To: 'ada@example.com', Cc: bouncing('hardbounce', 'slow') }),
      );
      const path = `/messages/outbound/${sent.body.MessageID}/details`;
      const before = await slowApi.get(path);
      expect(before.body.MessageEvents).toEqual([]);
      expect(before.body.Status).toBe('Queued');
      expect((await slowApi.get('/bounces?count=10&offset=0')).body.TotalCount).toBe(0);
      // Not inactive yet: the bounce has not happened.
      expect(
        (await slowApi.post('/email', message({ To: bouncing('hardbounce', 'slow') }))).status,
      ).toBe(200);

      slow.flushEvents();
      const after = await slowApi.get(path);
      expect(after.body.Status).toBe('Sent');
      expect(
        after.body.MessageEvents.map((event: { Type: string; Recipient: string }) => [
          event.Recipient,
          event.Type,
        ]),
      ).toEqual([
        ['ada@example.com', 'Delivered'],
        [bouncing('hardbounce', 'slow'), 'Bounced'],
      ]);
      expect((await slowApi.get('/bounces?count=10&offset=0')).body.TotalCount).toBe(2);
    } finally {
      await slow.close();
    }
  });

  it('lets a poller see the Delivered event appear on its own', async () => {
    const sent = await api.post('/email', message({ To: 'poll@example.com' }));
    const events = await eventually(async () => {
      const details = await api.get(`/messages/outbound/${sent.body.MessageID}/details`);
      return details.body.MessageEvents.length > 0 ? details.body.MessageEvents : undefined;
    });
    expect(events).toEqual([
      {
        Recipient: 'poll@example.com',
        Type: 'Delivered',
        ReceivedAt: expect.any(String),
        Details: expect.any(Object),
      },
    ]);
  });
});
