import { milliseconds } from '../options/timers.js';
import { DEFAULT_LIMITS } from '../postmark/limits.js';
import type { MessageInput } from '../send/prepare.js';
import type { Sender } from '../send/sender.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../transport/retry.js';
import { readOptions } from '../utils/read-options.js';
import type { PoolLike, Queryable } from './db.js';
import { checkSchemaName } from './ledger.js';

/**
 * How to make an outbox: a database (`connectionString` or a node-postgres `pool`), the
 * Sender that sends, and the queue's name.
 *
 * @example
 * createOutbox({ connectionString: process.env.DATABASE_URL, sender: mailer, queue: 'postmark' });
 */
export interface OutboxOptions {
  /** A PostgreSQL connection string; the outbox opens a pool of its own and closes it in `close()`. */
  readonly connectionString?: string | undefined;
  /** Or a node-postgres `Pool` you own (the outbox never ends it). */
  readonly pool?: PoolLike | undefined;
  /** Sends every message. Its defaults are merged at `enqueue()`, into what is stored. */
  readonly sender: Sender;
  /** The queue's name (default `postmark`): queues of one database are independent. */
  readonly queue?: string | undefined;
  /**
   * The PostgreSQL schema of the outbox's tables (default `postmark_outbox`); pg-boss keeps its
   * jobs in `<schema>_jobs`.
   */
  readonly schema?: string | undefined;
  /**
   * How long a worker may hold a batch before it is presumed dead and the batch becomes
   * `unknown` (seconds). By default, the longest the Sender can spend on one request with its
   * retries, plus a minute. Shorter makes a killed worker's batch reviewable sooner, but a
   * worker slower than this has its batch marked `unknown` while it still sends.
   */
  readonly expireInSeconds?: number | undefined;
  /**
   * The wait before a message Postmark did not take (429, 503, no connection) is sent again,
   * and the pause of every worker after a 429 without Retry-After: `baseDelay` ms doubled each
   * attempt, at most `maxDelay` ms (defaults 1,000 and 300,000).
   */
  readonly backoff?: { readonly baseDelay?: number; readonly maxDelay?: number } | undefined;
}

const OUTBOX_KEYS = [
  'connectionString',
  'pool',
  'sender',
  'queue',
  'schema',
  'expireInSeconds',
  'backoff',
] as const;

export interface OutboxSettings {
  readonly database: { readonly connectionString: string } | { readonly pool: PoolLike };
  readonly sender: Sender;
  readonly queue: string;
  readonly schema: string;
  readonly expireInSeconds: number;
  readonly backoff: RetryPolicy;
}

// pg-boss refuses an expiry of 24 hours or more.
const MAX_EXPIRY_SECONDS = 23 * 60 * 60;

export function resolveOutboxOptions(options: unknown): OutboxSettings {
  const given = readOptions(
    options,
    OUTBOX_KEYS,
    'createOutbox option',
    '{ connectionString, sender }',
  );
  const { connectionString, pool } = given;
  if ((connectionString === undefined) === (pool === undefined)) {
    throw new TypeError('createOutbox() takes one of connectionString or pool');
  }
  if (connectionString !== undefined && (typeof connectionString !== 'string' || !connectionString))
    throw new TypeError('connectionString must be a PostgreSQL connection string');
  if (pool !== undefined && !hasMethods(pool, 'query', 'connect'))
    throw new TypeError('pool must be a node-postgres Pool (with query() and connect())');
  const sender = checkSender(given.sender);
  const queue = given.queue ?? 'postmark';
  if (typeof queue !== 'string' || !/^[\w.-]{1,100}$/.test(queue)) {
    throw new TypeError(
      `queue must be a name of letters, digits, "_", "-" or "." (at most 100), not ${JSON.stringify(queue)}`,
    );
  }
  const expireInSeconds =
    given.expireInSeconds === undefined
      ? Math.min(MAX_EXPIRY_SECONDS, longestRequestSeconds(sender) + 60)
      : wholeNumber('expireInSeconds', given.expireInSeconds, 1, MAX_EXPIRY_SECONDS);
  return Object.freeze({
    database:
      connectionString !== undefined
        ? { connectionString: connectionString as string }
        : { pool: pool as PoolLike },
    sender,
    queue,
    schema: checkSchemaName(given.schema ?? 'postmark_outbox'),
    expireInSeconds,
    backoff: checkBackoff(given.backoff),
  });
}

function checkSender(sender: unknown): Sender {
  if (!hasMethods(sender, 'sendBatch', 'sendBatchWithTemplates', 'with')) {
    throw new TypeError('sender must be a Sender (new Sender({ serverToken }))');
  }
  const { retry } = sender as Sender;
  // The outbox's promise is that nothing is sent twice; a Sender allowed to retry what may
  // have been taken would break it below the outbox, where no record can see it.
  if (retry.unsafe) {
    throw new TypeError(
      'sender has retry.unsafe: the outbox never re-sends what may have been delivered; give it a Sender without unsafe retries',
    );
  }
  return sender as Sender;
}

/** The longest one batch request can take, its retries and their waits included, in seconds. */
function longestRequestSeconds(sender: Sender): number {
  const { timeout, retry } = sender;
  const waits = retry.limit * Math.max(retry.maxDelay, retry.maxRetryAfter);
  return Math.ceil((timeout * (retry.limit + 1) + waits) / 1000);
}

