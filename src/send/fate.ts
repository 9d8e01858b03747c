import { isApiError } from '../errors/api-error.js';
import { isMessageValidationError } from '../errors/message-validation-error.js';
import { isNetworkError } from '../errors/network-error.js';
import { isTimeoutError } from '../errors/timeout-error.js';
import { certainlyNotTaken } from '../transport/retry.js';
import type { BatchFailure } from './batch-entry.js';

/**
 * What became of a message a batch reports failed, as far as sending it again goes:
 * - `refused`: Postmark (or validation) said no, with a reason; sending it again unchanged
 *   gets the same answer.
 * - `notTaken`: Postmark certainly did not take it (429, 503, no connection made, aborted
 *   before its request); sending it again later is safe.
 * - `unknown`: it may have been delivered (a timeout, a 500, a broken answer); sending it
 *   again may deliver it twice.
 */
export type Fate = 'refused' | 'notTaken' | 'unknown';

export function fateOf(failure: BatchFailure): Fate {
  if (mayHaveBeenDelivered(failure)) return 'unknown';
  const { error } = failure;
  if (isMessageValidationError(error)) return 'refused';
  // What may have been taken is `unknown` above: a network failure or an abort left here
  // happened before the request was written.
  if (isNetworkError(error) || error.name === 'AbortError') return 'notTaken';
  if (
    isApiError(error) &&
    certainlyNotTaken({ kind: 'status', status: error.status, errorCode: error.errorCode })
  )
    return 'notTaken';
  return 'refused';
}

/**
 * Whether Postmark may have taken the message although it is reported failed: then
 * re-sending it can deliver it twice (docs/sending.md, Retries).
 */
export function mayHaveBeenDelivered(entry: BatchFailure): boolean {
  const { error } = entry;
  if (isTimeoutError(error)) return true;
  if (isNetworkError(error)) return !error.safeToRetry;
  if (error.name === 'AbortError') return error.message.includes('may have been sent');
  if (!isApiError(error)) return false;
  // ErrorCode 0 without a MessageID: Postmark accepted it and said so, without the id.
  if (error.errorCode === 0) return true;
  if (error.errorCode !== undefined) return false;
  // No ErrorCode: a 5xx other than 503 (maintenance), or a batch answer that did not add up.
  return error.status === 200 || (error.status >= 500 && error.status !== 503);
}
