import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { Message, Sender, type SenderOptions } from '../../src/index.js';
import { createOutbox, type Outbox, type OutboxOptions } from '../../src/queue/index.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.mjs';

/**
 * A throwaway PostgreSQL and a sandbox for one test file, started before its tests and
 * stopped after them. Each test takes its own queue (`fresh()`), so tests never see each
 * other's messages.
 */
export function onPostgresAndSandbox(sandboxOptions: SandboxOptions = {}) {
  const state = {} as { postgres: ThrowawayPostgres; sandbox: Sandbox; pool: pg.Pool };
  const outboxes: Outbox[] = [];
  let queues = 0;
  beforeAll(async () => {
    state.postgres = await startPostgres();
    state.sandbox = await startSandbox(sandboxOptions);
    state.pool = new pg.Pool({ connectionString: state.postgres.url, max: 4 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(outboxes.map((outbox) => outbox.close()));
    await state.pool?.end();
    await state.sandbox?.close();
    await state.postgres?.stop();
  }, 60_000);

  return {
    get url() {
      return state.postgres.url;
    },
    get sandbox() {
      return state.sandbox;
    },
    get pool() {
      return state.pool;
    },
    /** A Sender to the sandbox; by default it never retries by itself, so the outbox's rules show. */
    sender(options: Partial<SenderOptions> = {}) {
      return new Sender({
        serverToken: state.sandbox.token,
        baseUrl: state.sandbox.url,
        retry: { limit: 0 },
        defaults: Message.from('app@example.com'),
        ...options,
      });
    },
    /** An outbox on a queue of its own, closed after the file's tests. */
    fresh(options: Partial<OutboxOptions> = {}) {
      queues++;
      const outbox = createOutbox({
        connectionString: state.postgres.url,
        sender: this.sender(),
        queue: `test-${queues}`,
        backoff: { baseDelay: 20, maxDelay: 200 },
        ...options,
      });
      outboxes.push(outbox);
      return outbox;
    },
  };
}

/** A message the sandbox stores with its key in Metadata, so deliveries can be counted by key. */
export function keyed(key: string, to = 'ada@example.com') {
  return Message.to(to).subject(`Receipt ${key}`).text('Thanks').metadata({ key });
}

/** How many times the sandbox accepted each key. */
export function deliveries(sandbox: Sandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of sandbox.messages()) {
    const key = message.Metadata?.key;
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Polls `check` until it returns something other than undefined, or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves once nothing of the outbox's queue is waiting or in flight; to its stats. */
export function settled(outbox: Outbox, ms?: number) {
  return eventually(
    async () => {
      const stats = await outbox.stats();
      return stats.queued + stats.sending + stats.retrying === 0 ? stats : undefined;
    },
    'the queue to settle',
    ms,
  );
}
