import { describe, expect, it } from 'vitest';
import { Message, Sender } from '../../src/index.js';
import { createOutbox } from '../../src/queue/index.js';
import {
  resolveEnqueueOptions,
  resolveOutboxOptions,
  resolveWorkOptions,
} from '../../src/queue/options.js';

// Options are checked when they are given, before any database is touched.
const sender = new Sender({
  serverToken: 'test-token-1234',
  defaults: Message.from('app@example.com'),
});
const url = 'postgres://127.0.0.1:1/none';

describe('createOutbox options', () => {
  it('takes one database: a connection string or a pool', () => {
    expect(() => createOutbox({ sender })).toThrow('one of connectionString or pool');
    const pool = { query: async () => ({ rows: [] }), connect: async () => ({}) as never };
    expect(() => createOutbox({ connectionString: url, pool, sender })).toThrow(
      'one of connectionString or pool',
    );
    expect(() => createOutbox({ pool: {} as never, sender })).toThrow('node-postgres Pool');
  });

  it('refuses unknown options, with a suggestion', () => {
    expect(() => createOutbox({ connectionString: url, sender, queu: 'x' } as never)).toThrow(
      /unknown createOutbox option "queu" \(did you mean "queue"\?\)/,
    );
  });

  it('needs a Sender, and one that never retries what may have been taken', () => {
    expect(() => createOutbox({ connectionString: url, sender: {} as never })).toThrow(
      'sender must be a Sender',
    );
    const unsafe = sender.with({ retry: { unsafe: true } });
    expect(() => createOutbox({ connectionString: url, sender: unsafe })).toThrow('retry.unsafe');
  });

  it('checks the queue and schema names it puts in SQL', () => {
    expect(() => createOutbox({ connectionString: url, sender, queue: 'a b' })).toThrow(
      'queue must be',
    );
    expect(() =>
      createOutbox({ connectionString: url, sender, schema: 'x; DROP TABLE y' }),
    ).toThrow('schema must be');
  });

  it('holds a batch by default for the longest the Sender can spend on it, plus a minute', () => {
    // 30 s timeout × 3 requests + 2 waits of up to 60 s (Retry-After) + 60 s.
    expect(resolveOutboxOptions({ connectionString: url, sender }).expireInSeconds).toBe(270);
    const quick = sender.with({ timeout: 5000, retry: { limit: 0 } });
    expect(resolveOutboxOptions({ connectionString: url, sender: quick }).expireInSeconds).toBe(65);
    expect(() => createOutbox({ connectionString: url, sender, expireInSeconds: 0 })).toThrow(
      'expireInSeconds',
    );
    expect(() =>
      createOutbox({ connectionString: url, sender, expireInSeconds: 24 * 3600 }),
    ).toThrow('expireInSeconds');
  });

  it('checks the backoff', () => {
    expect(() =>
      createOutbox({ connectionString: url, sender, backoff: { baseDelay: 10, maxDelay: 5 } }),
    ).toThrow('maxDelay must be at least baseDelay');
    expect(() =>
      createOutbox({ connectionString: url, sender, backoff: { baseDelay: -1 } }),
    ).toThrow('backoff.baseDelay');
  });
});

describe('enqueue options', () => {
  it('takes a key per message: a function, a list of the right length, or a string for one', () => {
    expect(resolveEnqueueOptions({ key: 'k' }, 1).keyOf({}, 0)).toBe('k');
    expect(() => resolveEnqueueOptions({ key: 'k' }, 2)).toThrow('one string keys one message');
    expect(() => resolveEnqueueOptions({ key: ['a'] }, 2)).toThrow('1 keys for 2 messages');
    expect(resolveEnqueueOptions({ key: (_: unknown, i: number) => `k${i}` }, 2).keyOf({}, 1)).toBe(
      'k1',
    );
  });

  it('reads sendAfter as a Date or milliseconds from now, as pg-boss reads startAfter', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    expect(resolveEnqueueOptions({ sendAfter: at }, 1).sendAfter).toBe('2030-01-01T00:00:00.000Z');
    expect(resolveEnqueueOptions({ sendAfter: 1500 }, 1).sendAfter).toBe('1500 milliseconds');
    expect(() => resolveEnqueueOptions({ sendAfter: new Date('nope') }, 1)).toThrow('invalid Date');
    expect(() => resolveEnqueueOptions({ sendAfter: -1 }, 1)).toThrow('sendAfter');
  });

  it('needs a client with query() for db', () => {
    expect(() => resolveEnqueueOptions({ db: {} }, 1)).toThrow('node-postgres client');
  });
});

describe('retry keys', () => {
  it('takes a key or a list of keys, and names keys otherwise (before touching the database)', async () => {
    const outbox = createOutbox({ connectionString: url, sender });
    for (const [keys, got] of [
      [null, 'null'],
      [undefined, 'undefined'],
      [123, 'number'],
      [{}, 'object'],
    ] as const) {
      const error = await outbox.retry(keys as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe(
        `retry: keys must be a key (a non-empty string) or a list of keys, not ${got}`,
      );
    }
    await expect(outbox.retry(['a', ''])).rejects.toThrow(
      'retry: keys[1] must be a non-empty string',
    );
    await expect(outbox.retry('')).rejects.toThrow('retry: keys[0] must be a non-empty string');
    await outbox.close();
  });
});

describe('work options', () => {
  it('takes batches of 1 to 500 (Postmark’s batch limit)', () => {
    expect(resolveWorkOptions({}, sender)).toMatchObject({ batchSize: 500, concurrency: 1 });
    expect(() => resolveWorkOptions({ batchSize: 501 }, sender)).toThrow(
      'batchSize must be a whole number, 1 to 500',
    );
    expect(() => resolveWorkOptions({ concurrency: 0 }, sender)).toThrow('concurrency');
    expect(() => resolveWorkOptions({ signal: 'x' }, sender)).toThrow('AbortSignal');
    expect(() => resolveWorkOptions({ pollInterval: 0 }, sender)).toThrow('pollInterval');
  });

  it('follows a Sender’s own batch limit', () => {
    const small = sender.with({ limits: { maxBatchMessages: 50 } });
    expect(resolveWorkOptions({}, small).batchSize).toBe(50);
  });
});
