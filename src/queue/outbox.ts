import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Message } from '../message/message.js';
import type { MessageInput } from '../send/prepare.js';
import { readOptions } from '../utils/read-options.js';
import { type Boss, loadPgBoss, newJob, type OwnPool, openPool } from './boss.js';
import { executor, inSavepoint, inTransaction, type PoolLike, type Queryable } from './db.js';
import { listOf, prepareRows } from './enqueue.js';
import { jobsSchema, Ledger, type LedgerRow, type LedgerState, type NewRow } from './ledger.js';
import {
  type EnqueueOptions,
  type OutboxOptions,
  type OutboxSettings,
  resolveEnqueueOptions,
  resolveOutboxOptions,
  resolveWorkOptions,
  type WorkOptions,
  type WorkSettings,
} from './options.js';
import type {
  EnqueueResult,
  ListOptions,
  Outbox,
  OutboxStats,
  OutboxStatus,
  RefusedMessage,
  RefusedOptions,
  RetryResult,
  ReviewedMessage,
  StopWork,
  UnknownMessage,
} from './types.js';
import { Worker } from './worker.js';

interface Ready {
  readonly pool: PoolLike;
  readonly boss: Boss;
}

/**
 * A durable outbox on PostgreSQL (pg-boss): messages are stored by `enqueue()` (inside your
 * transaction if you like) and sent by `work()` in any number of processes, each exactly
 * once or, when Postmark's answer left it uncertain, parked as `unknown` for a person.
 *
 * @example
 * const outbox = createOutbox({ connectionString: process.env.DATABASE_URL, sender: mailer, queue: 'postmark' });
 * await outbox.enqueue(messages, { key: (m, i) => orderIds[i], db: client });
 * const stop = outbox.work({ batchSize: 500, concurrency: 4 });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  return new PostgresOutbox(resolveOutboxOptions(options));
}

class PostgresOutbox extends EventEmitter implements Outbox {
  readonly #settings: OutboxSettings;
  readonly #ledger: Ledger;
  readonly #stops = new Set<StopWork>();
  #ready: Promise<Ready> | undefined;
  #ownPool: OwnPool | undefined;
  #closed = false;

  constructor(settings: OutboxSettings) {
    super();
    this.#settings = settings;
    this.#ledger = new Ledger(settings.schema, settings.queue);
  }

  async enqueue(
    messages: MessageInput | Iterable<MessageInput>,
    options: EnqueueOptions = {},
  ): Promise<EnqueueResult> {
    const list = listOf(messages);
    const settings = resolveEnqueueOptions(options, list.length);
    const { keys, rows } = prepareRows(list, settings, this.#settings.sender);
    const { pool, boss } = await this.#start();
    const store = async (db: Queryable) => {
      const added: NewRow[] = [];
      // Bounded statements for big lists, all inside the one transaction: a row is never
      // committed without its job.
      for (let i = 0; i < rows.length; i += 1000) {
        const fresh = await this.#ledger.add(db, rows.slice(i, i + 1000), settings.sendAfter);
        if (fresh.length > 0)
          await boss.insert(
            fresh.map((row) => this.#job(row.job_id, settings.sendAfter)),
            { db: executor(db) },
          );
        added.push(...fresh);
      }
      return added.map((row) => row.key);
    };
    const added = settings.db
      ? await inSavepoint(settings.db, store)
      : await inTransaction(pool, store);
    const fresh = new Set(added);
    return Object.freeze({
      keys: Object.freeze(keys),
      added: Object.freeze(added),
      duplicates: Object.freeze(
        keys.filter((key, i) => !fresh.has(key) || keys.indexOf(key) !== i),
      ),
    });
  }

  work(options: WorkOptions = {}): StopWork {
    this.#assertOpen();
    const settings = resolveWorkOptions(options, this.#settings.sender);
    const halt = new AbortController();
    const running = this.#run(settings, halt.signal);
    const stop = async () => {
      halt.abort();
      await running;
      this.#stops.delete(stop);
    };
    this.#stops.add(stop);
    settings.signal?.addEventListener('abort', () => void stop(), { once: true });
    if (settings.signal?.aborted) void stop();
    return stop;
  }

  /** Connects (trying again while the database cannot be reached), then works until halted. */
  async #run(settings: WorkSettings, halt: AbortSignal): Promise<void> {
    let ready: Ready | undefined;
    for (let failures = 0; !ready; failures++) {
      if (halt.aborted) return;
      try {
        ready = await this.#start();
      } catch (error) {
        this.#report(error);
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), undefined, {
          signal: halt,
        }).catch(() => {});
      }
    }
    if (halt.aborted) return;
    const worker = new Worker(
      {
        ...ready,
        ledger: this.#ledger,
        sender: this.#settings.sender.with({ defaults: Message.empty() }),
        expireInSeconds: this.#settings.expireInSeconds,
        backoff: this.#settings.backoff,
        report: (error) => this.#report(error),
        progress: (progress) => this.#emit('progress', progress),
        sending: (batch) => this.#emit('sending', batch),
      },
      settings,
    );
    const stop = () => void worker.stop();
    halt.addEventListener('abort', stop, { once: true });
    await worker.done;
  }

  async status(key: string): Promise<OutboxStatus | undefined> {
    const { pool } = await this.#start();
    const row = await this.#ledger.get(pool, key);
    return row && statusOf(row);
  }

  unknown(options: ListOptions = {}): Promise<UnknownMessage[]> {
    return this.#list('unknown', options, ['limit']);
  }

  refused(options: RefusedOptions = {}): Promise<RefusedMessage[]> {
    return this.#list('refused', options, ['limit', 'errorCode']);
  }

  async #list(
    state: 'unknown' | 'refused',
    options: unknown,
    keys: readonly ('limit' | 'errorCode')[],
  ): Promise<ReviewedMessage[]> {
    const given = readOptions(options, keys, `${state}() option`, '{ limit: 100 }');
    const limit = given.limit ?? null;
    if (limit !== null && !(Number.isInteger(limit) && (limit as number) >= 1))
      throw new RangeError(`limit must be a whole number, 1 or more (got ${String(limit)})`);
    const errorCode = given.errorCode ?? null;
    if (errorCode !== null && !(Number.isInteger(errorCode) && (errorCode as number) >= 0))
      throw new RangeError(
        `errorCode must be one of Postmark's ErrorCodes, a whole number (got ${String(errorCode)})`,
      );
    const { pool } = await this.#start();
    const rows = await this.#ledger.list(
      pool,
      state,
      limit as number | null,
      errorCode as number | null,
    );
    return rows.map((row) =>
      Object.freeze({ ...statusOf(row), message: Object.freeze(row.payload ?? {}) }),
    );
  }

  async retry(keys: string | readonly string[]): Promise<RetryResult> {
    const list = retryKeys(keys);
    const { pool, boss } = await this.#start();
    return inTransaction(pool, async (tx) => {
      const requeued = await this.#ledger.requeue(
        tx,
        list.map((key) => ({ key, jobId: randomUUID() })),
      );
      if (requeued.length > 0)
        await boss.insert(
          requeued.map((row) => this.#job(row.jobId, undefined)),
          { db: executor(tx) },
        );
      const retried = new Set(requeued.map((row) => row.key));
      const rest = list.filter((key) => !retried.has(key));
      const states = rest.length > 0 ? await this.#ledger.states(tx, rest) : new Map();
      return Object.freeze({
        retried: Object.freeze(list.filter((key) => retried.has(key))),
        notRetried: Object.freeze(
          rest.map((key) => {
            const status = states.get(key);
            return Object.freeze(status === undefined ? { key } : { key, status });
          }),
        ),
      });
    });
  }

  async stats(): Promise<OutboxStats> {
    const { pool } = await this.#start();
    const [counts, pause] = await Promise.all([
      this.#ledger.counts(pool),
      this.#ledger.pauseLeft(pool),
    ]);
    const n = (state: LedgerState) => counts.get(state) ?? 0;
    const stats = {
      queued: n('queued'),
      sending: n('sending'),
      sent: n('sent'),
      refused: n('refused'),
      retrying: n('retrying'),
      unknown: n('unknown'),
      total: [...counts.values()].reduce((sum, count) => sum + count, 0),
      ...(pause.until ? { pausedUntil: pause.until } : {}),
    };
    return Object.freeze(stats);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#stops].map((stop) => stop()));
    const ready = await this.#ready?.catch(() => undefined);
    if (ready) await ready.boss.stop({ graceful: false, close: false });
    await this.#ownPool?.end();
  }

  #job(id: string, startAfter: string | undefined) {
    return newJob(this.#settings.queue, id, this.#settings.expireInSeconds, startAfter);
  }

  /** Connects, creates the tables and the queue, and starts pg-boss, once (again after a failure). */
  #start(): Promise<Ready> {
    this.#assertOpen();
    this.#ready ??= this.#connect().catch((error) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #connect(): Promise<Ready> {
    const { database, schema, queue, expireInSeconds } = this.#settings;
    let pool: PoolLike;
    if ('pool' in database) pool = database.pool;
    else {
      if (!this.#ownPool) {
        this.#ownPool = await openPool(database.connectionString);
        // An idle connection that breaks is reported, not thrown at the process.
        this.#ownPool.on('error', (error: Error) => this.#report(error));
      }
      pool = this.#ownPool;
    }
    await inTransaction(pool, (tx) => this.#ledger.install(tx));
    const PgBoss = await loadPgBoss();
    const boss = new PgBoss({
      db: executor(pool),
      schema: jobsSchema(schema),
      // The outbox runs no cron schedules; pg-boss's maintenance still archives old jobs.
      schedule: false,
    });
    boss.on('error', (error) => this.#report(error));
    try {
      await boss.start();
      await boss.createQueue(queue, {
        name: queue,
        policy: 'standard',
        retryLimit: 0,
        expireInSeconds,
        // A job waits its turn for up to a year before pg-boss would archive it unsent.
        retentionMinutes: 365 * 24 * 60,
      } as Parameters<Boss['createQueue']>[1]);
    } catch (error) {
      // Its maintenance timer would otherwise keep running (and the process alive).
      await boss.stop({ graceful: false, close: false }).catch(() => {});
      throw error;
    }
    return { pool, boss };
  }

  // A listener's failure must not stop a worker (nor change what it records).
  #emit(event: 'progress' | 'sending', value: unknown): void {
    try {
      this.emit(event, value);
    } catch (error) {
      this.#report(error);
    }
  }

  #report(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (this.listenerCount('error') > 0) this.emit('error', failure);
    else process.emitWarning(`postmark-fluent outbox: ${failure.message}`);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('this outbox is closed');
  }
}

