import type { PostmarkError } from '../errors/postmark-error.js';

/** One attempt of one request. Never holds the token, the headers or the body. */
export interface RequestInfo {
  readonly method: string;
  /** The path below the base URL, such as `/email/batch`. */
  readonly path: string;
  /** 1 for the first request, 2 for the first retry, and so on. */
  readonly attempt: number;
}

export interface ResponseInfo extends RequestInfo {
  readonly status: number;
  readonly durationMs: number;
}

export interface RetryInfo extends RequestInfo {
  /** How long the Sender waits before the next attempt. */
  readonly delayMs: number;
  /** Why the attempt failed. */
  readonly error: PostmarkError;
}

/**
 * Observers of the request layer, for logs and metrics.
 *
 * `beforeRequest` runs before every attempt and is awaited: throwing (or rejecting) stops
 * the request before it is sent, so it can serve as a kill switch or a client-side rate
 * limiter. `afterResponse` (every HTTP answer, error statuses too) and `onRetry` run after
 * the outcome is known; what they throw is ignored, so a broken logger can never turn a
 * delivered message into a reported failure.
 *
 * @example
 * new Sender({ serverToken, hooks: { onRetry: ({ path, attempt, delayMs, error }) => log.warn({ path, attempt, delayMs, error: error.name }) } });
 */
export interface Hooks {
  readonly beforeRequest?: (info: RequestInfo) => void | Promise<void>;
  readonly afterResponse?: (info: ResponseInfo) => void | Promise<void>;
  readonly onRetry?: (info: RetryInfo) => void | Promise<void>;
}