/** A whole number from `min` to `max`, or a RangeError naming the option. */
function wholeNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number, ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

function checkBackoff(value: unknown): RetryPolicy {
  const given = readOptions(
    value,
    ['baseDelay', 'maxDelay'],
    'backoff option',
    '{ baseDelay: 1000 }',
  );
  const baseDelay = milliseconds('backoff.baseDelay', given.baseDelay ?? 1000);
  const maxDelay = milliseconds('backoff.maxDelay', given.maxDelay ?? 300_000);
  if (maxDelay < baseDelay) throw new RangeError('backoff.maxDelay must be at least baseDelay');
  return Object.freeze({ ...DEFAULT_RETRY, baseDelay, maxDelay });
}

/**
 * Per enqueue call.
 *
 * @example
 * await outbox.enqueue(messages, { key: (m, i) => `receipt-${orderIds[i]}`, db: client });
 */
export interface EnqueueOptions {
  /**
   * Each message's idempotency key: a message whose key is already in the queue (in any
   * state) is not added again. A function of the message and its index, a list (one per
   * message), or a string for a single message. Without it each message gets a random key,
   * returned by `enqueue()`.
   */
  readonly key?:
    | string
    | readonly string[]
    | ((message: MessageInput, index: number) => string)
    | undefined;
  /** Not before this time: a `Date`, or a number of milliseconds from now. */
  readonly sendAfter?: Date | number | undefined;
  /**
   * A node-postgres client inside your own transaction (after BEGIN): the messages are stored
   * by it, so they are committed (and sent) with your transaction, or rolled back (and never
   * sent) with it. A Pool, or a client outside a transaction, is refused with a TypeError.
   */
  readonly db?: Queryable | undefined;
}

export interface EnqueueSettings {
  readonly keyOf: (message: MessageInput, index: number) => string | undefined;
  /** As pg-boss reads `startAfter`: an ISO timestamp (ending in Z) or an interval. */
  readonly sendAfter: string | undefined;
  readonly db: Queryable | undefined;
}

/** Keys are stored and compared as given; this bounds them (the outbox's own rule). */
export const MAX_KEY_LENGTH = 255;

export function resolveEnqueueOptions(options: unknown, count: number): EnqueueSettings {
  const given = readOptions(options, ['key', 'sendAfter', 'db'], 'enqueue option', '{ key }');
  const { key, sendAfter, db } = given;
  if (db !== undefined && !hasMethods(db, 'query'))
    throw new TypeError('db must be a node-postgres client (with query()) inside your transaction');
  return {
    keyOf: keyFunction(key, count),
    sendAfter: startAfter(sendAfter),
    db: db as Queryable | undefined,
  };
}

function keyFunction(key: unknown, count: number): EnqueueSettings['keyOf'] {
  if (key === undefined) return () => undefined;
  if (typeof key === 'function') return key as EnqueueSettings['keyOf'];
  if (typeof key === 'string') {
    if (count > 1)
      throw new TypeError('key: one string keys one message; give a function or a list for many');
    return () => key;
  }
  if (Array.isArray(key)) {
    if (key.length !== count)
      throw new TypeError(`key: the list has ${key.length} keys for ${count} messages`);
    return (_, index) => key[index];
  }
  throw new TypeError(
    'key must be a string, a list of strings, or a function (message, index) => string',
  );
}

/** A key as given, checked: a non-empty string of at most MAX_KEY_LENGTH characters. */
export function checkKey(key: unknown, index: number): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new TypeError(
      `key of message [${index}] must be a non-empty string of at most ${MAX_KEY_LENGTH} characters, not ${JSON.stringify(key)}`,
    );
  }
  return key;
}

function startAfter(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('sendAfter is an invalid Date');
    return value.toISOString();
  }
  return `${milliseconds('sendAfter', value, true)} milliseconds`;
}

/**
 * Per work() call.
 *
 * @example
 * const stop = outbox.work({ batchSize: 500, concurrency: 4 });
 */
export interface WorkOptions {
  /** Messages taken from the queue and sent in one request (default and most: 500, Postmark's batch limit). */
  readonly batchSize?: number | undefined;
  /** Batches in flight at once in this process (default 1). */
  readonly concurrency?: number | undefined;
  /** Stops the worker as `stop()` does. */
  readonly signal?: AbortSignal | undefined;
  /** How long to wait before looking again when the queue is empty, in ms (default 1,000). */
  readonly pollInterval?: number | undefined;
}

export interface WorkSettings {
  readonly batchSize: number;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  readonly pollInterval: number;
}

export function resolveWorkOptions(options: unknown, sender: Sender): WorkSettings {
  const given = readOptions(
    options,
    ['batchSize', 'concurrency', 'signal', 'pollInterval'],
    'work option',
    '{ batchSize: 500 }',
  );
  const most = sender.limits?.maxBatchMessages ?? DEFAULT_LIMITS.maxBatchMessages;
  const batchSize = wholeNumber('batchSize', given.batchSize ?? most, 1, most);
  const concurrency = wholeNumber('concurrency', given.concurrency ?? 1, 1, 64);
  const { signal } = given;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new TypeError('signal must be an AbortSignal');
  return {
    batchSize,
    concurrency,
    signal: signal as AbortSignal | undefined,
    pollInterval: milliseconds('pollInterval', given.pollInterval ?? 1000),
  };
}

function hasMethods(value: unknown, ...names: string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}
