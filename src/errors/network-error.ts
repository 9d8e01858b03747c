import { guardFor, PostmarkError } from './postmark-error.js';

/**
 * No HTTP answer came: the connection failed, was reset, or the answer broke off.
 * `cause` keeps the original error (without the request, which would hold the token).
 * `safeToRetry` is true only when the connection failed before the request was written,
 * so Postmark certainly did not receive it; otherwise the message may have been sent.
 *
 * @example
 * catch (error) { if (isNetworkError(error) && error.safeToRetry) queue.retryLater(message); }
 */
export class NetworkError extends PostmarkError {
  override name = 'NetworkError';
  readonly safeToRetry: boolean;

  constructor(
    message: string,
    options: { readonly cause?: unknown; readonly safeToRetry: boolean },
  ) {
    super(message, { cause: options.cause });
    this.safeToRetry = options.safeToRetry;
  }
}

export const isNetworkError = guardFor<NetworkError>('NetworkError');
