/**
 * `postmark-fluent/queue` (Node): a durable outbox on PostgreSQL, built on pg-boss. Messages
 * are stored by `enqueue()` (inside your own transaction if you like) and sent by `work()`
 * in any number of processes; nothing is lost, nothing is sent twice, and what Postmark's
 * answer left uncertain is parked as `unknown` for a person. Needs the optional peer
 * dependencies `pg-boss` (10.x) and `pg`. See docs/queue.md.
 *
 * @example
 * import { createOutbox } from 'postmark-fluent/queue';
 * const outbox = createOutbox({ connectionString: process.env.DATABASE_URL, sender: mailer, queue: 'postmark' });
 */

export type { PoolLike, Queryable } from './db.js';
export type { EnqueueOptions, OutboxOptions, WorkOptions } from './options.js';
export { MAX_KEY_LENGTH } from './options.js';
export { createOutbox } from './outbox.js';
export type {
  EnqueueResult,
  ListOptions,
  Outbox,
  OutboxState,
  OutboxStats,
  OutboxStatus,
  RefusedMessage,
  RefusedOptions,
  RetryResult,
  ReviewedMessage,
  StopWork,
  UnknownMessage,
} from './types.js';
export type { OutcomeCounts, SendingBatch, WorkProgress } from './worker.js';
