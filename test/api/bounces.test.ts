import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  isApiError,
  RateLimitError,
  Sender,
  Server,
  ServerError,
} from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { json, startServer } from '../helpers/server.js';
import { apis, postmarkBounce, rejection, reqheaders } from './helpers.js';

beforeEach(() => {
  isolateNetwork();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(resetNock);

const { bounces, deliveryStats } = apis();

describe('bounces.list()', () => {
  it('sends the filters under Postmark’s names and reads the answer in camelCase', async () => {
    const scope = nock(API, { reqheaders })
      .get('/bounces')
      .query({
        count: '50',
        offset: '0',
        type: 'HardBounce',
        inactive: 'true',
        emailFilter: '@example.com',
        tag: 'welcome',
        messageID: 'abc',
        fromdate: '2024-01-15T12:00:00',
        todate: '2024-01-31',
      })
      .reply(200, { TotalCount: 1, Bounces: [postmarkBounce({ NewField: 'later' })] });
    const list = await bounces.list({
      count: 50,
      type: 'HardBounce',
      inactive: true,
      emailFilter: '@example.com',
      tag: 'welcome',
      messageId: 'abc',
      fromDate: new Date('2024-01-15T17:00:00Z'),
      toDate: '2024-01-31',
    });
    expect(list).toEqual({
      totalCount: 1,
      bounces: [
        {
          id: 692560173,
          type: 'HardBounce',
          typeCode: 1,
          name: 'Hard bounce',
          tag: 'Invitation',
          messageId: '2c1b63fe-43f2-4db5-91b0-8bdfa44a9316',
          serverId: 23,
          messageStream: 'outbound',
          description:
            'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
          details: 'action: failed\r\n',
          email: 'anything@blackhole.example.com',
          from: 'sender@example.com',
          bouncedAt: new Date('2024-01-15T21:09:19.642Z'),
          dumpAvailable: true,
          inactive: true,
          canActivate: true,
          subject: 'Welcome',
          content: 'Return-Path:<>\r\n',
        },
      ],
    });
    expect(list.bounces[0]?.bouncedAt).toBeInstanceOf(Date);
    scope.done();
  });

  it('asks for 100 from offset 0 by default', async () => {
    const scope = nock(API)
      .get('/bounces')
      .query({ count: '100', offset: '0' })
      .reply(200, { TotalCount: 0, Bounces: [] });
    expect(await bounces.list()).toEqual({ totalCount: 0, bounces: [] });
    scope.done();
  });

  it('takes null and missing optional fields as absent', async () => {
    nock(API)
      .get('/bounces')
      .query(true)
      .reply(200, {
        TotalCount: 1,
        Bounces: [
          postmarkBounce({
            Tag: null,
            Subject: '',
            Content: undefined,
            Name: null,
            Details: null,
            ServerID: null,
          }),
        ],
      });
    const [bounce] = (await bounces.list()).bounces;
    expect(bounce).toMatchObject({
      name: '',
      details: '',
      tag: undefined,
      subject: undefined,
      content: undefined,
      serverId: undefined,
    });
  });

  it('refuses a bad filter without a request (no interceptor exists, so any request would fail differently)', async () => {
    await expect(bounces.list({ count: 501 })).rejects.toThrow(RangeError);
    await expect(bounces.list({ count: 500, offset: 9600 })).rejects.toThrow(
      /count \+ offset must be at most 10000/,
    );
    await expect(bounces.list({ type: 'Soft' as never })).rejects.toThrow(/use one of HardBounce/);
    await expect(bounces.list({ tag: 'x' }, { timeout: -1 })).rejects.toThrow(RangeError);
  });

  it('retries 5xx and 429, because a read is safe to repeat', async () => {
    nock(API).get('/bounces').query(true).reply(500, { Message: 'oops' });
    nock(API).get('/bounces').query(true).reply(429, { ErrorCode: 429, Message: 'slow down' });
    nock(API).get('/bounces').query(true).reply(200, { TotalCount: 0, Bounces: [] });
    expect(await bounces.list()).toEqual({ totalCount: 0, bounces: [] });
  });

  it('retries a read that timed out (over real HTTP on 127.0.0.1)', async () => {
    const server = await startServer((_request, res, index) => {
      if (index === 0) return; // the first request never gets an answer
      json(res, 200, { TotalCount: 0, Bounces: [] });
    });
    try {
      const slow = apis({ timeout: 300, baseUrl: server.url }).bounces;
      expect(await slow.list({ tag: 'x' })).toEqual({ totalCount: 0, bounces: [] });
      // The first went unanswered and was retried. On a loaded machine a retry can time out
      // too, so "at least one retry, each the same request" rather than an exact count.
      const urls = server.requests.map((request) => request.url);
      expect(urls.length).toBeGreaterThanOrEqual(2);
      expect(new Set(urls)).toEqual(new Set(['/bounces?tag=x&count=100&offset=0']));
    } finally {
      await server.close();
    }
  });

  it('reports the last error once the retries are spent', async () => {
    nock(API)
      .get('/bounces')
      .query(true)
      .times(3)
      .reply(503, { ErrorCode: 100, Message: 'Maintenance' });
    const error = await rejection(bounces.list());
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).errorCode).toBe(100);

    nock(API).get('/bounces').query(true).times(3).reply(429, {});
    expect(await rejection(bounces.list())).toBeInstanceOf(RateLimitError);
  });

  it('reports a malformed answer as an ApiError naming the field, without retrying forever', async () => {
    const strict = apis({ retry: { limit: 0 } }).bounces;
    nock(API)
      .get('/bounces')
      .query(true)
      .reply(200, { TotalCount: 2, Bounces: [postmarkBounce(), postmarkBounce({ ID: '7' })] });
    const error = await rejection(strict.list());
    expect(isApiError(error)).toBe(true);
    expect((error as ApiError).message).toMatch(
      /GET \/bounces: Postmark answered 200 with an unexpected body .*Bounces\[1\]\.ID: expected a number, got "7"/,
    );

    nock(API)
      .get('/bounces')
      .query(true)
      .reply(200, {
        TotalCount: 1,
        Bounces: [postmarkBounce({ BouncedAt: '2024-02-30T10:00:00Z' })],
      });
    expect(await rejection(strict.list())).toMatchObject({
      message: expect.stringMatching(
        /Bounces\[0\]\.BouncedAt: expected an ISO 8601 date-time, got "2024-02-30T10:00:00Z"/,
      ),
    });

    nock(API).get('/bounces').query(true).reply(200, '<html>proxy error</html>');
    expect(await rejection(strict.list())).toMatchObject({
      message: expect.stringMatching(/a body that is not JSON/),
    });

    nock(API).get('/bounces').query(true).reply(200, { Bounces: [] });
    expect(await rejection(strict.list())).toMatchObject({
      message: expect.stringMatching(/TotalCount: is missing/),
    });

    // With the default policy the broken answer is asked again, then reported.
    nock(API).get('/bounces').query(true).times(3).reply(200, []);
    expect(isApiError(await rejection(bounces.list()))).toBe(true);
  });

  it('refuses a bounce ID past Number.MAX_SAFE_INTEGER, which would look up another bounce', async () => {
    const strict = apis({ retry: { limit: 0 } }).bounces;
    // Postmark's own example ID; JSON.stringify would round it, so the body is written as text.
    const SENTINEL = 987654321;
    const big = (fields: object) =>
      JSON.stringify(fields).replace(`"ID":${SENTINEL}`, '"ID":4323372036854775807');
    const list = {
      TotalCount: 4,
      Bounces: [1, 2, 3, SENTINEL].map((ID) => postmarkBounce({ ID })),
    };
    nock(API).get('/bounces').query(true).reply(200, big(list));
    const error = await rejection(strict.list());
    expect(isApiError(error)).toBe(true);
    expect((error as ApiError).message).toBe(
      `GET /bounces: Postmark answered 200 with an unexpected body (Bounces[3].ID: must be a whole number up to ${Number.MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER): past that a JavaScript number cannot hold Postmark's ID exactly); a read, so nothing was changed`,
    );

    nock(API)
      .get('/bounces/7')
      .reply(200, big(postmarkBounce({ ID: SENTINEL })));
    expect(await rejection(strict.get(7))).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/^GET \/bounces\/7: .*\(ID: must be a whole number up to/),
    });
    nock(API)
      .put('/bounces/7/activate')
      .reply(200, big({ Message: 'OK', Bounce: postmarkBounce({ ID: SENTINEL }) }));
    expect(await rejection(strict.activate(7))).toMatchObject({
      message: expect.stringMatching(/\(Bounce\.ID: must be a whole number up to/),
    });

    // The largest exact one still reads.
    nock(API)
      .get('/bounces/8')
      .reply(200, postmarkBounce({ ID: Number.MAX_SAFE_INTEGER }));
    expect((await strict.get(8)).id).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('one bounce', () => {
  it('get(), dump() and tags() read their endpoints', async () => {
    const scope = nock(API, { reqheaders })
      .get('/bounces/692560173')
      .reply(200, postmarkBounce())
      .get('/bounces/692560173/dump')
      .reply(200, { Body: 'Return-Path: <>\r\nSubject: Undeliverable\r\n' })
      .get('/bounces/42/dump')
      .reply(200, { Body: null })
      .get('/bounces/tags')
      .reply(200, ['invitation', 'welcome']);
    expect(await bounces.get(692560173)).toMatchObject({
      id: 692560173,
      type: 'HardBounce',
      email: 'anything@blackhole.example.com',
    });
    expect(await bounces.dump(692560173)).toBe('Return-Path: <>\r\nSubject: Undeliverable\r\n');
    expect(await bounces.dump(42)).toBe('');
    expect(await bounces.tags()).toEqual(['invitation', 'welcome']);
    scope.done();
  });

  it('activate() sends a PUT without a body and reads { Message, Bounce }', async () => {
    const scope = nock(API, { reqheaders })
      .put(
        '/bounces/692560173/activate',
        (body) => body === '' || body === undefined || Object.keys(body).length === 0,
      )
      .reply(200, { Message: 'OK', Bounce: postmarkBounce({ Inactive: false }) });
    const result = await bounces.activate(692560173);
    expect(result.message).toBe('OK');
    expect(result.bounce).toMatchObject({ id: 692560173, inactive: false });
    scope.done();
  });

  it('activate() retries a 500 (activating twice is harmless) and reports ErrorCode 1003', async () => {
    nock(API).put('/bounces/1/activate').reply(500, {});
    nock(API)
      .put('/bounces/1/activate')
      .reply(200, { Message: 'OK', Bounce: postmarkBounce({ ID: 1 }) });
    expect((await bounces.activate(1)).bounce.id).toBe(1);

    nock(API)
      .put('/bounces/2/activate')
      .reply(422, { ErrorCode: 1003, Message: 'Cannot activate bounce.' });
    const error = await rejection(bounces.activate(2));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      errorCode: 1003,
      apiMessage: 'Cannot activate bounce.',
    });
  });

  it('URL-encodes ids, so an odd one cannot reach another endpoint', async () => {
    const scope = nock(API)
      .get('/bounces/a%2Fb%3Fc%23d')
      .reply(200, postmarkBounce())
      .get('/bounces/%C3%BC%E2%82%AC%20x/dump')
      .reply(200, { Body: 'x' })
      .put('/bounces/..%2Ftags/activate')
      .reply(200, { Message: 'OK', Bounce: postmarkBounce() });
    expect((await bounces.get('a/b?c#d')).id).toBe(692560173);
    expect(await bounces.dump('ü€ x')).toBe('x');
    expect((await bounces.activate('../tags')).message).toBe('OK');
    scope.done();
  });

  it('refuses an empty, negative or non-integer id before any request', async () => {
    await expect(bounces.get('')).rejects.toThrow('bounces.get(): the id is empty');
    await expect(bounces.get(-1)).rejects.toThrow(RangeError);
    await expect(bounces.dump(1.5)).rejects.toThrow(RangeError);
    await expect(bounces.activate(undefined as never)).rejects.toThrow(TypeError);
    await expect(bounces.get({} as never)).rejects.toThrow(TypeError);
  });

  it('passes a not-found answer on as an ApiError', async () => {
    nock(API).get('/bounces/9').reply(422, { ErrorCode: 1000, Message: 'Bounce not found.' });
    expect(await rejection(bounces.get(9))).toMatchObject({ name: 'ApiError', errorCode: 1000 });
  });
});

describe('deliveryStats()', () => {
  it('reads GET /deliverystats; the "All" entry has no type', async () => {
    const scope = nock(API, { reqheaders })
      .get('/deliverystats')
      .reply(200, {
        InactiveMails: 192,
        Bounces: [
          { Name: 'All', Count: 253 },
          { Type: 'HardBounce', Name: 'Hard bounce', Count: 195 },
          { Type: 'Transient', Name: 'Message delayed', Count: 10 },
        ],
      });
    expect(await deliveryStats()).toEqual({
      inactiveMails: 192,
      bounces: [
        { type: undefined, name: 'All', count: 253 },
        { type: 'HardBounce', name: 'Hard bounce', count: 195 },
        { type: 'Transient', name: 'Message delayed', count: 10 },
      ],
    });
    scope.done();
  });

  it('reports a malformed answer clearly', async () => {
    nock(API).get('/deliverystats').times(3).reply(200, { InactiveMails: '1', Bounces: [] });
    expect(await rejection(deliveryStats())).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/InactiveMails: expected a /),
    });
  });
});

