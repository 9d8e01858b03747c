import { DEFAULT_RETRY, type RetryPolicy } from '../transport/retry.js';
import { readOptions } from '../utils/read-options.js';
import { milliseconds } from './timers.js';

/** How requests are retried; see docs/sending.md ("Retries") for why sends retry so little. */
export interface RetryOptions {
  /** Retries after the first request (default 2); 0 turns retries off. */
  readonly limit?: number | undefined;
  /** Also retry sends that may already have been delivered (default false). */
  readonly unsafe?: boolean | undefined;
  /** The first backoff, in milliseconds (default 500); doubles each retry, with full jitter. */
  readonly baseDelay?: number | undefined;
  /** The longest backoff, in milliseconds (default 10 000). */
  readonly maxDelay?: number | undefined;
  /** The longest Retry-After honoured, in milliseconds (default 60 000); longer ones end the retries. */
  readonly maxRetryAfter?: number | undefined;
}

const RETRY_KEYS = ['limit', 'unsafe', 'baseDelay', 'maxDelay', 'maxRetryAfter'] as const;

/** The retry options, checked and completed with the defaults. */
export function resolveRetry(retry: unknown): RetryPolicy {
  const read = readOptions(retry, RETRY_KEYS, 'retry option', '{ limit: 2 }');
  const limit = read.limit ?? DEFAULT_RETRY.limit;
  if (!Number.isSafeInteger(limit) || (limit as number) < 0) {
    throw new RangeError(
      `retry.limit must be a whole number of retries, 0 or more (got ${String(limit)})`,
    );
  }
  const unsafe = read.unsafe ?? DEFAULT_RETRY.unsafe;
  if (typeof unsafe !== 'boolean') throw new TypeError('retry.unsafe must be true or false');
  return Object.freeze({
    limit: limit as number,
    unsafe,
    baseDelay: milliseconds('retry.baseDelay', read.baseDelay ?? DEFAULT_RETRY.baseDelay, true),
    maxDelay: milliseconds('retry.maxDelay', read.maxDelay ?? DEFAULT_RETRY.maxDelay, true),
    maxRetryAfter: milliseconds(
      'retry.maxRetryAfter',
      read.maxRetryAfter ?? DEFAULT_RETRY.maxRetryAfter,
      true,
    ),
  });
}
