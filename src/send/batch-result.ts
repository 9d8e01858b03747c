import type { BatchEntry, BatchFailure, BatchSuccess } from './batch-entry.js';
import { BatchSendError } from './batch-send-error.js';

/**
 * The outcome of a batch: one entry per input message, in input order. Postmark answers a
 * batch with HTTP 200 even when it refused some messages, so check `failed` (or call
 * `throwIfFailed()`): a resolved batch is not a successful one.
 *
 * @example
 * const batch = await mailer.sendBatch(messages);
 * for (const failure of batch.failed) log(failure.index, failure.errorCode, failure.message);
 * batch.throwIfFailed(); // or throw BatchSendError
 */
export class BatchResult {
  readonly results: readonly BatchEntry[];
  readonly sent: readonly BatchSuccess[];
  readonly failed: readonly BatchFailure[];

  constructor(results: readonly BatchEntry[]) {
    // Entries the batch pipeline made are frozen already: a second copy of each would cost
    // ~100 bytes a message for the life of the result.
    this.results = Object.freeze(
      results.map((entry) => (Object.isFrozen(entry) ? entry : Object.freeze({ ...entry }))),
    );
    this.sent = Object.freeze(
      this.results.filter((entry): entry is BatchSuccess => entry.status === 'sent'),
    );
    this.failed = Object.freeze(
      this.results.filter((entry): entry is BatchFailure => entry.status === 'failed'),
    );
    Object.freeze(this);
  }

  /** Returns this result when every message was sent; otherwise throws a `BatchSendError`. */
  throwIfFailed(): this {
    if (this.failed.length > 0) throw new BatchSendError(this.results);
    return this;
  }
}