describe('on a Server', () => {
  it('server.bounces, server.messages and deliveryStats() go through its client; no token shows', async () => {
    const server = new Server({ serverToken: TOKEN, retry: { baseDelay: 0 } });
    expect(Object.isFrozen(server.bounces)).toBe(true);
    for (const value of [server.bounces, server.messages, server]) {
      expect(inspect(value, { depth: 5, showHidden: true })).not.toContain(TOKEN);
      expect(JSON.stringify(value) ?? '').not.toContain(TOKEN);
    }
    expect(String(server)).toBe('Server(https://api.postmarkapp.com)');

    const scope = nock(API, { reqheaders })
      .get('/deliverystats')
      .reply(200, { InactiveMails: 0, Bounces: [{ Name: 'All', Count: 0 }] })
      .get('/bounces/tags')
      .reply(200, []);
    expect(await server.deliveryStats()).toEqual({
      inactiveMails: 0,
      bounces: [{ type: undefined, name: 'All', count: 0 }],
    });
    expect(await server.bounces.tags()).toEqual([]);
    scope.done();
  });

  it('Server.of(sender) shares the Sender’s token and settings, and shows neither', async () => {
    const mailer = new Sender({ serverToken: TOKEN, timeout: 1234, retry: { baseDelay: 0 } });
    const server = Server.of(mailer);
    expect(server.timeout).toBe(1234);
    expect(inspect(server, { depth: 5, showHidden: true })).not.toContain(TOKEN);
    expect('bounces' in mailer).toBe(false);
    const scope = nock(API, { reqheaders }).get('/bounces/tags').reply(200, ['a']);
    expect(await server.bounces.tags()).toEqual(['a']);
    scope.done();
    expect(() => Server.of({} as never)).toThrow(/Server.of\(\) takes a Sender/);
  });
});
