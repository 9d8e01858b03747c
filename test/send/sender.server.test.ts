import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Message,
  NetworkError,
  RateLimitError,
  Sender,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import { accepted, many, plain, TOKEN } from '../helpers/fixtures.js';
import { closedPort, json, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sender = (baseUrl: string, options: Partial<ConstructorParameters<typeof Sender>[0]> = {}) =>
  new Sender({ serverToken: TOKEN, baseUrl, retry: { baseDelay: 0 }, timeout: 2000, ...options });

const answerSends = (body: string) => {
  const parsed = JSON.parse(body);
  return Array.isArray(parsed)
    ? parsed.map((m: { To: string }) => accepted(m.To))
    : accepted(parsed.To);
};

describe('Sender over a real HTTP server on 127.0.0.1', () => {
  it('sends a message and a 1 201-message batch', async () => {
    server = await startServer((req, res) => json(res, 200, answerSends(req.body)));
    const mailer = sender(server.url);
    expect((await mailer.send(plain())).to).toBe('ada@example.com');
    const batch = await mailer.sendBatch(many(1201));
    expect(batch.sent).toHaveLength(1201);
    expect(
      server.requests.map((r) => [r.url, r.url === '/email' ? 1 : JSON.parse(r.body).length]),
    ).toEqual([
      ['/email', 1],
      ['/email/batch', 500],
      ['/email/batch', 500],
      ['/email/batch', 201],
    ]);
    expect(server.requests.every((r) => r.headers['x-postmark-server-token'] === TOKEN)).toBe(true);
  });

  it('503 twice, then 200: 3 requests, sent', async () => {
    server = await startServer((req, res, i) =>
      i < 2 ? json(res, 503, {}) : json(res, 200, answerSends(req.body)),
    );
    await sender(server.url).send(plain());
    expect(server.requests).toHaveLength(3);
  });

  it('429 every time: 3 requests, RateLimitError', async () => {
    server = await startServer((_req, res) =>
      json(res, 429, { ErrorCode: 429, Message: 'Rate limit exceeded.' }, { 'retry-after': '0' }),
    );
    await expect(sender(server.url).send(plain())).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(3);
  });

  it('500: exactly 1 request', async () => {
    server = await startServer((_req, res) => json(res, 500, {}));
    await expect(sender(server.url).send(plain())).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('a timeout: exactly 1 request, TimeoutError; with retry.unsafe, 3', async () => {
    server = await startServer(() => {});
    await expect(sender(server.url, { timeout: 100 }).send(plain())).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(server.requests).toHaveLength(1);
    await expect(
      sender(server.url, { timeout: 100, retry: { unsafe: true, baseDelay: 0 } }).send(plain()),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(4);
  });

  it('a per-call timeout overrides the Sender’s', async () => {
    server = await startServer(() => {});
    const error = await sender(server.url, { timeout: 60_000 })
      .send(plain(), { timeout: 100 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', timeout: 100 });
  });

  it('a reset mid-answer: exactly 1 request, NetworkError', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ErrorCode":0,');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await sender(server.url)
      .send(plain())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).safeToRetry).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('a refused connection is retried: 3 attempts', async () => {
    const port = await closedPort();
    let attempts = 0;
    const mailer = sender(`http://127.0.0.1:${port}`, {
      hooks: { beforeRequest: () => void attempts++ },
    });
    const error = await mailer.send(plain()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).safeToRetry).toBe(true);
    expect(attempts).toBe(3);
  });

  it('aborting a send mid-request rejects with the reason; one request, no retry', async () => {
    server = await startServer(() => {});
    const controller = new AbortController();
    const reason = new Error('request cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(
      sender(server.url, { timeout: 5000 }).send(plain(), { signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('AbortSignal.timeout works as a deadline for a whole send', async () => {
    server = await startServer(() => {});
    const error = await sender(server.url, { timeout: 5000 })
      .send(plain(), { signal: AbortSignal.timeout(80) })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(error).not.toBeInstanceOf(TimeoutError); // the caller's DOMException, as fetch gives it
  });

  it('no error or hook output holds the token', async () => {
    server = await startServer((req, res) =>
      json(res, 422, { ErrorCode: 300, Message: 'nope', Echo: req.headers }),
    );
    const logs: unknown[] = [];
    const mailer = sender(server.url, {
      hooks: {
        beforeRequest: (i) => void logs.push(i),
        afterResponse: (i) => void logs.push(i),
        onRetry: (i) => void logs.push(i),
      },
      defaults: Message.from('app@example.com'),
    });
    const error = await mailer.send(plain()).catch((e: unknown) => e);
    expect(
      (error as { body: { Echo: Record<string, string> } }).body.Echo['x-postmark-server-token'],
    ).toBe('[redacted]');
    for (const value of [error, logs]) {
      expect(inspect(value, { depth: 20, showHidden: true })).not.toContain(TOKEN);
      expect(JSON.stringify(value)).not.toContain(TOKEN);
    }
  });
});
