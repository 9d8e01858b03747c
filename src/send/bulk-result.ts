import { guardFor, PostmarkError } from '../errors/postmark-error.js';
import type { BulkStatusName } from '../postmark/bulk.js';

/** Which recipients one request of a bulk send carried: `recipients[first]` and the `count - 1` after it. */
export interface BulkRange {
  readonly first: number;
  readonly count: number;
}

/** One bulk request Postmark took: its id (for `bulkStatus()`), and the recipients it carried. */
export interface BulkRequestResult extends BulkRange {
  readonly id: string;
  /** `Accepted` when taken; then `Processing` and `Completed`, as `bulkStatus(id)` shows. */
  readonly status: BulkStatusName | (string & {});
  readonly submittedAt: Date;
}

/**
 * A bulk send Postmark took. `id`, `status` and `submittedAt` are the first request's; a send
 * larger than one request may carry (50 MB) was split, and `requests` lists every request,
 * each with its own id and the recipients it carried, in order. Nothing of a split is hidden:
 * follow each request's id.
 *
 * @example
 * const bulk = await mailer.sendBulk(content, recipients);
 * for (const request of bulk.requests) await mailer.waitForBulk(request.id);
 */
export interface BulkResult {
  readonly id: string;
  readonly status: BulkStatusName | (string & {});
  readonly submittedAt: Date;
  /** How many recipients the send had, in all. */
  readonly recipients: number;
  /** Every request of the send, in order (one unless it was split). */
  readonly requests: readonly BulkRequestResult[];
}

/** The request of a split bulk send that failed, with why. */
export interface BulkRequestFailure extends BulkRange {
  /** A typed error: an `ApiError` (Postmark refused it), a `NetworkError`, a `TimeoutError`... */
  readonly error: Error;
}

/**
 * A bulk send split into several requests stopped part of the way: some requests were taken
 * (`accepted`, each with its id), one failed (`failed`: its `error` says whether it may have
 * been taken, as a timeout or a 500 may) or the signal aborted the send between two requests
 * (`failed` is then absent), and the rest were not sent (`notSent`). Nothing is retried:
 * sending `notSent` again (and `failed`, once you know it was not taken) is yours. A bulk
 * send of one request throws that request's own error instead.
 *
 * @example
 * catch (error) { if (isBulkSendError(error)) resend(error.notSent.flatMap(({ first, count }) => recipients.slice(first, first + count))); }
 */
export class BulkSendError extends PostmarkError {
  override name = 'BulkSendError';
  readonly accepted: readonly BulkRequestResult[];
  readonly failed: BulkRequestFailure | undefined;
  readonly notSent: readonly BulkRange[];

  constructor(parts: {
    readonly accepted: readonly BulkRequestResult[];
    readonly failed?: BulkRequestFailure | undefined;
    readonly notSent: readonly BulkRange[];
    /** Why the send stopped: the failed request's error, or the signal's reason. */
    readonly cause: unknown;
  }) {
    const { accepted, failed, notSent, cause } = parts;
    const total = accepted.length + (failed ? 1 : 0) + notSent.length;
    const why = failed
      ? `request ${accepted.length + 1} of ${total} (${range(failed)}) failed: ${failed.error.message}`
      : `aborted after ${accepted.length} of ${total} requests`;
    const taken = accepted.map((request) => `${request.id} (${range(request)})`).join(', ');
    const left = notSent.map(range).join(', ');
    super(`sendBulk(): ${why}. Accepted: ${taken || 'none'}; not sent: ${left || 'none'}.`, {
      cause,
    });
    this.accepted = Object.freeze([...accepted]);
    this.failed = failed && Object.freeze({ ...failed });
    this.notSent = Object.freeze([...notSent]);
  }
}

export const isBulkSendError = guardFor<BulkSendError>('BulkSendError');

function range({ first, count }: BulkRange): string {
  return count === 1 ? `recipient ${first}` : `recipients ${first} to ${first + count - 1}`;
}
