import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  type WebhookEvent,
  type WebhookHandlerOptions,
  webhookHandler,
} from '../../src/webhooks/index.js';
import { basicCredentials, sameSecret } from '../../src/webhooks/secrets.js';
import { FIXTURES, type FixtureName, fixture, fixtureText } from './fixtures.js';

const auth = { username: 'postmark', password: 's3cret' };
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const GOOD = basic('postmark', 's3cret');

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('https://app.example.com/webhooks/postmark', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

const postFixture = (
  name: FixtureName,
  headers: Record<string, string> = { Authorization: GOOD },
) => post(fixtureText(name), headers);

// A body that fails the test if anything reads it.
function unreadableBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull() {
      throw new Error('the body was read');
    },
  });
}

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

describe('webhookHandler: each event reaches its listener', () => {
  const LISTENER = {
    delivery: 'Delivery',
    bounce: 'Bounce',
    'spam-complaint': 'SpamComplaint',
    open: 'Open',
    click: 'Click',
    'subscription-change': 'SubscriptionChange',
    inbound: 'Inbound',
  } as const;

  it.each(FIXTURES)('%s → 200, parsed', async (name) => {
    const seen: WebhookEvent[] = [];
    const record = (event: WebhookEvent) => {
      seen.push(event);
    };
    const handler = webhookHandler({
      auth,
      on: {
        delivery: record,
        bounce: record,
        spamComplaint: record,
        open: record,
        click: record,
        subscriptionChange: record,
        inbound: record,
      },
    });
    expect(await answer(await handler(postFixture(name)))).toEqual({
      status: 200,
      body: { message: 'OK' },
    });
    expect(seen.map((event) => event.recordType)).toEqual([LISTENER[name]]);
  });

  it('awaits an async listener before answering, and passes it the request', async () => {
    const order: string[] = [];
    const handler = webhookHandler({
      auth,
      on: {
        bounce: async (event, request) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(`${event.recordType} ${new URL(request.url).pathname}`);
        },
      },
    });
    const response = await handler(postFixture('bounce'));
    order.push(`answered ${response.status}`);
    expect(order).toEqual(['Bounce /webhooks/postmark', 'answered 200']);
  });

  it('an event without a listener is answered 200, so Postmark does not retry it', async () => {
    const bounce = vi.fn();
    const handler = webhookHandler({ auth, on: { bounce } });
    expect((await handler(postFixture('open'))).status).toBe(200);
    expect(bounce).not.toHaveBeenCalled();
  });

  it('a RecordType it does not know goes to on.unknown, or is answered 200', async () => {
    const unknown = vi.fn();
    const body = JSON.stringify({ RecordType: 'Forward', MessageID: 'x' });
    expect(
      (await webhookHandler({ auth, on: { unknown } })(post(body, { Authorization: GOOD }))).status,
    ).toBe(200);
    expect(unknown).toHaveBeenCalledWith(
      expect.objectContaining({ recordType: 'Unknown', postmarkRecordType: 'Forward' }),
      expect.any(Request),
    );
    expect(
      (await webhookHandler({ auth, on: {} })(post(body, { Authorization: GOOD }))).status,
    ).toBe(200);
  });
});

