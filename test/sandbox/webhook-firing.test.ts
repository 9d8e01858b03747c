import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { hostRefusal } from '../../src/sandbox/webhook-deliveries.js';
import {
  closedPort,
  type RecordedRequest,
  startServer,
  type TestServer,
} from '../helpers/server.js';
import { client, message } from './helpers.js';
import { browse } from './mailbox-helpers.js';

// The sandbox posting its events, checked on the wire: a real HTTP receiver on 127.0.0.1
// records every post (raw JSON and headers) and answers as each test scripts it.

const ALL_ON = {
  Open: { Enabled: true },
  Click: { Enabled: true },
  Delivery: { Enabled: true },
  Bounce: { Enabled: true },
  SpamComplaint: { Enabled: true },
  SubscriptionChange: { Enabled: true },
};

let receiver: TestServer;
let answers: number[] = []; // the status of each next post; 200 once they run out
beforeAll(async () => {
  receiver = await startServer((_, res: ServerResponse) => {
    res.writeHead(answers.shift() ?? 200).end();
  });
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  answers = [];
});

const opened: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of opened.splice(0)) await sandbox.close();
});

async function sandboxWith(options: SandboxOptions = {}) {
  const sandbox = await startSandbox({ eventDelayMs: 0, webhookRetryDelaysMs: [0, 0], ...options });
  opened.push(sandbox);
  const api = client(sandbox);
  const webhook = async (json: Record<string, unknown>) =>
    (await api.post('/webhooks', { Url: `${receiver.url}/hooks`, ...json })).body;
  const send = async (json: Record<string, unknown> = {}) =>
    (await api.post('/email', message(json))).body.MessageID as string;
  const settle = async () => {
    sandbox.flushEvents();
    await sandbox.webhooksSettled();
  };
  return { sandbox, api, webhook, send, settle };
}

const posted = () => receiver.requests.map((request) => JSON.parse(request.body));
const header = (request: RecordedRequest | undefined, name: string) => request?.headers[name];

