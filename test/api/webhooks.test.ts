import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, Server, ServerError } from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { apis, rejection, reqheaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const { webhooks } = apis();

/** A webhook as Postmark's reference shows one, with `overrides` laid over it. */
function postmarkWebhook(overrides: Record<string, unknown> = {}) {
  return {
    ID: 1234567,
    Url: 'https://www.example.com/webhook-test-tracking',
    MessageStream: 'outbound',
    HttpAuth: { Username: 'user', Password: 'pass' },
    HttpHeaders: [{ Name: 'X-Name', Value: 'value' }],
    Triggers: {
      Open: { Enabled: true, PostFirstOpenOnly: false },
      Click: { Enabled: true },
      Delivery: { Enabled: true },
      Bounce: { Enabled: false, IncludeContent: false },
      SpamComplaint: { Enabled: false, IncludeContent: false },
      SubscriptionChange: { Enabled: true },
    },
    ...overrides,
  };
}

const camelWebhook = {
  id: 1234567,
  url: 'https://www.example.com/webhook-test-tracking',
  messageStream: 'outbound',
  httpAuth: { username: 'user', password: 'pass' },
  httpHeaders: [{ name: 'X-Name', value: 'value' }],
  triggers: {
    open: { enabled: true, postFirstOpenOnly: false },
    click: { enabled: true },
    delivery: { enabled: true },
    bounce: { enabled: false, includeContent: false },
    spamComplaint: { enabled: false, includeContent: false },
    subscriptionChange: { enabled: true },
  },
};

describe('webhooks.list() and get()', () => {
  it('reads GET /webhooks in camelCase; the stream filter goes as MessageStream', async () => {
    const scope = nock(API, { reqheaders })
      .get('/webhooks')
      .query({ MessageStream: 'outbound' })
      .reply(200, { Webhooks: [postmarkWebhook()] })
      .get('/webhooks')
      .query({})
      .reply(200, { Webhooks: [] });
    const list = await webhooks.list({ stream: 'outbound' });
    expect(list).toEqual({ webhooks: [camelWebhook] });
    expect(Object.isFrozen(list.webhooks[0])).toBe(true);
    expect(await webhooks.list()).toEqual({ webhooks: [] });
    scope.done();
  });

  it('takes nulls as absent, keeps fields and triggers Postmark adds later', async () => {
    nock(API)
      .get('/webhooks/7')
      .reply(
        200,
        postmarkWebhook({
          ID: 7,
          MessageStream: null,
          HttpAuth: null,
          HttpHeaders: null,
          Triggers: {
            Open: { Enabled: true, PostFirstOpenOnly: null },
            Inbound: { Enabled: true },
          },
          Verified: true,
        }),
      );
    expect(await webhooks.get(7)).toEqual({
      id: 7,
      url: camelWebhook.url,
      httpHeaders: [],
      triggers: { open: { enabled: true }, inbound: { enabled: true } },
      verified: true,
    });

    nock(API).get('/webhooks/8').reply(200, { ID: 8, Url: 'https://example.com/h' });
    expect(await webhooks.get(8)).toEqual({
      id: 8,
      url: 'https://example.com/h',
      httpHeaders: [],
      triggers: {},
    });
  });

  it('reports a malformed answer as an ApiError without showing the password', async () => {
    const strict = apis({ retry: { limit: 0 } }).webhooks;
    nock(API)
      .get('/webhooks/1')
      .reply(200, postmarkWebhook({ HttpAuth: { Username: 'u', Password: 982451653 } }));
    const error = await rejection(strict.get(1));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toMatch(/HttpAuth\.Password: expected a string/);
    expect((error as Error).message).not.toContain('982451653');

    nock(API)
      .get('/webhooks')
      .query(true)
      .reply(200, { Webhooks: [{ ID: '1', Url: 'x' }] });
    expect(await rejection(strict.list())).toMatchObject({
      message: expect.stringMatching(/Webhooks\[0\]\.ID: expected a /),
    });
  });

  it('retries a read after a 500', async () => {
    nock(API).get('/webhooks/3').reply(500, {});
    nock(API)
      .get('/webhooks/3')
      .reply(200, postmarkWebhook({ ID: 3 }));
    expect((await webhooks.get(3)).id).toBe(3);
  });

  it('refuses a bad filter or id before any request', async () => {
    await expect(webhooks.list({ messageStream: 'outbound' } as never)).rejects.toThrow(
      /unknown filter 'messageStream'.*known filters: stream/,
    );
    await expect(webhooks.list({ steam: 'outbound' } as never)).rejects.toThrow(
      /did you mean "stream"/,
    );
    await expect(webhooks.list({ stream: '' })).rejects.toThrow(RangeError);
    await expect(webhooks.get('12' as never)).rejects.toThrow(
      'webhooks.get(): the id must be a number',
    );
    await expect(webhooks.get(-1)).rejects.toThrow(RangeError);
    await expect(webhooks.delete(1.5)).rejects.toThrow(RangeError);
  });
});

describe('webhooks.create()', () => {
  it('sends Postmark’s names, with every trigger setting, and reads the webhook back', async () => {
    const input = {
      url: 'https://example.com/hooks/postmark',
      messageStream: 'outbound',
      httpAuth: { username: 'postmark', password: 's3cret' },
      httpHeaders: [{ name: 'X-Token', value: 'abc' }],
      triggers: {
        open: { enabled: true, postFirstOpenOnly: true },
        click: { enabled: false },
        delivery: { enabled: true },
        bounce: { enabled: true, includeContent: true },
        spamComplaint: { enabled: true, includeContent: false },
        subscriptionChange: { enabled: true },
      },
    };
    const before = JSON.stringify(input);
    const scope = nock(API, { reqheaders })
      .post('/webhooks', {
        Url: 'https://example.com/hooks/postmark',
        MessageStream: 'outbound',
        HttpAuth: { Username: 'postmark', Password: 's3cret' },
        HttpHeaders: [{ Name: 'X-Token', Value: 'abc' }],
        Triggers: {
          Open: { Enabled: true, PostFirstOpenOnly: true },
          Click: { Enabled: false },
          Delivery: { Enabled: true },
          Bounce: { Enabled: true, IncludeContent: true },
          SpamComplaint: { Enabled: true, IncludeContent: false },
          SubscriptionChange: { Enabled: true },
        },
      })
      .reply(200, postmarkWebhook({ ID: 9 }));
    const created = await webhooks.create(input);
    expect(created).toMatchObject({ id: 9, url: camelWebhook.url });
    expect(JSON.stringify(input)).toBe(before); // the caller's object is only read
    scope.done();
  });

  it('takes only a url; a frozen input is fine', async () => {
    const scope = nock(API)
      .post('/webhooks', { Url: 'http://example.com/h' })
      .reply(200, postmarkWebhook({ Url: 'http://example.com/h' }));
    await webhooks.create(Object.freeze({ url: 'http://example.com/h' }));
    scope.done();
  });

  it('refuses a bad webhook before any request, naming the field', async () => {
    const create = (input: unknown) => webhooks.create(input as never);
    await expect(create({ url: 'https://example.com', triggres: {} })).rejects.toThrow(
      /webhooks.create\(\): unknown field 'triggres' \(did you mean "triggers"\?\)/,
    );
    await expect(
      create({ url: 'https://example.com', triggers: { opens: { enabled: true } } }),
    ).rejects.toThrow(/unknown field 'opens' \(did you mean "open"\?\)/);
    await expect(
      create({
        url: 'https://example.com',
        triggers: { click: { enabled: true, includeContent: true } },
      }),
    ).rejects.toThrow(/triggers: click: unknown field 'includeContent'/);
    await expect(create({ url: 'https://example.com', triggers: { open: {} } })).rejects.toThrow(
      'webhooks.create(): triggers: open: enabled is required',
    );
    await expect(
      create({ url: 'https://example.com', triggers: { bounce: { enabled: 'yes' } } }),
    ).rejects.toThrow(/bounce: enabled must be true or false/);
    await expect(create({})).rejects.toThrow('webhooks.create(): url is required');
    await expect(create(undefined)).rejects.toThrow('webhooks.create(): url is required');
    await expect(create({ url: 'ftp://example.com/h' })).rejects.toThrow(
      'webhooks.create(): url must be an http: or https: URL (got ftp:)',
    );
    await expect(create({ url: '/hooks' })).rejects.toThrow(/url is not an absolute URL/);
    await expect(create({ url: 'https://example.com', messageStream: 7 })).rejects.toThrow(
      TypeError,
    );
    await expect(
      create({ url: 'https://example.com', httpHeaders: [{ name: 'X Token', value: 'a' }] }),
    ).rejects.toThrow(/httpHeaders\[0\]: name 'X Token' is not a header name/);
    await expect(
      create({ url: 'https://example.com', httpHeaders: { name: 'X', value: 'a' } }),
    ).rejects.toThrow(/httpHeaders must be a list/);
    await expect(
      create({ url: 'https://example.com', httpAuth: { username: 'a:b', password: 'p' } }),
    ).rejects.toThrow(/httpAuth: username must not hold a colon/);
    await expect(
      create({ url: 'https://example.com', httpAuth: { username: 'a' } }),
    ).rejects.toThrow(/httpAuth: password is required/);
  });

  it('never shows a password, a header value or URL credentials in an error', async () => {
    const secrets = ['hunter2\r\nX-Evil: 1', 'tok\nen'];
    for (const secret of secrets) {
      for (const input of [
        { url: 'https://example.com', httpAuth: { username: 'postmark', password: secret } },
        { url: 'https://example.com', httpHeaders: [{ name: 'Authorization', value: secret }] },
      ]) {
        const error = (await rejection(webhooks.create(input))) as Error;
        expect(error).toBeInstanceOf(RangeError);
        expect(error.message).toMatch(/must not hold a line break/);
        expect(error.message).not.toContain(secret.slice(0, 3));
      }
    }
    const typed = (await rejection(
      webhooks.create({
        url: 'https://example.com',
        httpAuth: { username: 'u', password: 982451653 as never },
      }),
    )) as Error;
    expect(typed.message).toBe('webhooks.create(): httpAuth: password must be a string');

    const withCredentials = (await rejection(
      webhooks.create({ url: '//user:hunter2@example.com/hook' }),
    )) as Error;
    expect(withCredentials.message).not.toContain('hunter2');
  });

  it('does not repeat a create after a 500 (it may have been stored), but does after a 503', async () => {
    // A retry would find no interceptor, which nock answers 501: the 500 must be what came back.
    const once = nock(API).post('/webhooks').reply(500, { Message: 'oops' });
    const error = await rejection(webhooks.create({ url: 'https://example.com/h' }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500 });
    once.done();

    nock(API).post('/webhooks').reply(503, { ErrorCode: 100, Message: 'Maintenance' });
    nock(API)
      .post('/webhooks')
      .reply(200, postmarkWebhook({ ID: 2 }));
    expect((await webhooks.create({ url: 'https://example.com/h' })).id).toBe(2);
  });

  it('passes Postmark’s refusal on as an ApiError', async () => {
    nock(API)
      .post('/webhooks')
      .reply(422, { ErrorCode: 1235, Message: "The 'MessageStream' provided does not exist." });
    expect(
      await rejection(webhooks.create({ url: 'https://example.com/h', messageStream: 'nope' })),
    ).toMatchObject({ name: 'ApiError', status: 422, errorCode: 1235 });
  });
});

describe('webhooks.edit() and delete()', () => {
  it('edit() sends a PUT with the changes only', async () => {
    const scope = nock(API, { reqheaders })
      .put('/webhooks/1234567', {
        Url: 'https://example.com/new',
        Triggers: { Click: { Enabled: true } },
      })
      .reply(200, postmarkWebhook({ Url: 'https://example.com/new' }));
    const changed = await webhooks.edit(1234567, {
      url: 'https://example.com/new',
      triggers: { click: { enabled: true } },
    });
    expect(changed.url).toBe('https://example.com/new');
    scope.done();
  });

  it('edit() cannot move a webhook to another stream, and is not repeated after a 500', async () => {
    await expect(webhooks.edit(1, { messageStream: 'broadcast' } as never)).rejects.toThrow(
      /webhooks.edit\(\): unknown field 'messageStream'/,
    );
    const scope = nock(API).put('/webhooks/1').reply(500, {});
    expect(await rejection(webhooks.edit(1, { url: 'https://example.com' }))).toMatchObject({
      name: 'ServerError',
      status: 500,
    });
    scope.done();
  });

  it('delete() reads Postmark’s confirmation; not repeated after a 500', async () => {
    const scope = nock(API, { reqheaders })
      .delete('/webhooks/1234567')
      .reply(200, { ErrorCode: 0, Message: 'Webhook 1234567 removed.' });
    expect(await webhooks.delete(1234567)).toEqual({ message: 'Webhook 1234567 removed.' });
    scope.done();

    const once = nock(API).delete('/webhooks/5').reply(500, {});
    expect(await rejection(webhooks.delete(5))).toMatchObject({ name: 'ServerError', status: 500 });
    once.done();
  });

  it('on a Server: server.webhooks goes through the Server’s client', async () => {
    const server = new Server({ serverToken: TOKEN, retry: { baseDelay: 0 } });
    expect(Object.isFrozen(server.webhooks)).toBe(true);
    const scope = nock(API, { reqheaders }).get('/webhooks').reply(200, { Webhooks: [] });
    expect(await server.webhooks.list()).toEqual({ webhooks: [] });
    scope.done();
  });
});
