import { ApiError } from './api-error.js';
import { guardFor } from './postmark-error.js';

/**
 * Postmark answered with a 5xx status. After a 503 the message was not taken; after any
 * other 5xx it may have been, so sending it again can deliver it twice.
 *
 * @example
 * catch (error) { if (isServerError(error) && error.status === 503) queue.retryLater(message); }
 */
export class ServerError extends ApiError {
  override name = 'ServerError';
}

export const isServerError = guardFor<ServerError>('ServerError');
