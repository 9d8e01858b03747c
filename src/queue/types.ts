import type { MessageInput } from '../send/prepare.js';
import type { LedgerState } from './ledger.js';
import type { EnqueueOptions, WorkOptions } from './options.js';
import type { SendingBatch, WorkProgress } from './worker.js';

/** Where a message is: waiting, in a request now, or what came of it. */
export type OutboxState = LedgerState;

/**
 * One message of the outbox.
 *
 * @example
 * const { status, messageId } = (await outbox.status('order-1042')) ?? {};
 */
export interface OutboxStatus {
  readonly key: string;
  /**
   * `queued` (waiting), `sending` (in a request now), `sent` (Postmark gave a MessageID),
   * `refused` (Postmark's ErrorCode, or invalid: not retried), `retrying` (Postmark did not
   * take it: sent again after a backoff), `unknown` (it may have been delivered: a person
   * decides; see `unknown()` and `retry()`).
   */
  readonly status: OutboxState;
  /** Requests it went out in (a message released unsent by a stopping worker does not count). */
  readonly attempts: number;
  readonly messageId?: string;
  readonly submittedAt?: Date;
  /** Postmark's ErrorCode, when it gave one. */
  readonly errorCode?: number;
  /** Why it was refused, is retrying or is unknown, in words. */
  readonly error?: string;
  /** The error's name (`InactiveRecipientError`, `TimeoutError`...), or `expired` for a batch whose worker died. */
  readonly reason?: string;
  readonly sendAfter?: Date;
  readonly enqueuedAt: Date;
  readonly updatedAt: Date;
}

/** A message listed for a person to review, with what it would send. */
export interface ReviewedMessage extends OutboxStatus {
  /** Its Postmark JSON: recipients, subject, metadata, to look it up in Postmark's activity. */
  readonly message: Readonly<Record<string, unknown>>;
}

/** A message that may have been delivered, with what it would send, for a person to check. */
export interface UnknownMessage extends ReviewedMessage {}

/** A message Postmark refused (or that was invalid), with what it would send. */
export interface RefusedMessage extends ReviewedMessage {}

export interface ListOptions {
  /** At most this many (the oldest first). */
  readonly limit?: number | undefined;
}

export interface RefusedOptions extends ListOptions {
  /** Only those refused with this ErrorCode (406: inactive recipient, 300: invalid...). */
  readonly errorCode?: number | undefined;
}

export interface OutboxStats {
  readonly queued: number;
  readonly sending: number;
  readonly sent: number;
  readonly refused: number;
  readonly retrying: number;
  readonly unknown: number;
  readonly total: number;
  /** Set while every worker waits: after a 429, or Postmark refusing the account (a bad token, no credits). */
  readonly pausedUntil?: Date;
}

export interface EnqueueResult {
  /** Each message's key, in input order (random ones when none was given). */
  readonly keys: readonly string[];
  /** The keys stored by this call. */
  readonly added: readonly string[];
  /** The keys that were in the queue already (or repeated in this call): not added again. */
  readonly duplicates: readonly string[];
}

export interface RetryResult {
  /** Back in the queue. */
  readonly retried: readonly string[];
  /** Not `unknown` or `refused` (or not in the queue at all: no status), so left alone. */
  readonly notRetried: readonly { readonly key: string; readonly status?: OutboxState }[];
}

/** Stops a `work()` call: no new batch is taken; resolves once the batches in flight are recorded. */
export type StopWork = () => Promise<void>;

export interface Outbox {
  /**
   * Validates and stores messages for the workers to send; a key already in the queue is a
   * no-op. With `db`, inside your transaction.
   * @example await outbox.enqueue(receipts, { key: (m, i) => orders[i].id, db: client });
   */
  enqueue(
    messages: MessageInput | Iterable<MessageInput>,
    options?: EnqueueOptions,
  ): Promise<EnqueueResult>;
  /**
   * Starts sending from the queue in this process; any number of processes may work one queue.
   * @example const stop = outbox.work({ batchSize: 500, concurrency: 4 }); process.on('SIGTERM', stop);
   */
  work(options?: WorkOptions): StopWork;
  /** @example (await outbox.status('order-1042'))?.status // 'sent' */
  status(key: string): Promise<OutboxStatus | undefined>;
  /** Messages that may have been delivered, oldest first: never retried unless a person says so. */
  unknown(options?: ListOptions): Promise<UnknownMessage[]>;
  /**
   * Messages Postmark refused (or that were invalid), oldest first, with their ErrorCode: to
   * fix the cause and `retry()` them.
   * @example await outbox.retry((await outbox.refused({ errorCode: 300 })).map((m) => m.key));
   */
  refused(options?: RefusedOptions): Promise<RefusedMessage[]>;
  /**
   * A person's decision: sends `unknown` or `refused` messages again (an unknown one that was
   * in fact delivered is then delivered twice: check Postmark's activity first).
   */
  retry(keys: string | readonly string[]): Promise<RetryResult>;
  stats(): Promise<OutboxStats>;
  /**
   * Events of this process's workers, for dashboards and logs: `progress` after every batch
   * (its counts, and the totals since `work()`), `sending` as a batch's request starts (its
   * keys), `error` when the database fails them (they wait and go on).
   * @example outbox.on('progress', ({ total }) => metrics.gauge('outbox.sent', total.sent));
   */
  on(event: 'progress', listener: (progress: WorkProgress) => void): this;
  on(event: 'sending', listener: (batch: SendingBatch) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  once(event: 'progress', listener: (progress: WorkProgress) => void): this;
  once(event: 'sending', listener: (batch: SendingBatch) => void): this;
  once(event: 'error', listener: (error: Error) => void): this;
  off(event: 'progress', listener: (progress: WorkProgress) => void): this;
  off(event: 'sending', listener: (batch: SendingBatch) => void): this;
  off(event: 'error', listener: (error: Error) => void): this;
  /** Stops every worker of this outbox (as their stop functions do), pg-boss, and the pool it opened. */
  close(): Promise<void>;
}
