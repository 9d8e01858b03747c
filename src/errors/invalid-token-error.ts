import { ApiError } from './api-error.js';
import { guardFor } from './postmark-error.js';

/**
 * Postmark refused the server token: HTTP 401, or ErrorCode 10. Retrying cannot help; check
 * the token (Servers → API Tokens in Postmark) and the environment that supplies it.
 *
 * @example
 * catch (error) { if (isInvalidTokenError(error)) alertOps('Postmark token rejected'); }
 */
export class InvalidTokenError extends ApiError {
  override name = 'InvalidTokenError';
}

export const isInvalidTokenError = guardFor<InvalidTokenError>('InvalidTokenError');
