import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, TimeoutError } from '../../src/index.js';
import { kyTransport } from '../../src/transport/ky-transport.js';
import { TOKEN } from '../helpers/fixtures.js';
import { closedPort, json, startServer, type TestServer } from '../helpers/server.js';

const headers = {
  'X-Postmark-Server-Token': TOKEN,
  Accept: 'application/json',
  'Content-Type': 'application/json',
  'User-Agent': 'postmark-fluent/0.1.0',
};
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function request(baseUrl: string, extra: { timeout?: number; signal?: AbortSignal } = {}) {
  return kyTransport({ baseUrl }).request({
    method: 'POST',
    path: '/email',
    headers,
    body: '{"To":"a@b.co"}',
    ...extra,
  });
}

function leaks(value: unknown): boolean {
  return (
    inspect(value, { depth: 20, showHidden: true }).includes(TOKEN) ||
    JSON.stringify(value)?.includes(TOKEN) === true
  );
}

describe('kyTransport over a real server on 127.0.0.1', () => {
  it('sends the headers and body, and reads the answer', async () => {
    server = await startServer((_req, res) => json(res, 200, { ErrorCode: 0 }));
    const answer = await request(server.url, { timeout: 2000 });
    expect(answer.status).toBe(200);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/email',
      body: '{"To":"a@b.co"}',
      headers: {
        'x-postmark-server-token': TOKEN,
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': 'postmark-fluent/0.1.0',
      },
    });
  });

  it('sends a byte body as is, with its Content-Length rather than chunked, on every attempt', async () => {
    server = await startServer((_req, res) => json(res, 200, { ErrorCode: 0 }));
    const text = `{"Content":"${'QUJD'.repeat(300_000)}","Name":"é✓"}`;
    const body = new TextEncoder().encode(text);
    const transport = kyTransport({ baseUrl: server.url });
    for (let attempt = 0; attempt < 2; attempt++)
      await transport.request({ method: 'POST', path: '/email', headers, body, timeout: 5000 });
    expect(server.requests).toHaveLength(2);
    for (const received of server.requests) {
      expect(received.body).toBe(text);
      expect(received.headers['content-length']).toBe(String(body.byteLength));
      expect(received.headers['transfer-encoding']).toBeUndefined();
      expect(received.headers['content-type']).toBe('application/json');
    }
  });

  it('times out when no answer comes', async () => {
    server = await startServer(() => {}); // never answers
    const started = Date.now();
    const error = await request(server.url, { timeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeout).toBe(150);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out when the body trickles in too slowly', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ErrorCode":');
    });
    const error = await request(server.url, { timeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('a refused connection is a NetworkError that is safe to retry, with its cause', async () => {
    const port = await closedPort();
    const error = await request(`http://127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).safeToRetry).toBe(true);
    expect(inspect((error as NetworkError).cause, { depth: 5 })).toContain('ECONNREFUSED');
    expect(leaks(error)).toBe(false);
  });

  it('a connection reset before the answer may have been sent', async () => {
    server = await startServer((_req, res) => res.socket?.destroy());
    const error = await request(server.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).safeToRetry).toBe(false);
    expect(leaks(error)).toBe(false);
  });

  it('an answer broken off mid-body may have been sent', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ErrorCode":0,');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await request(server.url, { timeout: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).safeToRetry).toBe(false);
    expect(leaks(error)).toBe(false);
  });

  it('an abort mid-request rejects with the signal reason', async () => {
    server = await startServer(() => {});
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 50);
    const error = await request(server.url, { timeout: 5000, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(reason);
  });

  it('refuses an answer larger than it reads, announced or not, as maybe carried out', async () => {
    const big = 'x'.repeat(5000);
    for (const announced of [true, false]) {
      server = await startServer((_req, res) => {
        if (announced) res.writeHead(200, { 'content-length': String(big.length) });
        else res.writeHead(200); // chunked: the size shows only as it arrives
        res.write(big.slice(0, 2500));
        setTimeout(() => res.end(big.slice(2500)), 20);
      });
      const transport = kyTransport({ baseUrl: server.url, maxAnswerBytes: 1000 });
      const error = await transport
        .request({ method: 'GET', path: '/server', headers, timeout: 2000 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).safeToRetry).toBe(false);
      expect((error as Error).message).toMatch(
        /larger than 1,000 bytes.*may have been carried out/,
      );
      await server.close();
      server = undefined;
    }
    // Postmark's largest answers stay well inside the default.
    server = await startServer((_req, res) => json(res, 200, { Body: 'y'.repeat(200_000) }));
    expect((await request(server.url, { timeout: 2000 })).body).toHaveLength(200_011);
  });

  it('does not follow a redirect (it would carry the token elsewhere)', async () => {
    const elsewhere = await startServer((_req, res) => json(res, 200, { ErrorCode: 0 }));
    server = await startServer((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/email` });
      res.end();
    });
    const error = await request(server.url, { timeout: 2000 }).catch((e: unknown) => e);
    await elsewhere.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect(elsewhere.requests).toHaveLength(0);
  });
});