/** retry()'s `keys`, checked: one key or a list of them, each a non-empty string. */
function retryKeys(keys: unknown): string[] {
  const iterable =
    typeof keys === 'object' &&
    keys !== null &&
    typeof (keys as Iterable<unknown>)[Symbol.iterator] === 'function';
  if (typeof keys !== 'string' && !iterable)
    throw new TypeError(
      `retry: keys must be a key (a non-empty string) or a list of keys, not ${keys === null ? 'null' : typeof keys}`,
    );
  const list = typeof keys === 'string' ? [keys] : [...new Set(keys as Iterable<unknown>)];
  list.forEach((key, i) => {
    if (typeof key !== 'string' || key === '')
      throw new TypeError(`retry: keys[${i}] must be a non-empty string`);
  });
  return list as string[];
}

function statusOf(row: LedgerRow): OutboxStatus {
  const status: Record<string, unknown> = {
    key: row.key,
    status: row.state,
    attempts: row.attempts,
  };
  if (row.message_id !== null) status.messageId = row.message_id;
  if (row.submitted_at !== null) status.submittedAt = row.submitted_at;
  if (row.error_code !== null) status.errorCode = row.error_code;
  if (row.error !== null) status.error = row.error;
  if (row.reason !== null) status.reason = row.reason;
  if (row.send_after !== null) status.sendAfter = row.send_after;
  status.enqueuedAt = row.created_at;
  status.updatedAt = row.updated_at;
  return Object.freeze(status) as unknown as OutboxStatus;
}