describe('Delivery, on accept', () => {
  it('posts Postmark’s JSON per recipient, with the webhook’s basic auth and headers', async () => {
    const { webhook, send, settle } = await sandboxWith();
    await webhook({
      HttpAuth: { Username: 'postmark', Password: 's3cret' },
      HttpHeaders: [{ Name: 'X-Token', Value: 'abc' }],
      Triggers: { Delivery: { Enabled: true } },
    });
    const id = await send({
      To: 'ada@example.com, bob@example.com',
      Tag: 'welcome',
      Metadata: { userId: '42' },
    });
    await settle();
    expect(posted()).toEqual(
      ['ada@example.com', 'bob@example.com'].map((recipient) => ({
        RecordType: 'Delivery',
        ServerID: 1,
        MessageStream: 'outbound',
        MessageID: id,
        Recipient: recipient,
        Tag: 'welcome',
        DeliveredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        Details: expect.stringContaining('250'),
        Metadata: { userId: '42' },
      })),
    );
    const [first, second] = receiver.requests;
    expect(first?.method).toBe('POST');
    expect(first?.url).toBe('/hooks');
    expect(header(first, 'authorization')).toBe(
      `Basic ${Buffer.from('postmark:s3cret').toString('base64')}`,
    );
    expect(header(first, 'x-token')).toBe('abc');
    expect(header(first, 'content-type')).toBe('application/json');
    expect(header(first, 'x-pm-webhook-trace-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(first, 'x-pm-webhook-trace-id')).not.toBe(
      header(second, 'x-pm-webhook-trace-id'),
    );
    expect(header(first, 'x-pm-retries-remaining')).toBeUndefined();
  });

  it('waits for the event’s time: nothing is posted before, everything on flushEvents()', async () => {
    const { sandbox, webhook, send, settle } = await sandboxWith({ eventDelayMs: 60_000 });
    await webhook({ Triggers: ALL_ON });
    await send();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(receiver.requests).toEqual([]);
    expect(sandbox.webhookDeliveries()).toEqual([]);
    await settle();
    expect(posted().map((json) => json.RecordType)).toEqual(['Delivery']);
  });

  it('posts only to the webhooks of the message’s stream whose trigger is on', async () => {
    const { webhook, send, settle } = await sandboxWith();
    await webhook({ Triggers: { Bounce: { Enabled: true } } }); // not Delivery
    await webhook({ MessageStream: 'broadcast', Triggers: ALL_ON }); // another stream
    const wanted = await webhook({ Url: `${receiver.url}/wanted`, Triggers: ALL_ON });
    await send();
    await settle();
    expect(receiver.requests.map((request) => request.url)).toEqual(['/wanted']);
    expect(wanted.ID).toBe(3);
  });

  it('the test token posts nothing', async () => {
    const { sandbox, api, webhook, settle } = await sandboxWith();
    await webhook({ Triggers: ALL_ON });
    const sent = await api.post('/email', message(), { token: 'POSTMARK_API_TEST' });
    expect(sent.status).toBe(200);
    await settle();
    expect(receiver.requests).toEqual([]);
    expect(sandbox.webhookDeliveries()).toEqual([]);
  });
});

describe('Bounce, SpamComplaint and the SubscriptionChange they make', () => {
  it('a hard bounce posts Bounce (Content only with IncludeContent) and SubscriptionChange', async () => {
    const { webhook, send, settle } = await sandboxWith();
    await webhook({ Url: `${receiver.url}/plain`, Triggers: ALL_ON });
    await webhook({
      Url: `${receiver.url}/content`,
      Triggers: { Bounce: { Enabled: true, IncludeContent: true } },
    });
    const id = await send({
      To: 'hardbounce@bounce-testing.postmarkapp.com',
      Tag: 't',
      Metadata: { a: '1' },
    });
    await settle();
    const byUrl = (url: string) =>
      receiver.requests.filter((r) => r.url === url).map((r) => JSON.parse(r.body));
    const [bounce, change] = byUrl('/plain');
    expect(bounce).toMatchObject({
      RecordType: 'Bounce',
      ID: 1,
      Type: 'HardBounce',
      TypeCode: 1,
      MessageID: id,
      Email: 'hardbounce@bounce-testing.postmarkapp.com',
      Inactive: true,
      CanActivate: true,
      Tag: 't',
      Metadata: { a: '1' },
      MessageStream: 'outbound',
    });
    expect(bounce).not.toHaveProperty('Content');
    expect(byUrl('/content')[0]?.Content).toMatch(/^From: Mail Delivery System/);
    expect(change).toEqual({
      RecordType: 'SubscriptionChange',
      MessageID: id,
      ServerID: 1,
      MessageStream: 'outbound',
      ChangedAt: expect.any(String),
      Recipient: 'hardbounce@bounce-testing.postmarkapp.com',
      Origin: 'Recipient',
      SuppressSending: true,
      SuppressionReason: 'HardBounce',
      Tag: 't',
      Metadata: { a: '1' },
    });
  });

  it('an address that bounces twice in one message is suppressed once', async () => {
    const { webhook, send, settle } = await sandboxWith();
    await webhook({ Triggers: ALL_ON });
    const to = 'hardbounce@bounce-testing.postmarkapp.com';
    await send({ To: to, Cc: to });
    await settle();
    expect(posted().map((json) => json.RecordType)).toEqual([
      'Bounce',
      'SubscriptionChange',
      'Bounce',
    ]);
  });

  it('a spam complaint goes to the SpamComplaint trigger, and suppresses', async () => {
    const { webhook, send, settle } = await sandboxWith();
    await webhook({
      Triggers: { SpamComplaint: { Enabled: true }, SubscriptionChange: { Enabled: true } },
    });
    await webhook({ Url: `${receiver.url}/bounces-only`, Triggers: { Bounce: { Enabled: true } } });
    await send({ To: 'spamcomplaint@bounce-testing.postmarkapp.com' });
    await settle();
    expect(receiver.requests.map((r) => [r.url, JSON.parse(r.body).RecordType])).toEqual([
      ['/hooks', 'SpamComplaint'],
      ['/hooks', 'SubscriptionChange'],
    ]);
    expect(posted()[1].SuppressionReason).toBe('SpamComplaint');
  });

  it('a soft bounce posts a Bounce and no SubscriptionChange (the address stays active)', async () => {
    const { webhook, send, settle } = await sandboxWith();
    await webhook({ Triggers: ALL_ON });
    await send({ To: 'softbounce@bounce-testing.postmarkapp.com' });
    await settle();
    expect(posted().map((json) => [json.RecordType, json.Type])).toEqual([
      ['Bounce', 'SoftBounce'],
    ]);
  });

  it('suppressing and deleting by hand post SubscriptionChange; a no-op change does not', async () => {
    const { api, webhook, settle } = await sandboxWith();
    await webhook({ Triggers: { SubscriptionChange: { Enabled: true } } });
    const list = { Suppressions: [{ EmailAddress: 'Ada@Example.com' }] };
    await api.post('/message-streams/outbound/suppressions', list);
    await api.post('/message-streams/outbound/suppressions', list); // already suppressed
    await api.post('/message-streams/outbound/suppressions/delete', list);
    await api.post('/message-streams/outbound/suppressions/delete', list); // not suppressed
    await settle();
    expect(posted()).toEqual([
      expect.objectContaining({
        RecordType: 'SubscriptionChange',
        MessageID: null,
        Recipient: 'Ada@Example.com',
        Origin: 'Customer',
        SuppressSending: true,
        SuppressionReason: 'ManualSuppression',
        Tag: null,
        Metadata: {},
      }),
      expect.objectContaining({ SuppressSending: false, SuppressionReason: 'ManualSuppression' }),
    ]);
  });

  it('reactivating a bounce posts a SubscriptionChange that lifts it', async () => {
    const { api, webhook, send, settle } = await sandboxWith();
    await send({ To: 'hardbounce@bounce-testing.postmarkapp.com' });
    await settle();
    await webhook({ Triggers: { SubscriptionChange: { Enabled: true } } });
    expect((await api.put('/bounces/1/activate')).status).toBe(200);
    await api.put('/bounces/1/activate'); // active already: nothing changes
    await settle();
    expect(posted()).toEqual([
      expect.objectContaining({
        Recipient: 'hardbounce@bounce-testing.postmarkapp.com',
        SuppressSending: false,
        SuppressionReason: 'HardBounce',
        Origin: 'Customer',
      }),
    ]);
  });
});

describe('Open and Click, when simulated', () => {
  it('posts each open with FirstOpen, and each click', async () => {
    const { sandbox, webhook, send, settle } = await sandboxWith();
    await webhook({ Triggers: { Open: { Enabled: true }, Click: { Enabled: true } } });
    const first = await webhook({
      Url: `${receiver.url}/first`,
      Triggers: { Open: { Enabled: true, PostFirstOpenOnly: true } },
    });
    const id = await send({
      TrackOpens: true,
      TrackLinks: 'HtmlAndText',
      HtmlBody: '<a href="https://example.com/x">x</a>',
    });
    await settle();
    sandbox.simulateOpen(id, { Platform: 'Mobile' });
    sandbox.simulateOpen(id);
    sandbox.simulateClick(id, { OriginalLink: 'https://example.com/x' });
    await settle();
    const hooks = receiver.requests
      .filter((r) => r.url === '/hooks')
      .map((r) => JSON.parse(r.body));
    expect(hooks.map((json) => [json.RecordType, json.FirstOpen])).toEqual([
      ['Open', true],
      ['Open', false],
      ['Click', undefined],
    ]);
    expect(hooks[0]).toMatchObject({
      MessageID: id,
      Platform: 'Mobile',
      Recipient: 'ada@example.com',
    });
    expect(hooks[2]).toMatchObject({
      OriginalLink: 'https://example.com/x',
      ClickLocation: 'HTML',
    });
    expect(receiver.requests.filter((r) => r.url === '/first')).toHaveLength(1);
    expect(first.Triggers.Open.PostFirstOpenOnly).toBe(true);
  });
});

describe('the server’s hook URLs (GET/PUT /server)', () => {
  it('post the default stream’s events, with the URL’s user:password as basic auth', async () => {
    const { sandbox, api, send, settle } = await sandboxWith();
    const hook = receiver.url.replace('http://', 'http://user:pa%3Ass@');
    await api.call(
      'PUT',
      '/server',
      JSON.stringify({
        DeliveryHookUrl: `${hook}/delivery`,
        BounceHookUrl: `${receiver.url}/bounce`,
        IncludeBounceContentInHook: true,
        OpenHookUrl: `${receiver.url}/open`,
        PostFirstOpenOnly: true,
      }),
    );
    const delivered = await send({ TrackOpens: true });
    await send({ To: 'hardbounce@bounce-testing.postmarkapp.com' });
    await send({ To: 'ada@example.com', MessageStream: 'broadcast' }); // not the default stream
    await settle();
    sandbox.simulateOpen(delivered);
    sandbox.simulateOpen(delivered);
    await settle();
    expect(receiver.requests.map((r) => [r.url, JSON.parse(r.body).RecordType])).toEqual([
      ['/delivery', 'Delivery'],
      ['/bounce', 'Bounce'],
      ['/open', 'Open'],
    ]);
    const [delivery, bounce] = receiver.requests;
    expect(header(delivery, 'authorization')).toBe(
      `Basic ${Buffer.from('user:pa:ss').toString('base64')}`,
    );
    expect(JSON.parse(bounce?.body ?? '{}').Content).toEqual(expect.any(String));
    const logged = sandbox.webhookDeliveries()[0];
    expect(logged).toMatchObject({ hook: 'DeliveryHookUrl', recordType: 'Delivery' });
    expect(logged?.url).toBe(`${receiver.url.replace('http://', 'http://user:***@')}/delivery`);
    expect(logged).not.toHaveProperty('webhookId');
  });
});

describe('retries and the delivery log', () => {
  it('retries a 5xx on the schedule, with X-PM-Retries-Remaining, and logs every attempt', async () => {
    const { sandbox, webhook, send, settle } = await sandboxWith({
      webhookRetryDelaysMs: [5, 5, 5],
    });
    const { ID } = await webhook({ Triggers: { Delivery: { Enabled: true } } });
    answers = [500, 503];
    const id = await send();
    await settle();
    expect(receiver.requests.map((r) => header(r, 'x-pm-retries-remaining'))).toEqual([
      undefined,
      '2', // retries left after this one
      '1',
    ]);
    const traces = new Set(receiver.requests.map((r) => header(r, 'x-pm-webhook-trace-id')));
    expect(traces.size).toBe(1);
    const log = sandbox.webhookDeliveries();
    expect(log.map((d) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 503, 'retrying'],
      [3, 200, 'delivered'],
    ]);
    expect(log[0]).toMatchObject({
      id: 1,
      webhookId: ID,
      url: `${receiver.url}/hooks`,
      recordType: 'Delivery',
      messageId: id,
      payload: expect.objectContaining({ RecordType: 'Delivery', MessageID: id }),
    });
    expect(Date.parse(log[0]?.nextRetryAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(log[0]?.at ?? ''),
    );
    expect(log[2]).not.toHaveProperty('nextRetryAt');
  });

  it('stops after the last retry', async () => {
    const { sandbox, webhook, send, settle } = await sandboxWith({ webhookRetryDelaysMs: [0, 0] });
    await webhook({ Triggers: { Delivery: { Enabled: true } } });
    answers = [502, 502, 502, 502];
    await send();
    await settle();
    expect(sandbox.webhookDeliveries().map((d) => d.outcome)).toEqual([
      'retrying',
      'retrying',
      'failed',
    ]);
    expect(receiver.requests).toHaveLength(3);
  });

  it.each([
    [401, ['failed']],
    [404, ['failed']],
    [429, ['retrying', 'delivered']],
    [408, ['retrying', 'delivered']],
  ])(
    'an outbound event answered %i: %o (Postmark retries only 5xx, 408, 429)',
    async (status, outcomes) => {
      const { sandbox, webhook, send, settle } = await sandboxWith();
      await webhook({ Triggers: { Delivery: { Enabled: true } } });
      answers = [status];
      await send();
      await settle();
      expect(sandbox.webhookDeliveries().map((d) => d.outcome)).toEqual(outcomes);
    },
  );

  it('logs a refused connection and retries it', async () => {
    const { sandbox, api, send, settle } = await sandboxWith({ webhookRetryDelaysMs: [0] });
    const port = await closedPort();
    await api.post('/webhooks', {
      Url: `http://127.0.0.1:${port}/x`,
      Triggers: { Delivery: { Enabled: true } },
    });
    await send();
    await settle();
    expect(sandbox.webhookDeliveries().map((d) => [d.outcome, d.error, d.status])).toEqual([
      ['retrying', 'ECONNREFUSED', undefined],
      ['failed', 'ECONNREFUSED', undefined],
    ]);
  });

  it('GET /sandbox/webhook-deliveries lists them, all or one message’s', async () => {
    const { api, webhook, send, settle } = await sandboxWith();
    await webhook({ Triggers: { Delivery: { Enabled: true } } });
    const first = await send();
    await send();
    await settle();
    expect((await api.get('/sandbox/webhook-deliveries')).body.deliveries).toHaveLength(2);
    const one = await api.get(`/sandbox/webhook-deliveries?messageid=${first}`);
    expect(one.body.deliveries).toEqual([
      expect.objectContaining({ messageId: first, recordType: 'Delivery', status: 200 }),
    ]);
    expect((await api.get('/sandbox/webhook-deliveries', { token: null })).status).toBe(401);
  });

  it('reset() forgets the log and cancels what waits; close() cancels every timer', async () => {
    const { sandbox, webhook, send } = await sandboxWith({ eventDelayMs: 60_000 });
    await webhook({ Triggers: { Delivery: { Enabled: true } } });
    await send();
    sandbox.reset();
    sandbox.flushEvents();
    await sandbox.webhooksSettled();
    expect(receiver.requests).toEqual([]);
    await send();
    await sandbox.close(); // with a delivery 60 s away: settles at once, posts nothing
    await sandbox.webhooksSettled();
    expect(receiver.requests).toEqual([]);
  });
});

describe('only loopback, unless allowed', () => {
  it('does not post to another host, and logs why', async () => {
    const { sandbox, api, send, settle } = await sandboxWith();
    await api.post('/webhooks', {
      Url: 'https://hooks.example.com/postmark',
      Triggers: { Delivery: { Enabled: true } },
    });
    await send();
    await settle();
    expect(sandbox.webhookDeliveries()).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        url: 'https://hooks.example.com/postmark',
        error: expect.stringMatching(
          /hooks\.example\.com is not a loopback address.*allowWebhookHosts/,
        ),
      }),
    ]);
  });

  it('takes 127.0.0.0/8, ::1 and localhost; other hosts only when allowed', () => {
    for (const url of [
      'http://127.0.0.1:1/x',
      'http://127.8.9.10/',
      'http://[::1]:8080/',
      'http://LocalHost/',
    ])
      expect({ url, refusal: hostRefusal(url, []) }).toEqual({ url, refusal: undefined });
    for (const url of [
      'http://10.0.0.1/',
      'http://localhost.example.com/',
      'http://[::ffff:7f00:1]/',
      'https://128.0.0.1/',
    ])
      expect(hostRefusal(url, [])).toMatch(/is not a loopback address/);
    expect(hostRefusal('https://hooks.example.com/', ['hooks.example.com'])).toBeUndefined();
    expect(hostRefusal('https://hooks.example.com/', ['*'])).toBeUndefined();
    expect(hostRefusal('https://other.example.com/', ['hooks.example.com'])).toMatch(
      /not a loopback/,
    );
  });

  it('checks its options', async () => {
    await expect(startSandbox({ webhookRetryDelaysMs: [-1] })).rejects.toThrow(
      /webhookRetryDelaysMs/,
    );
    await expect(
      startSandbox({ allowWebhookHosts: 'example.com' as unknown as string[] }),
    ).rejects.toThrow(/allowWebhookHosts/);
  });
});

