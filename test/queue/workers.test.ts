import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OutcomeCounts } from '../../src/queue/index.js';
import { deliveries, keyed, onPostgresAndSandbox, settled } from './helpers.js';

// Worker processes, as an app runs them (test/queue/worker.mjs on the built package), sharing
// one queue on a throwaway PostgreSQL and sending to the sandbox in this process.
const root = fileURLToPath(new URL('../../', import.meta.url));
const script = fileURLToPath(new URL('./worker.mjs', import.meta.url));
const env = onPostgresAndSandbox();

interface WorkerProcess {
  readonly child: ChildProcess;
  /** The keys of each request it started, in order. */
  readonly batches: string[][];
  /** Its latest totals. */
  total: OutcomeCounts | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startWorkers(
  count: number,
  queue: string,
  settings: Record<string, string> = {},
): Promise<WorkerProcess[]> {
  if (!existsSync(`${root}dist/queue.js`)) throw new Error('run "npm run build" first');
  const workers = Array.from({ length: count }, () => {
    const child = fork(script, [], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: env.url,
        SANDBOX_URL: env.sandbox.url,
        SANDBOX_TOKEN: env.sandbox.token,
        QUEUE: queue,
        ...settings,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: WorkerProcess = {
      child,
      batches: [],
      total: undefined,
      exited: new Promise((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      ),
    };
    child.on('message', (message: { sending?: string[]; progress?: { total: OutcomeCounts } }) => {
      if (message.sending) worker.batches.push(message.sending);
      if (message.progress) worker.total = message.progress.total;
    });
    return worker;
  });
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.child.on('message', (message: { ready?: number }) => {
            if (message.ready) resolve();
          });
          worker.exited.then(({ code }) => reject(new Error(`a worker exited early (${code})`)));
        }),
    ),
  );
  for (const worker of workers) worker.child.send('go');
  return workers;
}

async function stopAll(workers: readonly WorkerProcess[]) {
  for (const worker of workers) if (worker.child.connected) worker.child.send('stop');
  return Promise.all(workers.map((worker) => worker.exited));
}

async function enqueueMany(queue: string, count: number) {
  const outbox = env.fresh({ queue });
  const keys = Array.from({ length: count }, (_, i) => `${queue}-${i}`);
  await outbox.enqueue(
    keys.map((key) => keyed(key)),
    { key: keys },
  );
  return { outbox, keys };
}

describe('three worker processes, 10,000 messages', () => {
  it('every message reaches the sandbox exactly once', async () => {
    env.sandbox.reset();
    const { outbox, keys } = await enqueueMany('three', 10_000);
    const workers = await startWorkers(3, 'three');
    const stats = await settled(outbox, 90_000);
    const exits = await stopAll(workers);

    expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);
    expect(stats).toMatchObject({ sent: 10_000, unknown: 0, refused: 0, total: 10_000 });
    const counts = deliveries(env.sandbox);
    expect(keys.filter((key) => counts.get(key) !== 1)).toEqual([]);
    expect(env.sandbox.messages()).toHaveLength(10_000);
    // The workers' own counts add up to the same: none sent a message another one sent.
    expect(workers.reduce((sum, worker) => sum + (worker.total?.sent ?? 0), 0)).toBe(10_000);
    const sentIn = workers.flatMap((worker) => worker.batches.flat());
    expect(new Set(sentIn).size).toBe(sentIn.length);
  }, 120_000);

  it('one worker SIGKILLed mid-batch: nothing lost, and only its batch is unknown (never re-sent)', async () => {
    env.sandbox.reset();
    const { outbox, keys } = await enqueueMany('killed', 10_000);
    // Each request takes 200 ms at the sandbox, so a batch is in flight most of the time;
    // a killed worker's batch expires after 3 s.
    env.sandbox.setFaults({ latencyMs: 200 });
    let stats: Awaited<ReturnType<typeof settled>>;
    let killed: string[];
    try {
      const workers = await startWorkers(3, 'killed', { EXPIRE_SECONDS: '3' });
      const victim = workers[0] as WorkerProcess;
      // Killed as its second request starts (the first one recorded): in the middle of a
      // batch, which takes at least 200 ms.
      victim.child.on('message', (message: { sending?: string[] }) => {
        if (message.sending && victim.batches.length === 2) victim.child.kill('SIGKILL');
      });
      await victim.exited;
      killed = victim.batches[1] as string[];
      expect((await victim.exited).signal).toBe('SIGKILL');
      stats = await settled(outbox, 90_000);
      const exits = await stopAll(workers.slice(1));
      expect(exits.map((exit) => exit.code)).toEqual([0, 0]);
    } finally {
      env.sandbox.setFaults({});
    }

    // Nothing lost: every message is sent, or unknown.
    expect(stats.sent + stats.unknown).toBe(10_000);
    expect(stats).toMatchObject({ total: 10_000, queued: 0, retrying: 0, refused: 0 });
    // The unknown ones are exactly the batch that was in flight when its worker died...
    const unknown = (await outbox.unknown()).map((entry) => entry.key);
    expect(unknown.sort()).toEqual([...killed].sort());
    expect(killed.length).toBeGreaterThan(0);
    for (const entry of await outbox.unknown({ limit: 3 })) expect(entry.reason).toBe('expired');
    // ...and none is delivered twice: not the unknown ones either (they are never re-sent).
    const counts = deliveries(env.sandbox);
    const parked = new Set(unknown);
    expect(keys.filter((key) => !parked.has(key) && counts.get(key) !== 1)).toEqual([]);
    expect(unknown.filter((key) => (counts.get(key) ?? 0) > 1)).toEqual([]);
  }, 120_000);
});

describe('SIGTERM', () => {
  it('finishes the request in flight, takes no more, and exits 0; the rest stays queued', async () => {
    env.sandbox.reset();
    const { outbox } = await enqueueMany('sigterm', 1_000);
    env.sandbox.setFaults({ latencyMs: 300 });
    try {
      const [worker] = (await startWorkers(1, 'sigterm', { BATCH_SIZE: '100' })) as [WorkerProcess];
      // As its first request starts (it takes at least 300 ms).
      worker.child.on('message', (message: { sending?: string[] }) => {
        if (message.sending && worker.batches.length === 1) worker.child.kill('SIGTERM');
      });
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    } finally {
      env.sandbox.setFaults({});
    }
    expect(await outbox.stats()).toMatchObject({ sent: 100, queued: 900, sending: 0, unknown: 0 });
    expect(env.sandbox.messages()).toHaveLength(100);
  }, 60_000);
});
