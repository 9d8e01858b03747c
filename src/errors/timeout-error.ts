import { guardFor, PostmarkError } from './postmark-error.js';

/**
 * The per-request time limit (`timeout`, in milliseconds) passed before Postmark answered.
 * The request may have reached Postmark, so a send that timed out may have been delivered.
 *
 * @example
 * catch (error) { if (isTimeoutError(error)) log(`no answer within ${error.timeout} ms`); }
 */
export class TimeoutError extends PostmarkError {
  override name = 'TimeoutError';
  /** The limit that passed, in milliseconds. */
  readonly timeout: number;

  constructor(message: string, options: { readonly timeout: number }) {
    super(message);
    this.timeout = options.timeout;
  }
}

// The brand check keeps DOM's own `TimeoutError` (a DOMException) from matching.
export const isTimeoutError = guardFor<TimeoutError>('TimeoutError');
