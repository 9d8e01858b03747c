import { guardFor, PostmarkError } from '../errors/postmark-error.js';
import type { SuppressionResults } from './suppression-results.js';

/**
 * A `suppressions.add()` or `remove()` of more than 50 addresses went as several requests,
 * and one after the first failed. What the earlier requests did is not lost: `done` holds
 * their results (one per address, in order), `remaining` the addresses from the failed
 * request on, and `cause` the error of the failed request. That request may still have been
 * carried out (a 500 or a timeout after Postmark read it); adding or removing an address
 * again is harmless, so call again with `remaining`.
 *
 * @example
 * try { await server.suppressions.add('outbound', emails); }
 * catch (error) { if (isSuppressionBatchError(error)) await server.suppressions.add('outbound', error.remaining); }
 */
export class SuppressionBatchError<Status extends string = string> extends PostmarkError {
  override name = 'SuppressionBatchError';
  readonly done: SuppressionResults<Status>;
  readonly remaining: readonly string[];
  override readonly cause: unknown;

  constructor(
    what: string,
    done: SuppressionResults<Status>,
    remaining: readonly string[],
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${what}: a request failed after ${done.suppressions.length} addresses were done; ` +
        `error.done holds their results, error.remaining the ${remaining.length} others ` +
        `(the failed request may have been carried out). Cause: ${reason}`,
      { cause },
    );
    this.done = done;
    this.remaining = Object.freeze([...remaining]);
    this.cause = cause;
  }
}

export const isSuppressionBatchError = guardFor<SuppressionBatchError>('SuppressionBatchError');
