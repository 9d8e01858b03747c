import { BatchSendError } from '../errors/batch-send-error.js';

/** A message of a batch that Postmark accepted. */
export interface BatchSuccess {
  readonly status: 'sent';
  /** Its position in the list given to `sendBatch()`. */
  readonly index: number;
  readonly messageId: string;
  readonly submittedAt: Date;
  readonly to: string;
}

/** A message of a batch that was not sent, or whose fate is unknown (see `message`). */
export interface BatchFailure {
  readonly status: 'failed';
  /** Its position in the list given to `sendBatch()`. */
  readonly index: number;
  /** Postmark's ErrorCode; absent when the message never left (it was invalid) or no code came back. */
  readonly errorCode?: number;
  readonly message: string;
  /** The typed error: MessageValidationError, ApiError (and subclasses), NetworkError, TimeoutError; or the abort reason. */
  readonly error: Error;
}

export type BatchEntry = BatchSuccess | BatchFailure;

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