describe('Inbound, to the server’s InboundHookUrl', () => {
  it('posts the message without its Status; Queued until delivered, then Processed', async () => {
    const { sandbox, api, settle } = await sandboxWith();
    await api.call('PUT', '/server', JSON.stringify({ InboundHookUrl: `${receiver.url}/inbound` }));
    const received = sandbox.receiveInbound({
      From: 'ada@example.com',
      To: 'support+42@inbound.example.com',
      Subject: 'Help',
    });
    expect(received.Status).toBe('Queued');
    await settle();
    const [post] = posted();
    expect(post).toMatchObject({
      MessageID: received.MessageID,
      MailboxHash: '42',
      Subject: 'Help',
    });
    expect(post).not.toHaveProperty('Status');
    expect(post).not.toHaveProperty('BlockedReason');
    expect(post).not.toHaveProperty('RecordType');
    const details = await api.get(`/messages/inbound/${received.MessageID}/details`);
    expect(details.body.Status).toBe('Processed');
  });

  it('retries anything but 2xx and 403, then the message is Failed; retry() posts it again', async () => {
    const { sandbox, api, settle } = await sandboxWith({ webhookRetryDelaysMs: [0, 0] });
    await api.call('PUT', '/server', JSON.stringify({ InboundHookUrl: `${receiver.url}/inbound` }));
    answers = [401, 500, 413];
    const received = sandbox.receiveInbound({ From: 'ada@example.com', To: 'in@example.com' });
    await settle();
    expect(sandbox.webhookDeliveries().map((d) => [d.status, d.outcome])).toEqual([
      [401, 'retrying'],
      [500, 'retrying'],
      [413, 'failed'],
    ]);
    const status = async () =>
      (await api.get(`/messages/inbound/${received.MessageID}/details`)).body.Status;
    expect(await status()).toBe('Failed');
    expect((await api.put(`/messages/inbound/${received.MessageID}/retry`)).status).toBe(200);
    await settle();
    expect(await status()).toBe('Processed');
    expect(receiver.requests).toHaveLength(4);
  });

  it('a 403 stops the retries at once', async () => {
    const { sandbox, api, settle } = await sandboxWith();
    await api.call('PUT', '/server', JSON.stringify({ InboundHookUrl: `${receiver.url}/inbound` }));
    answers = [403];
    const received = sandbox.receiveInbound({ From: 'ada@example.com', To: 'in@example.com' });
    await settle();
    expect(sandbox.webhookDeliveries().map((d) => d.outcome)).toEqual(['failed']);
    const details = await api.get(`/messages/inbound/${received.MessageID}/details`);
    expect(details.body.Status).toBe('Failed');
  });

  it('a blocked message is not posted; without a hook URL it is Processed at once', async () => {
    const { sandbox, api, settle } = await sandboxWith();
    expect(sandbox.receiveInbound({ From: 'a@example.com', To: 'in@example.com' }).Status).toBe(
      'Processed',
    );
    await api.call('PUT', '/server', JSON.stringify({ InboundHookUrl: `${receiver.url}/inbound` }));
    await api.post('/triggers/inboundrules', { Rule: 'spam.example' });
    expect(sandbox.receiveInbound({ From: 'x@spam.example', To: 'in@example.com' }).Status).toBe(
      'Blocked',
    );
    await settle();
    expect(receiver.requests).toEqual([]);
  });
});

describe('the mailbox shows each message’s webhook deliveries', () => {
  it('lists the posts of its events, answered or failed', async () => {
    const { sandbox, webhook, send, settle } = await sandboxWith();
    await webhook({ Triggers: { Delivery: { Enabled: true } } });
    answers = [503];
    const id = await send();
    await settle();
    const detail = (await browse(sandbox.url, `/mailbox/api/messages/${id}`)).json();
    expect(detail.webhookDeliveries).toEqual(sandbox.webhookDeliveries(id));
    expect(detail.webhookDeliveries.map((d: { status: unknown }) => d.status)).toEqual([503, 200]);
  });
});
