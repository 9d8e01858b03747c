import { inspect } from 'node:util';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  InvalidTokenError,
  isNetworkError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type Transport,
  type TransportRequest,
} from '../../src/index.js';
import { SendAnswer } from '../../src/schemas/answers.js';
import { PostmarkSendResponseSchema } from '../../src/schemas/responses.js';
import { recordingTransport, type ScriptedAnswer } from '../../src/testing/index.js';
import { type ClientConfig, createClient, pathTo } from '../../src/transport/client.js';
import { DEFAULT_RETRY } from '../../src/transport/retry.js';
import { VERSION } from '../../src/transport/version.js';
import { TOKEN } from '../helpers/fixtures.js';

const BODY = JSON.stringify({ From: 'app@example.com', To: 'ada@example.com', TextBody: 'Hi' });

function setup(overrides: Partial<ClientConfig> = {}) {
  const transport = recordingTransport();
  const sleep = vi.fn(async (_ms: number, signal?: AbortSignal) => signal?.throwIfAborted());
  const client = createClient({
    transport,
    token: TOKEN,
    timeout: 1000,
    retry: DEFAULT_RETRY,
    sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { transport, client, sleep };
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (error) {
    return error;
  }
}

describe('the request layer', () => {
  it('sends the token, JSON headers and a User-Agent on every request', async () => {
    const seen: TransportRequest[] = [];
    const transport: Transport = {
      async request(request) {
        seen.push(request);
        return { status: 200, headers: {}, body: '{"ErrorCode":0}' };
      },
    };
    const client = createClient({ transport, token: TOKEN, timeout: 1234, retry: DEFAULT_RETRY });
    await client.post('/email', BODY, PostmarkSendResponseSchema);
    await client.get('/bounces', { count: 1 }, v.unknown());
    for (const request of seen) {
      expect(request.headers).toEqual({
        'X-Postmark-Server-Token': TOKEN,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'User-Agent': `postmark-fluent/${VERSION}`,
      });
      expect(request.timeout).toBe(1234);
    }
    expect(seen[1]).toMatchObject({ method: 'GET', path: '/bounces', query: { count: 1 } });
  });

  it('validates a successful answer and lets extra fields through', async () => {
    const transport: Transport = {
      request: async () => ({
        status: 200,
        headers: {},
        body: '{"ErrorCode":0,"MessageID":"m1","NewField":true}',
      }),
    };
    const client = createClient({ transport, token: TOKEN, timeout: 1000, retry: DEFAULT_RETRY });
    expect(await client.post('/email', BODY, PostmarkSendResponseSchema)).toMatchObject({
      MessageID: 'm1',
      NewField: true,
    });
  });

  it('a 2xx whose body is not what was expected is an ApiError, and a send is not repeated', async () => {
    for (const body of ['not json', '{"MessageID":1}']) {
      const { transport, client } = setup();
      transport.failCall(0, { status: 200, body });
      const error = await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toMatch(/probably carried out/);
      expect(transport.calls).toHaveLength(1);
    }
  });

  it("says what was unexpected in the SDK's words (the Sender's answer checks), and says nothing was carried out by a read", async () => {
    const { transport, client } = setup();
    transport.failCall(0, { status: 200, body: '{"ErrorCode":"x"}' });
    const send = await outcome(client.post('/email', BODY, SendAnswer));
    expect((send as ApiError).message).toBe(
      'POST /email: Postmark answered 200 with an unexpected body (ErrorCode: expected a number, got "x"); the request was probably carried out',
    );
    const answering = {
      request: async () => ({ status: 200, headers: {}, body: '{"ErrorCode":"x"}' }),
    };
    const reader = createClient({
      transport: answering,
      token: TOKEN,
      timeout: 1000,
      retry: DEFAULT_RETRY,
    });
    const read = await outcome(reader.get('/email/bulk/1', {}, SendAnswer));
    expect((read as ApiError).message).toMatch(/unexpected body \(ErrorCode: expected a number/);
    expect((read as ApiError).message).not.toMatch(/carried out|×/);
  });
});

describe('an unexpected 2xx body on a read', () => {
  it('says nothing was changed, not that the request was probably carried out', async () => {
    // A read is retried after a broken answer: every attempt gets the same one.
    const { transport, client } = setup();
    for (let call = 0; call <= DEFAULT_RETRY.limit; call++)
      transport.failCall(call, { status: 200, body: '{"MessageID":1}' });
    const error = await outcome(client.get('/server', {}, PostmarkSendResponseSchema));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(
      /^GET \/server: Postmark answered 200 with an unexpected body/,
    );
    expect((error as ApiError).message).toMatch(/; a read, so nothing was changed$/);
    expect((error as ApiError).message).not.toMatch(/carried out/);
  });
});

describe('retries of a send (not idempotent)', () => {
  const cases: [string, ScriptedAnswer, number, unknown][] = [
    ['429', 429, 3, RateLimitError],
    ['503', 503, 3, ServerError],
    ['a refused connection', 'connection-refused', 3, NetworkError],
    ['500', 500, 1, ServerError],
    ['502', 502, 1, ServerError],
    ['a timeout', 'timeout', 1, TimeoutError],
    ['a reset connection', 'connection-reset', 1, NetworkError],
    ['401', 401, 1, InvalidTokenError],
    ['413', 413, 1, ApiError],
    ['422', 422, 1, ApiError],
  ];

  it.each(cases)('%s: %i request(s) by default', async (_name, answer, requests, type) => {
    const { transport, client } = setup();
    for (let i = 0; i < 5; i++) transport.failCall(i, answer);
    const error = await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(error).toBeInstanceOf(type);
    expect(transport.calls).toHaveLength(requests);
  });

  it.each([
    ['500', 500],
    ['a timeout', 'timeout'],
    ['a reset connection', 'connection-reset'],
    ['a broken answer', { status: 200, body: '{"Mess' }],
  ] as [string, ScriptedAnswer][])('%s: 3 requests with retry.unsafe', async (_name, answer) => {
    const { transport, client } = setup({ retry: { ...DEFAULT_RETRY, unsafe: true } });
    for (let i = 0; i < 5; i++) transport.failCall(i, answer);
    await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(transport.calls).toHaveLength(3);
  });

  it('unsafe still never repeats a 4xx', async () => {
    const { transport, client } = setup({ retry: { ...DEFAULT_RETRY, unsafe: true } });
    transport.failCall(0, 422);
    await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(transport.calls).toHaveLength(1);
  });

  it('succeeds on a retry after a 503 and a 429', async () => {
    const { transport, client } = setup();
    transport.failCall(0, 503).failCall(1, 429);
    const answer = await client.post('/email', BODY, PostmarkSendResponseSchema);
    expect(answer.ErrorCode).toBe(0);
    expect(transport.calls).toHaveLength(3);
  });

  it('honours retry.limit', async () => {
    for (const limit of [0, 1, 4]) {
      const { transport, client } = setup({ retry: { ...DEFAULT_RETRY, limit } });
      for (let i = 0; i < 10; i++) transport.failCall(i, 429);
      await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
      expect(transport.calls).toHaveLength(limit + 1);
    }
  });
});

describe('retries of a read (idempotent)', () => {
  it.each([
    ['500', 500],
    ['a timeout', 'timeout'],
    ['a reset connection', 'connection-reset'],
    ['429', 429],
  ] as [string, ScriptedAnswer][])('%s: 3 requests', async (_name, answer) => {
    const { transport, client } = setup();
    for (let i = 0; i < 5; i++) transport.failCall(i, answer);
    await outcome(client.get('/deliverystats', {}, v.unknown()));
    expect(transport.calls).toHaveLength(3);
  });

  it('a 404 is not retried', async () => {
    const { transport, client } = setup();
    transport.failCall(0, 404);
    await outcome(client.get('/bounces/1', {}, v.unknown()));
    expect(transport.calls).toHaveLength(1);
  });
});

describe('waiting between attempts', () => {
  it('backs off exponentially with jitter', async () => {
    const { transport, client, sleep } = setup({
      retry: { ...DEFAULT_RETRY, limit: 3, baseDelay: 100 },
      random: () => 0.5,
    });
    for (let i = 0; i < 5; i++) transport.failCall(i, 503);
    await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(sleep.mock.calls.map((call) => call[0])).toEqual([50, 100, 200]);
  });

  it('waits what Retry-After asks', async () => {
    const { transport, client, sleep } = setup();
    transport.failCall(0, { status: 429, headers: { 'Retry-After': '2' } });
    await client.post('/email', BODY, PostmarkSendResponseSchema);
    expect(sleep.mock.calls.map((call) => call[0])).toEqual([2000]);
  });

  it('gives up when Retry-After asks for more than maxRetryAfter', async () => {
    const { transport, client, sleep } = setup({
      retry: { ...DEFAULT_RETRY, maxRetryAfter: 1000 },
    });
    transport.failCall(0, { status: 429, headers: { 'retry-after': '120' } });
    const error = await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(sleep).not.toHaveBeenCalled();
    expect(transport.calls).toHaveLength(1);
  });

  it('a Retry-After on a 500 does not make a send retry', async () => {
    const { transport, client } = setup();
    transport.failCall(0, { status: 500, headers: { 'retry-after': '0' } });
    await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(transport.calls).toHaveLength(1);
  });

  it('really sleeps when no sleep is injected (0 ms backoff keeps it short)', async () => {
    const { transport, client } = setup({
      sleep: undefined,
      retry: { ...DEFAULT_RETRY, baseDelay: 0 },
    });
    transport.failCall(0, 503).failCall(1, 503);
    await client.post('/email', BODY, PostmarkSendResponseSchema);
    expect(transport.calls).toHaveLength(3);
  });
});

describe('aborting', () => {
  it('an aborted signal sends nothing and rejects with its reason', async () => {
    const { transport, client } = setup();
    const reason = new Error('shutting down');
    const error = await outcome(
      client.post('/email', BODY, PostmarkSendResponseSchema, {
        signal: AbortSignal.abort(reason),
      }),
    );
    expect(error).toBe(reason);
    expect(transport.calls).toHaveLength(0);
  });

  it('aborting while waiting to retry stops the retries', async () => {
    const transport = recordingTransport();
    for (let i = 0; i < 5; i++) transport.failCall(i, 503);
    const controller = new AbortController();
    const client = createClient({
      transport,
      token: TOKEN,
      timeout: 1000,
      retry: { ...DEFAULT_RETRY, baseDelay: 60_000 },
      random: () => 1,
      hooks: { onRetry: () => controller.abort(new Error('stop')) },
    });
    const error = await outcome(
      client.post('/email', BODY, PostmarkSendResponseSchema, { signal: controller.signal }),
    );
    expect((error as Error).message).toBe('stop');
    expect(transport.calls).toHaveLength(1);
  });
});

describe('hooks', () => {
  it('see each attempt, each answer and each retry, without the token', async () => {
    const events: unknown[] = [];
    const { transport, client } = setup({
      hooks: {
        beforeRequest: (info) => void events.push(['before', info]),
        afterResponse: (info) =>
          void events.push(['after', { ...info, durationMs: typeof info.durationMs }]),
        onRetry: (info) => void events.push(['retry', { ...info, error: info.error.name }]),
      },
    });
    transport.failCall(0, 503);
    await client.post('/email', BODY, PostmarkSendResponseSchema);
    expect(events).toEqual([
      ['before', { method: 'POST', path: '/email', attempt: 1 }],
      ['after', { method: 'POST', path: '/email', attempt: 1, status: 503, durationMs: 'number' }],
      ['retry', { method: 'POST', path: '/email', attempt: 1, delayMs: 250, error: 'ServerError' }],
      ['before', { method: 'POST', path: '/email', attempt: 2 }],
      ['after', { method: 'POST', path: '/email', attempt: 2, status: 200, durationMs: 'number' }],
    ]);
    expect(inspect(events, { depth: 10 })).not.toContain(TOKEN);
  });

  it('a throwing afterResponse or onRetry changes nothing', async () => {
    const { transport, client } = setup({
      hooks: {
        afterResponse: () => {
          throw new Error('logger down');
        },
        onRetry: async () => {
          throw new Error('metrics down');
        },
      },
    });
    transport.failCall(0, 429);
    expect((await client.post('/email', BODY, PostmarkSendResponseSchema)).ErrorCode).toBe(0);
    expect(transport.calls).toHaveLength(2);
  });

  it('a throwing beforeRequest stops the request before it is sent', async () => {
    const veto = new Error('kill switch');
    const { transport, client } = setup({
      hooks: {
        beforeRequest: () => {
          throw veto;
        },
      },
    });
    expect(await outcome(client.post('/email', BODY, PostmarkSendResponseSchema))).toBe(veto);
    expect(transport.calls).toHaveLength(0);
  });
});

describe('failures of the transport itself', () => {
  it('an unknown rejection becomes a NetworkError that may have been sent', async () => {
    const cause = new Error('something odd');
    const transport: Transport = {
      request: async () => {
        throw cause;
      },
    };
    const client = createClient({
      transport,
      token: TOKEN,
      timeout: 1000,
      retry: DEFAULT_RETRY,
      sleep: async () => {},
    });
    const error = await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(isNetworkError(error)).toBe(true);
    expect((error as NetworkError).safeToRetry).toBe(false);
    expect((error as NetworkError).cause).toBe(cause);
  });

  it('scrubs the token out of whatever a transport throws or answers', async () => {
    let call = 0;
    const transport: Transport = {
      async request(request) {
        call++;
        if (call === 1)
          throw Object.assign(new Error(`failed with headers ${JSON.stringify(request.headers)}`), {
            request,
          });
        return {
          status: 422,
          headers: {},
          body: JSON.stringify({
            ErrorCode: 300,
            Message: `echo ${TOKEN}`,
            Headers: request.headers,
          }),
        };
      },
    };
    const client = createClient({
      transport,
      token: TOKEN,
      timeout: 1000,
      retry: { ...DEFAULT_RETRY, unsafe: true },
      sleep: async () => {},
    });
    const first = await outcome(client.post('/email', BODY, PostmarkSendResponseSchema));
    expect(first).toBeInstanceOf(ApiError);
    expect(call).toBe(2);
    expect(inspect(first, { depth: 20 })).not.toContain(TOKEN);
    expect(JSON.stringify((first as ApiError).body)).toContain('[redacted]');

    call = 0;
    const noRetry = createClient({ transport, token: TOKEN, timeout: 1000, retry: DEFAULT_RETRY });
    const second = await outcome(noRetry.post('/email', BODY, PostmarkSendResponseSchema));
    expect(second).toBeInstanceOf(NetworkError);
    expect(inspect(second, { depth: 20 })).not.toContain(TOKEN);
    expect(`${(second as Error).message} ${(second as Error).stack}`).not.toContain(TOKEN);
  });
});

describe('pathTo', () => {
  it('encodes path parameters', () => {
    expect(pathTo`/messages/outbound/${'a/b?c'}/details`).toBe(
      '/messages/outbound/a%2Fb%3Fc/details',
    );
    expect(pathTo`/bounces/${42}/activate`).toBe('/bounces/42/activate');
  });
});
