import { ERROR_CODES } from '../postmark/error-codes.js';

/**
 * When to send a request again, as data and pure functions so every rule can be tested
 * without a network or a clock.
 *
 * Sending mail is not idempotent and Postmark has no idempotency keys: a POST that may
 * have reached Postmark (a timeout, a 500, a connection reset mid-answer) may have been
 * accepted, and sending it again can deliver it twice. So by default a send is retried only
 * when Postmark certainly did not take it: 429, 503, and a connection that failed before
 * the request was written. Reads are idempotent and also retry 5xx, timeouts and any
 * network failure. `unsafe: true` gives sends the read rules, for callers who prefer a rare
 * duplicate to a lost message.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `limit + 1` requests). */
  readonly limit: number;
  /** Also retry sends that may have arrived: timeouts, 5xx other than 503, broken answers. */
  readonly unsafe: boolean;
  /** The backoff before the first retry, in milliseconds; it doubles each retry. */
  readonly baseDelay: number;
  /** The most any one backoff waits, in milliseconds. */
  readonly maxDelay: number;
  /** The longest Retry-After honoured, in milliseconds; a longer one ends the retries. */
  readonly maxRetryAfter: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  limit: 2,
  unsafe: false,
  baseDelay: 500,
  maxDelay: 10_000,
  maxRetryAfter: 60_000,
});

/** What happened to one attempt, as far as retrying is concerned. */
export type Outcome =
  | { readonly kind: 'status'; readonly status: number; readonly errorCode?: number | undefined }
  | { readonly kind: 'network'; readonly safeToRetry: boolean }
  | { readonly kind: 'timeout' }
  /** A 2xx answer whose body could not be read as expected: the request was carried out. */
  | { readonly kind: 'broken' };

/**
 * Whether to try again after `attempt` (1 for the first request) ended in `outcome`.
 * `idempotent` marks requests that are safe to repeat (reads).
 */
export function shouldRetry(
  outcome: Outcome,
  attempt: number,
  policy: RetryPolicy,
  idempotent: boolean,
): boolean {
  if (attempt > policy.limit) return false;
  if (certainlyNotTaken(outcome)) return true;
  if (!idempotent && !policy.unsafe) return false;
  switch (outcome.kind) {
    case 'status':
      return outcome.status >= 500;
    case 'network':
    case 'timeout':
    case 'broken':
      return true;
  }
}

/** Whether Postmark certainly did not take the request: 429, 503, or no connection made. */
export function certainlyNotTaken(outcome: Outcome): boolean {
  if (outcome.kind === 'network') return outcome.safeToRetry;
  if (outcome.kind !== 'status') return false;
  return (
    outcome.status === 429 ||
    outcome.status === 503 ||
    outcome.errorCode === ERROR_CODES.rateLimited
  );
}

/**
 * Exponential backoff with full jitter: a random wait between 0 and
 * `min(maxDelay, baseDelay * 2^(attempt-1))`, so clients that failed together do not retry
 * together. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The wait before the next attempt: Postmark's Retry-After when it sent one (no jitter: it
 * named a time), else the backoff. `undefined` when Retry-After asks for more than
 * `maxRetryAfter`, which means: do not retry, report the error.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  if (retryAfterMs === undefined) return backoffDelay(attempt, policy, random);
  return retryAfterMs > policy.maxRetryAfter ? undefined : retryAfterMs;
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from `now`; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its month; anything else Date.parse might accept ('-1') is noise.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
