import { ApiError } from './api-error.js';
import { guardFor } from './postmark-error.js';

/**
 * HTTP 429 (or ErrorCode 429): Postmark is rate limiting this server. The message was not
 * taken, so sending it again later is safe; the Sender already retried it with backoff.
 * `retryAfterMs` holds Postmark's Retry-After, when it sent one.
 *
 * @example
 * catch (error) { if (isRateLimitError(error)) queue.retryLater(message, error.retryAfterMs ?? 60_000); }
 */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}

export const isRateLimitError = guardFor<RateLimitError>('RateLimitError');
