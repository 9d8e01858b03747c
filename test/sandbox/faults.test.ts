import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';

// Each test starts its own sandboxes: fault state must not leak between tests.
const started: Sandbox[] = [];
async function start(options: SandboxOptions = {}) {
  const sandbox = await startSandbox({ eventDelayMs: 0, ...options });
  started.push(sandbox);
  return { sandbox, api: client(sandbox) };
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
});

async function statuses(api: ReturnType<typeof client>, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) result.push((await api.get('/deliverystats')).status);
  return result;
}

describe('random faults', () => {
  it('gives the same sequence for the same seed and another for another seed', async () => {
    const faults = { rate429: 0.3, rate503: 0.2 };
    const a = await start({ seed: 1234, faults });
    const b = await start({ seed: 1234, faults });
    const c = await start({ seed: 99, faults });
    const first = await statuses(a.api, 40);
    expect(await statuses(b.api, 40)).toEqual(first);
    expect(await statuses(c.api, 40)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 503]));
    expect(a.sandbox.seed).toBe(1234);
  });

  it('reports a random seed so a run can be replayed', async () => {
    const { sandbox } = await start({ faults: { rate429: 0.5 } });
    const original = await statuses(client(sandbox), 20);
    const replay = await start({ seed: sandbox.seed, faults: { rate429: 0.5 } });
    expect(await statuses(replay.api, 20)).toEqual(original);
  });

  it('answers 429 and 503 before processing, so nothing is stored', async () => {
    const { sandbox, api } = await start({ faults: { rate429: 1 } });
    const limited = await api.post('/email', message());
    expect(limited.status).toBe(429);
    expect(limited.body.ErrorCode).toBe(429);
    sandbox.setFaults({ rate503: 1 });
    const unavailable = await api.post('/email', message());
    expect(unavailable.status).toBe(503);
    expect(sandbox.messages()).toHaveLength(0);
    sandbox.setFaults({});
    expect((await api.post('/email', message())).status).toBe(200);
    expect(sandbox.messages()).toHaveLength(1);
  });

  it('drops the connection without an answer and stores nothing', async () => {
    const { sandbox, api } = await start({ faults: { rateDrop: 1 } });
    await expect(api.post('/email', message())).rejects.toThrow();
    expect(sandbox.messages()).toHaveLength(0);
    expect(sandbox.requests().map((request) => request.status)).toEqual(['dropped']);
  });

  it('can store and then answer 500 (rate500AfterStore), the case a retry would duplicate', async () => {
    const { sandbox, api } = await start({ faults: { rate500AfterStore: 1 } });
    const response = await api.post('/email', message());
    expect(response.status).toBe(500);
    expect(sandbox.messages()).toHaveLength(1);
  });

  it('delays answers by latencyMs', async () => {
    const { api } = await start({ faults: { latencyMs: 120 } });
    const began = Date.now();
    expect((await api.get('/deliverystats')).status).toBe(200);
    expect(Date.now() - began).toBeGreaterThanOrEqual(110);
  });

  it('refuses rates outside 0..1 or adding up to more than 1', async () => {
    await expect(startSandbox({ faults: { rate429: 1.5 } })).rejects.toThrow(RangeError);
    const { sandbox } = await start();
    expect(() => sandbox.setFaults({ rate429: 0.6, rate500: 0.6 })).toThrow(RangeError);
    expect(() => sandbox.setFaults({ latencyMs: [10, 5] })).toThrow(RangeError);
  });
});

describe('scripted faults', () => {
  it('answers the next n requests with the given status, then normally', async () => {
    const { sandbox, api } = await start();
    sandbox.failNext(2, 503);
    expect(await statuses(api, 3)).toEqual([503, 503, 200]);
    expect(sandbox.requests().map((request) => request.fault)).toEqual([
      'scripted',
      'scripted',
      undefined,
    ]);
  });

  it('can drop, store-then-fail and store-then-drop', async () => {
    const { sandbox, api } = await start();
    sandbox.failNext(1, 'drop');
    await expect(api.post('/email', message({ To: 'dropped@example.com' }))).rejects.toThrow();
    sandbox.failNext(1, { status: 500, afterStore: true });
    expect((await api.post('/email', message({ To: 'stored-500@example.com' }))).status).toBe(500);
    sandbox.failNext(1, { status: 'drop', afterStore: true });
    await expect(
      api.post('/email', message({ To: 'stored-dropped@example.com' })),
    ).rejects.toThrow();
    sandbox.failNext(1, { status: 429, body: { ErrorCode: 429, Message: 'custom' } });
    expect((await api.post('/email', message())).body).toEqual({
      ErrorCode: 429,
      Message: 'custom',
    });
    expect(sandbox.messages().map((stored) => stored.To)).toEqual([
      'stored-500@example.com',
      'stored-dropped@example.com',
    ]);
    expect(sandbox.requests().map((request) => request.status)).toEqual([
      'dropped',
      500,
      'dropped',
      429,
    ]);
  });

  it('refuses a status that is not an HTTP error', async () => {
    const { sandbox } = await start();
    expect(() => sandbox.failNext(1, 200)).toThrow(RangeError);
    expect(() => sandbox.failNext(0, 500)).toThrow(RangeError);
  });
});

describe('lifecycle', () => {
  it('closes open keep-alive connections so the process can exit', async () => {
    const sandbox = await startSandbox();
    const api = client(sandbox);
    expect((await api.get('/deliverystats')).status).toBe(200);
    const began = Date.now();
    await sandbox.close();
    expect(Date.now() - began).toBeLessThan(1000);
    await expect(api.get('/deliverystats')).rejects.toThrow();
  });

  it('closes while a request waits out its latency', async () => {
    const sandbox = await startSandbox({ faults: { latencyMs: 10_000 } });
    const pending = client(sandbox).get('/deliverystats');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.close();
    await expect(pending).rejects.toThrow();
  });
});
