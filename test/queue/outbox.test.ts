import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Message, MessageValidationError, Server } from '../../src/index.js';
import type { WorkProgress } from '../../src/queue/index.js';
import { deliveries, eventually, keyed, onPostgresAndSandbox, settled } from './helpers.js';

// The outbox against a real PostgreSQL (a throwaway server) and the sandbox, in one process.
// The multi-process claims (3 workers, a SIGKILL) are in workers.test.ts.
const env = onPostgresAndSandbox();

const keysOf = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/** Ends a queue's pause, and its messages' backoffs, now (as waiting them out would). */
async function endPause(queue: string) {
  await env.pool.query('UPDATE postmark_outbox.pause SET not_before = now() WHERE queue = $1', [
    queue,
  ]);
  await env.pool.query(
    "UPDATE postmark_outbox_jobs.job SET start_after = now() WHERE name = $1 AND state < 'active'",
    [queue],
  );
}

describe('enqueue and work', () => {
  it('sends every message once, in batches, and records its MessageID', async () => {
    const outbox = env.fresh();
    const keys = keysOf('basic', 1203);
    const events: WorkProgress[] = [];
    outbox.on('progress', (progress) => events.push(progress));
    const result = await outbox.enqueue(
      keys.map((key) => keyed(key)),
      { key: (_, i) => keys[i] as string },
    );
    expect(result).toEqual({ keys, added: keys, duplicates: [] });
    expect((await outbox.status('basic-0'))?.status).toBe('queued');

    const stop = outbox.work({ pollInterval: 50 });
    const stats = await settled(outbox);
    await stop();

    expect(stats).toMatchObject({ sent: 1203, total: 1203, unknown: 0, refused: 0 });
    const counts = deliveries(env.sandbox);
    expect(keys.filter((key) => counts.get(key) !== 1)).toEqual([]);
    const status = await outbox.status('basic-7');
    const stored = env.sandbox.messages().find((m) => m.Metadata?.key === 'basic-7');
    expect(status).toMatchObject({ key: 'basic-7', status: 'sent', attempts: 1 });
    expect(status?.messageId).toBe(stored?.MessageID);
    expect(status?.submittedAt).toBeInstanceOf(Date);
    // Three batches of at most 500, counted by the progress events.
    expect(events.map((e) => e.batch.fetched)).toEqual([500, 500, 203]);
    expect(events.at(-1)?.total).toMatchObject({ fetched: 1203, sent: 1203, unknown: 0 });
  });

  it('stores what was validated: the Sender defaults merged at enqueue, as Postmark JSON', async () => {
    const outbox = env.fresh({
      sender: env.sender({ defaults: Message.from('Shop <shop@example.com>').tag('receipt') }),
    });
    await outbox.enqueue(keyed('merged'), { key: 'merged' });
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    await stop();
    const stored = env.sandbox.messages().find((m) => m.Metadata?.key === 'merged');
    expect(stored).toMatchObject({ From: 'Shop <shop@example.com>', Tag: 'receipt' });
  });

  it('sends templated and plain messages of one batch, each through its own endpoint', async () => {
    env.sandbox.addTemplate({
      Name: 'Receipt',
      Alias: 'receipt',
      Subject: 'Receipt for {{name}}',
      TextBody: 'Thanks, {{name}}',
    });
    const outbox = env.fresh();
    await outbox.enqueue(
      [
        Message.to('ada@example.com').template('receipt', { name: 'Ada' }).metadata({ key: 'tpl' }),
        keyed('plain'),
      ],
      { key: ['tpl', 'plain'] },
    );
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    await stop();
    expect((await outbox.status('tpl'))?.status).toBe('sent');
    expect((await outbox.status('plain'))?.status).toBe('sent');
    const stored = env.sandbox.messages().find((m) => m.Metadata?.key === 'tpl');
    expect(stored?.Subject).toBe('Receipt for Ada');
    const paths = env.sandbox.requests().map((r) => r.path.toLowerCase());
    expect(paths).toContain('/email/batchwithtemplates');
    expect(paths).toContain('/email/batch');
  });

  it('refuses an invalid message at enqueue, naming it, and stores none of the call', async () => {
    const outbox = env.fresh();
    const messages = [keyed('ok'), Message.to('bob@example.com').subject('No body')];
    const error = await outbox
      .enqueue(messages, { key: ['ok', 'bad'] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MessageValidationError);
    expect((error as MessageValidationError).issues[0]?.path).toMatch(/^\[1\]/);
    expect(await outbox.status('ok')).toBeUndefined();
    expect((await outbox.stats()).total).toBe(0);
  });

  it('enqueues a key once: the same key again (or twice in one call) is a no-op, sent once', async () => {
    const outbox = env.fresh();
    const first = await outbox.enqueue([keyed('dup-a'), keyed('dup-a'), keyed('dup-b')], {
      key: ['dup-a', 'dup-a', 'dup-b'],
    });
    expect(first.added).toEqual(['dup-a', 'dup-b']);
    expect(first.duplicates).toEqual(['dup-a']);
    const again = await outbox.enqueue(keyed('dup-a'), { key: 'dup-a' });
    expect(again).toEqual({ keys: ['dup-a'], added: [], duplicates: ['dup-a'] });

    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    // Sent already: enqueuing the key once more must not send it again either.
    expect((await outbox.enqueue(keyed('dup-a'), { key: 'dup-a' })).added).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stop();
    expect(deliveries(env.sandbox).get('dup-a')).toBe(1);
    expect((await outbox.stats()).total).toBe(2);
  });

  it('gives random keys when none is given, and returns them', async () => {
    const outbox = env.fresh();
    const { keys, added } = await outbox.enqueue([keyed('r1'), keyed('r2')]);
    expect(keys).toHaveLength(2);
    expect(added).toEqual(keys);
    expect(keys[0]).not.toBe(keys[1]);
    expect((await outbox.status(keys[0] as string))?.status).toBe('queued');
  });

  it('holds a message until sendAfter', async () => {
    const outbox = env.fresh();
    await outbox.enqueue(keyed('later'), { key: 'later', sendAfter: 60 * 60_000 });
    await outbox.enqueue(keyed('now'), { key: 'now' });
    const stop = outbox.work({ pollInterval: 50 });
    await eventually(
      async () => ((await outbox.status('now'))?.status === 'sent' ? true : undefined),
      '"now" to be sent',
    );
    await stop();
    const later = await outbox.status('later');
    expect(later?.status).toBe('queued');
    expect((later?.sendAfter?.getTime() ?? 0) - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(deliveries(env.sandbox).get('later')).toBeUndefined();
  });
});

describe('enqueue inside your transaction (the transactional outbox)', () => {
  it('sends what was committed, and nothing of what was rolled back', async () => {
    const outbox = env.fresh();
    const client = await env.pool.connect();
    try {
      await client.query('CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY)');
      await client.query('BEGIN');
      await client.query("INSERT INTO orders VALUES ('tx-rolled-back')");
      await outbox.enqueue(keyed('tx-rolled-back'), { key: 'tx-rolled-back', db: client });
      // Inside the transaction, it is there; outside, not yet.
      expect((await outbox.status('tx-rolled-back'))?.status).toBeUndefined();
      await client.query('ROLLBACK');

      await client.query('BEGIN');
      await client.query("INSERT INTO orders VALUES ('tx-committed')");
      await outbox.enqueue(keyed('tx-committed'), { key: 'tx-committed', db: client });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    await stop();
    expect(await outbox.status('tx-rolled-back')).toBeUndefined();
    expect((await outbox.status('tx-committed'))?.status).toBe('sent');
    const counts = deliveries(env.sandbox);
    expect(counts.get('tx-committed')).toBe(1);
    expect(counts.get('tx-rolled-back')).toBeUndefined();
  });

  it('refuses a db outside a transaction (a Pool, a client before BEGIN), storing nothing', async () => {
    const outbox = env.fresh();
    await outbox.stats(); // the tables exist: only the refusal can keep the row out
    const client = await env.pool.connect();
    try {
      for (const db of [env.pool, client]) {
        const error = await outbox
          .enqueue(keyed('no-tx'), { key: 'no-tx', db })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toMatch(
          /^db must be a node-postgres client inside your transaction/,
        );
      }
    } finally {
      client.release();
    }
    expect(await outbox.status('no-tx')).toBeUndefined();
    expect((await outbox.stats()).total).toBe(0);
    // Not a duplicate afterwards: the key was never taken.
    expect((await outbox.enqueue(keyed('no-tx'), { key: 'no-tx' })).added).toEqual(['no-tx']);
  });

  it('stores a message and its job together: a failed job insert leaves no row, and your transaction usable', async () => {
    const outbox = env.fresh();
    await outbox.stats();
    const client = await env.pool.connect();
    // The caller's client, failing pg-boss's insert of the job (after the row was inserted).
    const failing = {
      query: (text: string, values?: unknown[]) =>
        /INSERT INTO postmark_outbox_jobs\.job/i.test(text)
          ? Promise.reject(new Error('injected: the job insert failed'))
          : client.query(text, values),
    };
    try {
      await client.query('BEGIN');
      await client.query('CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY)');
      await client.query("INSERT INTO orders VALUES ('half')");
      await expect(outbox.enqueue(keyed('half'), { key: 'half', db: failing })).rejects.toThrow(
        'injected',
      );
      // Rolled back to before the call: the transaction goes on, without the message.
      await client.query("INSERT INTO orders VALUES ('half-2')");
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const { rows } = await env.pool.query(
      "SELECT id FROM orders WHERE id LIKE 'half%' ORDER BY id",
    );
    expect(rows.map((row) => row.id)).toEqual(['half', 'half-2']);
    expect(await outbox.status('half')).toBeUndefined();
    expect((await outbox.enqueue(keyed('half'), { key: 'half' })).added).toEqual(['half']);
  });

  it('gives a waiting message whose job is gone (archived, deleted by hand) a new one: sent once', async () => {
    const queue = 'orphan';
    const orphaned = env.fresh({ queue });
    await orphaned.enqueue([keyed('orphan'), keyed('orphan-ok')], { key: ['orphan', 'orphan-ok'] });
    // The job of one message disappears, as it would after a year unsent (pg-boss's
    // retention) or a hand-made DELETE, and the row is older than the repair's grace period.
    await env.pool.query(
      `DELETE FROM postmark_outbox_jobs.job WHERE name = $1 AND id =
         (SELECT job_id FROM postmark_outbox.message WHERE queue = $1 AND key = 'orphan')`,
      [queue],
    );
    await env.pool.query(
      "UPDATE postmark_outbox.message SET updated_at = now() - interval '1 hour' WHERE queue = $1",
      [queue],
    );
    const stop = orphaned.work({ pollInterval: 50 });
    const stats = await settled(orphaned);
    await stop();
    expect(stats).toMatchObject({ sent: 2, total: 2 });
    expect(await orphaned.status('orphan')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(deliveries(env.sandbox).get('orphan')).toBe(1);
    expect(deliveries(env.sandbox).get('orphan-ok')).toBe(1);
  });
});

describe('outcomes of faults', () => {
  it('503: not taken, sent again after a backoff, once', async () => {
    const outbox = env.fresh();
    await outbox.enqueue(keyed('f503'), { key: 'f503' });
    env.sandbox.failNext(1, 503);
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    await stop();
    expect(await outbox.status('f503')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(deliveries(env.sandbox).get('f503')).toBe(1);
  });

  it('429: not taken, retried, and every worker of the queue waits out the pause', async () => {
    // A long back-off, so that the pause is still on when it is checked.
    const queue = 'shared-429';
    const outbox = env.fresh({ queue, backoff: { baseDelay: 600_000, maxDelay: 600_000 } });
    await outbox.enqueue(keyed('f429'), { key: 'f429' });
    env.sandbox.failNext(1, 429);
    const stop = outbox.work({ pollInterval: 50 });
    const paused = await eventually(async () => (await outbox.stats()).pausedUntil, 'a pause');
    expect(paused.getTime() - Date.now()).toBeGreaterThan(500_000);
    expect(await outbox.status('f429')).toMatchObject({
      status: 'retrying',
      reason: 'RateLimitError',
    });

    // A second worker of the same queue (another outbox, as another process would have) sees
    // the pause too: a message enqueued now is not sent while it lasts.
    const second = env.fresh({ queue });
    await second.enqueue(keyed('f429-second'), { key: 'f429-second' });
    const stopSecond = second.work({ pollInterval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await second.status('f429-second'))?.status).toBe('queued');

    // The pause ends (here, by hand): both are sent, each once.
    await endPause(queue);
    await settled(outbox);
    await Promise.all([stop(), stopSecond()]);
    expect(await outbox.status('f429')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(deliveries(env.sandbox).get('f429')).toBe(1);
    expect(deliveries(env.sandbox).get('f429-second')).toBe(1);
  });

  it('connection refused: not taken, retrying, never unknown', async () => {
    const outbox = env.fresh({
      sender: env.sender({ baseUrl: `http://127.0.0.1:${await closedPort()}` }),
    });
    await outbox.enqueue(keyed('refused-conn'), { key: 'refused-conn' });
    const stop = outbox.work({ pollInterval: 50 });
    const status = await eventually(async () => {
      const s = await outbox.status('refused-conn');
      return s && s.attempts >= 2 ? s : undefined;
    }, 'two attempts');
    await stop();
    expect(['retrying', 'sending']).toContain(status.status);
    const after = await outbox.status('refused-conn');
    // 'queued' when stop() came as a worker had just taken it again: released, unsent.
    expect(['retrying', 'queued']).toContain(after?.status);
    if (after?.status === 'retrying') expect(after.reason).toBe('NetworkError');
  });

  it('500 before processing: unknown, never retried automatically (and here, never delivered)', async () => {
    const outbox = env.fresh();
    await outbox.enqueue(keyed('f500'), { key: 'f500' });
    env.sandbox.failNext(1, 500);
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stop();
    expect(await outbox.status('f500')).toMatchObject({
      status: 'unknown',
      attempts: 1,
      reason: 'ServerError',
    });
    expect(deliveries(env.sandbox).get('f500')).toBeUndefined();
  });

  it('500 after the message was stored: unknown, delivered once, never again', async () => {
    const outbox = env.fresh();
    await outbox.enqueue([keyed('f500s-a'), keyed('f500s-b')], { key: ['f500s-a', 'f500s-b'] });
    env.sandbox.failNext(1, { status: 500, afterStore: true });
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stop();
    for (const key of ['f500s-a', 'f500s-b']) {
      expect((await outbox.status(key))?.status).toBe('unknown');
      expect(deliveries(env.sandbox).get(key)).toBe(1);
    }
  });

  it('a timeout: unknown (the request was written), delivered once, never again', async () => {
    const outbox = env.fresh({ sender: env.sender({ timeout: 300 }) });
    await outbox.enqueue(keyed('timeout'), { key: 'timeout' });
    env.sandbox.setFaults({ latencyMs: 800 });
    try {
      const stop = outbox.work({ pollInterval: 50 });
      await settled(outbox);
      await stop();
    } finally {
      env.sandbox.setFaults({});
    }
    expect(await outbox.status('timeout')).toMatchObject({
      status: 'unknown',
      reason: 'TimeoutError',
    });
    // The sandbox stored it once its latency passed: delivered, once.
    await eventually(
      async () => (deliveries(env.sandbox).get('timeout') === 1 ? true : undefined),
      'the late delivery',
    );
  });

  it("refused by Postmark (ErrorCode 406, and a whole batch's 422/300): failed, not retried", async () => {
    const outbox = env.fresh();
    const server = Server.of(env.sender());
    await server.suppressions.add('outbound', ['blocked@example.com']);
    await outbox.enqueue([keyed('r406', 'blocked@example.com'), keyed('r406-ok')], {
      key: ['r406', 'r406-ok'],
    });
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    expect(await outbox.status('r406')).toMatchObject({
      status: 'refused',
      errorCode: 406,
      reason: 'InactiveRecipientError',
    });
    expect((await outbox.status('r406-ok'))?.status).toBe('sent');

    env.sandbox.failNext(1, 422);
    await outbox.enqueue([keyed('r300-a'), keyed('r300-b')], { key: ['r300-a', 'r300-b'] });
    await settled(outbox);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stop();
    for (const key of ['r300-a', 'r300-b'])
      expect(await outbox.status(key)).toMatchObject({
        status: 'refused',
        errorCode: 300,
        attempts: 1,
      });
    expect(deliveries(env.sandbox).get('r300-a')).toBeUndefined();
  });

  it('refused for the account (a bad token, ErrorCode 10): the queue pauses, nothing is refused, sent once fixed', async () => {
    const queue = 'account';
    const outbox = env.fresh({ queue, backoff: { baseDelay: 600_000, maxDelay: 600_000 } });
    const errors: Error[] = [];
    outbox.on('error', (error) => errors.push(error));
    await outbox.enqueue([keyed('acct-1'), keyed('acct-2')], { key: ['acct-1', 'acct-2'] });
    env.sandbox.failNext(1, 401);
    const stop = outbox.work({ pollInterval: 50 });
    const paused = await eventually(async () => (await outbox.stats()).pausedUntil, 'a pause');
    expect(paused.getTime() - Date.now()).toBeGreaterThan(500_000);
    for (const key of ['acct-1', 'acct-2'])
      expect(await outbox.status(key)).toMatchObject({
        status: 'retrying',
        errorCode: 10,
        reason: 'InvalidTokenError',
      });
    expect((await outbox.stats()).refused).toBe(0);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Postmark refused the account, not the messages \(InvalidTokenError/),
    ]);
    expect((errors[0]?.cause as Error | undefined)?.name).toBe('InvalidTokenError');

    // The token is fixed and the pause lifted (here, by hand): each is sent, once.
    await endPause(queue);
    await settled(outbox);
    await stop();
    expect(await outbox.status('acct-1')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(deliveries(env.sandbox).get('acct-1')).toBe(1);
    expect(deliveries(env.sandbox).get('acct-2')).toBe(1);
  });
});

describe('reviewing refused', () => {
  it('lists refused messages, oldest first, by ErrorCode; retry() sends them again once fixed', async () => {
    const outbox = env.fresh();
    const server = Server.of(env.sender());
    await server.suppressions.add('outbound', ['gone@example.com']);
    await outbox.enqueue([keyed('rf-406', 'gone@example.com'), keyed('rf-sent')], {
      key: ['rf-406', 'rf-sent'],
    });
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    env.sandbox.failNext(1, 422);
    await outbox.enqueue(keyed('rf-300'), { key: 'rf-300' });
    await settled(outbox);

    const refused = await outbox.refused();
    expect(refused.map((m) => [m.key, m.errorCode])).toEqual([
      ['rf-406', 406],
      ['rf-300', 300],
    ]);
    expect(refused[0]?.message).toMatchObject({ To: 'gone@example.com' });
    expect((await outbox.refused({ errorCode: 300 })).map((m) => m.key)).toEqual(['rf-300']);
    expect(await outbox.refused({ limit: 1 })).toHaveLength(1);
    await expect(outbox.refused({ errorCode: -1 })).rejects.toThrow('errorCode must be');
    await expect(outbox.refused({ limit: 0 })).rejects.toThrow('limit must be');
    await expect(outbox.refused({ code: 300 } as never)).rejects.toThrow(
      'unknown refused() option "code"',
    );

    // The cause fixed (here, the 422 was a one-off): sent again, once.
    const codes = (await outbox.refused({ errorCode: 300 })).map((m) => m.key);
    expect((await outbox.retry(codes)).retried).toEqual(['rf-300']);
    await settled(outbox);
    await stop();
    expect((await outbox.status('rf-300'))?.status).toBe('sent');
    expect(deliveries(env.sandbox).get('rf-300')).toBe(1);
    expect((await outbox.refused()).map((m) => m.key)).toEqual(['rf-406']);
  });
});

describe('reviewing unknown', () => {
  it('lists what may have been delivered, with its message; retry() is a person sending it again', async () => {
    const outbox = env.fresh();
    await outbox.enqueue([keyed('u-1'), keyed('u-2'), keyed('u-3')], {
      key: ['u-1', 'u-2', 'u-3'],
    });
    env.sandbox.failNext(1, 500);
    const stop = outbox.work({ pollInterval: 50 });
    await settled(outbox);
    const unknown = await outbox.unknown();
    expect(unknown.map((u) => u.key).sort()).toEqual(['u-1', 'u-2', 'u-3']);
    expect(unknown[0]?.message).toMatchObject({
      To: 'ada@example.com',
      Metadata: { key: unknown[0]?.key },
    });
    expect(await outbox.unknown({ limit: 1 })).toHaveLength(1);

    // Checked (here: the sandbox shows none arrived): send u-1 and u-2 again; u-3 stays.
    const decision = await outbox.retry(['u-1', 'u-2', 'nope']);
    expect(decision).toEqual({ retried: ['u-1', 'u-2'], notRetried: [{ key: 'nope' }] });
    await settled(outbox);
    expect((await outbox.status('u-1'))?.status).toBe('sent');
    expect((await outbox.unknown()).map((u) => u.key)).toEqual(['u-3']);
    // A sent message is never sent again through retry().
    expect(await outbox.retry('u-1')).toEqual({
      retried: [],
      notRetried: [{ key: 'u-1', status: 'sent' }],
    });
    await stop();
    expect(deliveries(env.sandbox).get('u-1')).toBe(1);
    expect(deliveries(env.sandbox).get('u-3')).toBeUndefined();
  });

  it('a batch whose lease runs out becomes unknown; the late answer still records it sent', async () => {
    // The request takes longer than the lease: another worker sweeps the batch into unknown
    // while it is in flight; the answer, when it comes, is the better knowledge.
    const queue = 'lease';
    const outbox = env.fresh({
      queue,
      expireInSeconds: 1,
      sender: env.sender({ timeout: 10_000 }),
    });
    await outbox.enqueue(keyed('lease'), { key: 'lease' });
    env.sandbox.setFaults({ latencyMs: 2500 });
    let stopSweeper: (() => Promise<void>) | undefined;
    try {
      const stop = outbox.work({ pollInterval: 50 });
      await eventually(
        async () => ((await outbox.status('lease'))?.status === 'sending' ? true : undefined),
        'the batch in flight',
      );
      const sweeper = env.fresh({ queue, expireInSeconds: 1 });
      stopSweeper = sweeper.work({ pollInterval: 50 });
      const swept = await eventually(async () => {
        const s = await outbox.status('lease');
        return s?.status === 'unknown' ? s : undefined;
      }, 'the sweep');
      expect(swept.reason).toBe('expired');
      await eventually(
        async () => ((await outbox.status('lease'))?.status === 'sent' ? true : undefined),
        'the late answer',
      );
      await stop();
    } finally {
      env.sandbox.setFaults({});
      await stopSweeper?.();
    }
    expect(deliveries(env.sandbox).get('lease')).toBe(1);
  });
});

describe('stopping', () => {
  it('stop() waits for the request in flight and records it; the rest stays queued', async () => {
    const outbox = env.fresh();
    const keys = keysOf('stop', 30);
    await outbox.enqueue(
      keys.map((key) => keyed(key)),
      { key: keys },
    );
    env.sandbox.setFaults({ latencyMs: 400 });
    try {
      // Stopped as the first request starts (it takes at least 400 ms).
      const started = new Promise((resolve) => outbox.once('sending', resolve));
      const stop = outbox.work({ batchSize: 10, pollInterval: 50 });
      await started;
      await stop();
    } finally {
      env.sandbox.setFaults({});
    }
    const stats = await outbox.stats();
    expect(stats).toMatchObject({ sending: 0, unknown: 0, sent: 10, queued: 20 });
  });

  it('a batch taken while stopping is released unsent, back to queued', async () => {
    // The fetch is held until stop() has been called, so the worker holds a batch it has not
    // started to send when it learns to stop.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let fetching: () => void = () => {};
    const fetched = new Promise<void>((resolve) => {
      fetching = resolve;
    });
    const pool = {
      query: (text: string, values?: unknown[]) => env.pool.query(text, values),
      connect: async () => {
        const client = await env.pool.connect();
        return {
          query: async (text: string, values?: unknown[]) => {
            if (text.includes('SKIP LOCKED')) {
              const result = await client.query(text, values);
              fetching();
              await gate;
              return result;
            }
            return client.query(text, values);
          },
          release: (error?: Error | boolean) => client.release(error),
        };
      },
    };
    const queue = 'released';
    const outbox = env.fresh({ queue, connectionString: undefined, pool });
    await outbox.enqueue([keyed('rel-1'), keyed('rel-2')], { key: ['rel-1', 'rel-2'] });
    const stop = outbox.work({ pollInterval: 50 });
    await fetched;
    const stopping = stop();
    release();
    await stopping;
    for (const key of ['rel-1', 'rel-2'])
      expect(await outbox.status(key)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(deliveries(env.sandbox).get('rel-1')).toBeUndefined();

    // Released jobs are taken by the next worker.
    const again = env.fresh({ queue });
    const stopAgain = again.work({ pollInterval: 50 });
    await settled(again);
    await stopAgain();
    expect((await again.status('rel-1'))?.status).toBe('sent');
    expect(deliveries(env.sandbox).get('rel-1')).toBe(1);
  });

  it('a worker started while the database cannot be reached keeps trying, and starts when it can', async () => {
    let refusals = 2;
    const pool = {
      query: (text: string, values?: unknown[]) => env.pool.query(text, values),
      connect: async () => {
        if (refusals-- > 0) throw new Error('connect ECONNREFUSED (as a test sees it)');
        return env.pool.connect();
      },
    };
    const errors: string[] = [];
    const queue = 'db-late';
    const watcher = env.fresh({ queue });
    await watcher.enqueue(keyed('db-late'), { key: 'db-late' });
    const outbox = env.fresh({ queue, connectionString: undefined, pool });
    outbox.on('error', (error) => errors.push(error.message));
    const stop = outbox.work({ pollInterval: 50 });
    await settled(watcher);
    await stop();
    expect(errors).toEqual([
      'connect ECONNREFUSED (as a test sees it)',
      'connect ECONNREFUSED (as a test sees it)',
    ]);
    expect((await watcher.status('db-late'))?.status).toBe('sent');
  });

  it('honours an AbortSignal', async () => {
    const outbox = env.fresh();
    const controller = new AbortController();
    outbox.work({ pollInterval: 50, signal: controller.signal });
    controller.abort();
    await outbox.enqueue(keyed('aborted'), { key: 'aborted' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await outbox.status('aborted'))?.status).toBe('queued');
  });
});

/** A port on 127.0.0.1 that nothing listens on: connecting is refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