describe('webhookHandler: what Postmark is answered', () => {
  it('a listener that throws → 500 (Postmark retries), and onError is told', async () => {
    const onError = vi.fn();
    const boom = new Error('database down');
    const handler = webhookHandler({
      auth,
      on: {
        delivery: () => {
          throw boom;
        },
      },
      onError,
    });
    const response = await answer(await handler(postFixture('delivery')));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('database down');
    expect(onError).toHaveBeenCalledWith(
      boom,
      expect.objectContaining({ recordType: 'Delivery' }),
      expect.any(Request),
    );
  });

  it('a body that is not a Postmark event → 400 with the issues', async () => {
    const handler = webhookHandler({ auth, on: {} });
    const broken = JSON.stringify(fixture('bounce', { BouncedAt: 42 }));
    const response = await answer(await handler(post(broken, { Authorization: GOOD })));
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([
      expect.objectContaining({ path: 'BouncedAt', expected: 'string', received: '42' }),
    ]);
    expect((await handler(post('not json', { Authorization: GOOD }))).status).toBe(400);
    expect((await handler(post('', { Authorization: GOOD }))).status).toBe(400);
  });

  it('anything but POST → 405', async () => {
    const handler = webhookHandler({ auth, on: {} });
    const response = await handler(new Request('https://app.example.com/hook'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('webhookHandler: basic auth', () => {
  const delivery = vi.fn();
  const handler = webhookHandler({ auth, on: { delivery } });

  it.each([
    ['no Authorization', {}],
    ['a wrong password', { Authorization: basic('postmark', 's3cret!') }],
    ['a wrong user name', { Authorization: basic('Postmark', 's3cret') }],
    ['a prefix of the password', { Authorization: basic('postmark', 's3cre') }],
    ['another scheme', { Authorization: 'Bearer s3cret' }],
    ['base64 that is not', { Authorization: 'Basic ###' }],
  ])('%s → 401, and the body is never read', async (_, headers) => {
    delivery.mockClear();
    const response = await handler(post(unreadableBody(), headers));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(delivery).not.toHaveBeenCalled();
  });

  it('takes the scheme in any case, and a user name and password in UTF-8', async () => {
    const utf8 = webhookHandler({ auth: { username: 'pöstmark', password: 'pässwörd' }, on: {} });
    const token = Buffer.from('pöstmark:pässwörd', 'utf8').toString('base64');
    expect(
      (await utf8(post(fixtureText('delivery'), { Authorization: `basic ${token}` }))).status,
    ).toBe(200);
  });

  it('auth: false takes posts without it; headers must then match', async () => {
    const open = webhookHandler({ auth: false, on: {} });
    expect((await open(postFixture('delivery', {}))).status).toBe(200);
    const withHeader = webhookHandler({
      auth: false,
      headers: { 'X-Webhook-Token': 'abc' },
      on: {},
    });
    expect((await withHeader(postFixture('delivery', { 'X-Webhook-Token': 'abc' }))).status).toBe(
      200,
    );
    expect((await withHeader(postFixture('delivery', { 'X-Webhook-Token': 'abd' }))).status).toBe(
      401,
    );
    expect((await withHeader(postFixture('delivery', {}))).status).toBe(401);
  });

  it('needs both the basic auth and the headers when given both', async () => {
    const both = webhookHandler({ auth, headers: { 'X-Token': 't' }, on: {} });
    expect((await both(postFixture('delivery', { Authorization: GOOD }))).status).toBe(401);
    expect((await both(postFixture('delivery', { 'X-Token': 't' }))).status).toBe(401);
    expect(
      (await both(postFixture('delivery', { Authorization: GOOD, 'X-Token': 't' }))).status,
    ).toBe(200);
  });

  it('compares through SHA-256 digests: equal only when equal, whatever the lengths', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest');
    try {
      expect(await sameSecret('postmark:s3cret', 'postmark:s3cret')).toBe(true);
      expect(await sameSecret('postmark:s3cre', 'postmark:s3cret')).toBe(false);
      expect(await sameSecret('', 'postmark:s3cret')).toBe(false);
      expect(await sameSecret('postmark:s3cret ', 'postmark:s3cret')).toBe(false);
      expect(digest).toHaveBeenCalledTimes(8);
    } finally {
      digest.mockRestore();
    }
    expect(basicCredentials(GOOD)).toBe('postmark:s3cret');
    expect(basicCredentials(null)).toBe('');
  });
});

describe('webhookHandler: the size cap', () => {
  const handler = webhookHandler({ auth, maxBodyBytes: 1000, on: {} });

  it('a Content-Length over the cap → 413 before the body is read', async () => {
    const request = post(unreadableBody(), { Authorization: GOOD, 'Content-Length': '1001' });
    expect((await handler(request)).status).toBe(413);
  });

  it('a streamed body that passes the cap → 413, reading stops there', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(300));
      },
    });
    expect((await handler(post(endless, { Authorization: GOOD }))).status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('a body of exactly the cap is taken', async () => {
    const text = JSON.stringify({ ...fixture('delivery'), Pad: '' });
    const padded = JSON.stringify({ ...fixture('delivery'), Pad: 'x'.repeat(1000 - text.length) });
    expect(new TextEncoder().encode(padded).length).toBe(1000);
    expect((await handler(post(padded, { Authorization: GOOD }))).status).toBe(200);
  });

  it('by default takes an inbound message with 35 MiB of attachments, base64', () => {
    expect(DEFAULT_WEBHOOK_MAX_BODY_BYTES).toBe(4 * Math.ceil((35 * 1024 * 1024) / 3) + 10_000_000);
  });
});

describe('webhookHandler: options are checked when it is made', () => {
  it.each([
    [
      { auth, on: { bounces: () => {} } },
      /unknown webhookHandler listener "bounces" \(did you mean "bounce"\?\)/,
    ],
    [{ auth, on: { bounce: 'yes' } }, /on\.bounce must be a function/],
    [{ on: {} }, /auth must be \{ username, password \}/],
    [{ auth: { username: 'a:b', password: 'x' }, on: {} }, /without a colon/],
    // `password: process.env.X ?? ''` with X unset: `postmark:` would let anyone in.
    [{ auth: { username: 'postmark', password: '' }, on: {} }, /auth\.password is empty/],
    [
      { auth: { username: 'postmark', password: undefined }, on: {} },
      /auth\.password must be a string, got undefined/,
    ],
    [
      { auth: false, headers: { 'X-Webhook-Token': '' }, on: {} },
      /headers\['X-Webhook-Token'\] must be a non-empty string/,
    ],
    [
      { auth, headers: { 'X-Token': 7 }, on: {} },
      /headers\['X-Token'\] must be a non-empty string/,
    ],
    [{ auth, on: {}, maxBodyBytes: 0 }, /maxBodyBytes/],
    [{ auth }, /"on" is required/],
    [{ auth, on: {}, header: {} }, /unknown webhookHandler option "header"/],
  ])('%o', (options, message) => {
    expect(() => webhookHandler(options as unknown as WebhookHandlerOptions)).toThrow(message);
  });
});
