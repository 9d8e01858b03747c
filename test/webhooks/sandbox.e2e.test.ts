import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Message, Sender, Server } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { WebhookEvent } from '../../src/webhooks/index.js';
import { type Receiver, startReceiver } from './receiver.js';

// End to end, with no account: the SDK configures webhooks on the sandbox, the sandbox posts
// its events to a real receiver built with toNodeHandler(webhookHandler(...)) on 127.0.0.1,
// and the receiver parses them.

const auth = { username: 'postmark', password: 'right horse battery' };

let sandbox: Sandbox;
let mailer: Sender;
let server: Server;
const receivers: Receiver[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 5, webhookRetryDelaysMs: [5, 5] });
  mailer = new Sender({
    serverToken: sandbox.token,
    baseUrl: sandbox.url,
    defaults: Message.from('app@example.com'),
  });
  server = Server.of(mailer);
});
afterAll(() => sandbox.close());
afterEach(async () => {
  for (const { webhooks } of [await server.webhooks.list()])
    for (const webhook of webhooks) await server.webhooks.delete(webhook.id);
  await server.edit({ inboundHookUrl: '' });
  sandbox.reset();
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function receiver(options: Parameters<typeof startReceiver>[0] = { auth }) {
  const started = await startReceiver(options);
  receivers.push(started);
  return started;
}

/** Everything due has been posted, retries included. */
async function settle() {
  sandbox.flushEvents();
  await sandbox.webhooksSettled();
}

const kinds = (events: readonly WebhookEvent[]) => events.map((event) => event.recordType);

describe('the sandbox posts, a webhookHandler receives', () => {
  it('Delivery and Bounce, with the MessageID of each send', async () => {
    const app = await receiver();
    await server.webhooks.create({
      url: `${app.url}/webhooks/postmark`,
      httpAuth: auth,
      triggers: { delivery: { enabled: true }, bounce: { enabled: true } },
    });
    const delivered = await mailer.send(
      Message.to('ada@example.com')
        .subject('Welcome')
        .text('Hi')
        .tag('welcome')
        .metadata({ userId: '42' }),
    );
    const bounced = await mailer.send(
      Message.to('hardbounce@bounce-testing.postmarkapp.com').subject('Welcome').text('Hi'),
    );
    await settle();
    const delivery = app.events.find((event) => event.recordType === 'Delivery');
    const bounce = app.events.find((event) => event.recordType === 'Bounce');
    expect(delivery).toMatchObject({
      messageId: delivered.messageId,
      recipient: 'ada@example.com',
      tag: 'welcome',
      metadata: { userId: '42' },
      deliveredAt: expect.any(Date),
    });
    expect(bounce).toMatchObject({
      messageId: bounced.messageId,
      email: 'hardbounce@bounce-testing.postmarkapp.com',
      type: 'HardBounce',
      inactive: true,
      bouncedAt: expect.any(Date),
    });
    // The bounce webhook and the Bounce API agree.
    if (bounce?.recordType !== 'Bounce') throw new Error('no bounce');
    expect((await server.bounces.get(bounce.id)).messageId).toBe(bounced.messageId);
  });

  it('a wrong password: 401, which Postmark does not retry, logged', async () => {
    const app = await receiver();
    const hook = await server.webhooks.create({
      url: `${app.url}/hooks`,
      httpAuth: { username: 'postmark', password: 'wrong' },
      triggers: { bounce: { enabled: true } },
    });
    const sent = await mailer.send(
      Message.to('hardbounce@bounce-testing.postmarkapp.com').subject('x').text('x'),
    );
    await settle();
    expect(app.events).toEqual([]);
    expect(sandbox.webhookDeliveries(sent.messageId)).toEqual([
      expect.objectContaining({ webhookId: hook.id, status: 401, attempt: 1, outcome: 'failed' }),
    ]);
  });

  it('a listener that throws: 500, retried, received on the next attempt', async () => {
    let calls = 0;
    const app = await receiver({
      auth,
      on: {
        delivery: () => {
          calls += 1;
          if (calls === 1) throw new Error('database busy');
        },
      },
    });
    await server.webhooks.create({
      url: `${app.url}/hooks`,
      httpAuth: auth,
      triggers: { delivery: { enabled: true } },
    });
    const sent = await mailer.send(Message.to('ada@example.com').subject('x').text('x'));
    await settle();
    expect(sandbox.webhookDeliveries(sent.messageId).map((d) => [d.status, d.outcome])).toEqual([
      [500, 'retrying'],
      [200, 'delivered'],
    ]);
    // The same event twice, as Postmark's retries can bring it: listeners must be idempotent.
    expect(kinds(app.events)).toEqual(['Delivery', 'Delivery']);
  });

  it('opens and clicks, as simulated', async () => {
    const app = await receiver();
    await server.webhooks.create({
      url: `${app.url}/hooks`,
      httpAuth: auth,
      triggers: { open: { enabled: true }, click: { enabled: true } },
    });
    const sent = await mailer.send(
      Message.to('ada@example.com')
        .subject('News')
        .html('<p><a href="https://example.com/read">Read</a></p>')
        .trackOpens(true)
        .trackLinks('HtmlOnly'),
    );
    await settle();
    sandbox.simulateOpen(sent.messageId, { Platform: 'Desktop', Client: { Name: 'Thunderbird' } });
    sandbox.simulateClick(sent.messageId, { OriginalLink: 'https://example.com/read' });
    await settle();
    expect(app.events).toMatchObject([
      {
        recordType: 'Open',
        messageId: sent.messageId,
        firstOpen: true,
        platform: 'Desktop',
        client: { name: 'Thunderbird' },
      },
      { recordType: 'Click', messageId: sent.messageId, originalLink: 'https://example.com/read' },
    ]);
  });

  it('SubscriptionChange when suppressions are added and removed', async () => {
    const app = await receiver();
    await server.webhooks.create({
      url: `${app.url}/hooks`,
      httpAuth: auth,
      triggers: { subscriptionChange: { enabled: true } },
    });
    await server.suppressions.add('outbound', ['bob@example.com']);
    await server.suppressions.remove('outbound', ['bob@example.com']);
    await settle();
    expect(app.events).toMatchObject([
      {
        recordType: 'SubscriptionChange',
        recipient: 'bob@example.com',
        suppressSending: true,
        origin: 'Customer',
        suppressionReason: 'ManualSuppression',
        changedAt: expect.any(Date),
      },
      { recordType: 'SubscriptionChange', suppressSending: false },
    ]);
    expect(app.events[0]).not.toHaveProperty('messageId');
  });

  it('Inbound mail, with its attachment’s bytes, to the server’s inbound hook URL', async () => {
    const app = await receiver();
    const hookUrl = new URL(`${app.url}/inbound`);
    hookUrl.username = auth.username;
    hookUrl.password = encodeURIComponent(auth.password);
    await server.edit({ inboundHookUrl: hookUrl.href });
    const received = sandbox.receiveInbound({
      From: 'Ada <ada@example.com>',
      To: 'support+4242@inbound.example.com',
      Subject: 'Order 4242',
      TextBody: 'Where is it?',
      Attachments: [{ Name: 'receipt.txt', Content: Buffer.from('paid').toString('base64') }],
    });
    await settle();
    const [mail] = app.events;
    if (mail?.recordType !== 'Inbound') throw new Error(`got ${mail?.recordType}`);
    expect(mail).toMatchObject({
      messageId: received.MessageID,
      mailboxHash: '4242',
      fromFull: { email: 'ada@example.com', name: 'Ada' },
      textBody: 'Where is it?',
      receivedAt: expect.any(Date),
    });
    expect(new TextDecoder().decode(mail.attachments[0]?.bytes())).toBe('paid');
    expect((await server.inbound.details(received.MessageID)).status).toBe('Processed');
  });

  it('Inbound refused with 401 is retried on the schedule, then Failed; retry() posts it again', async () => {
    const app = await receiver();
    const wrong = new URL(`${app.url}/inbound`);
    wrong.username = 'postmark';
    wrong.password = 'wrong';
    await server.edit({ inboundHookUrl: wrong.href });
    const received = sandbox.receiveInbound({ From: 'ada@example.com', To: 'in@example.com' });
    await settle();
    expect(
      sandbox.webhookDeliveries(received.MessageID).map((d) => [d.attempt, d.status, d.outcome]),
    ).toEqual([
      [1, 401, 'retrying'],
      [2, 401, 'retrying'],
      [3, 401, 'failed'],
    ]);
    expect(sandbox.webhookDeliveries()[0]?.url).toBe(
      `${app.url}/inbound`.replace('//', '//postmark:***@'),
    );
    expect((await server.inbound.details(received.MessageID)).status).toBe('Failed');

    const right = new URL(wrong);
    right.password = encodeURIComponent(auth.password);
    await server.edit({ inboundHookUrl: right.href });
    await server.inbound.retry(received.MessageID);
    await settle();
    expect((await server.inbound.details(received.MessageID)).status).toBe('Processed');
    expect(kinds(app.events)).toEqual(['Inbound']);
  });

  it('an inbound message over the receiver’s size cap: 413, retried, Failed', async () => {
    const app = await receiver({ auth, maxBodyBytes: 20_000 });
    const url = new URL(`${app.url}/inbound`);
    url.username = auth.username;
    url.password = encodeURIComponent(auth.password);
    await server.edit({ inboundHookUrl: url.href });
    const big = Buffer.alloc(30_000, 7).toString('base64');
    const received = sandbox.receiveInbound({
      From: 'ada@example.com',
      To: 'in@example.com',
      Attachments: [{ Name: 'scan.pdf', Content: big, ContentType: 'application/pdf' }],
    });
    await settle();
    expect(sandbox.webhookDeliveries(received.MessageID).map((d) => d.status)).toEqual([
      413, 413, 413,
    ]);
    expect((await server.inbound.details(received.MessageID)).status).toBe('Failed');
    expect(app.events).toEqual([]);
  });
});
