import { ApiError, type ApiErrorDetails } from '../errors/api-error.js';
import { InactiveRecipientError } from '../errors/inactive-recipient-error.js';
import { InvalidTokenError } from '../errors/invalid-token-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ServerError } from '../errors/server-error.js';
import { ERROR_CODES, inactiveRecipients } from '../postmark/error-codes.js';
import { parseRetryAfter } from './retry.js';
import type { TransportResponse } from './types.js';

/** The body as JSON when it is JSON, else the text itself, so nothing Postmark said is lost. */
export function parseBody(text: string): unknown {
  if (text.trim() === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The typed error for a non-2xx answer. `request` names it, such as `POST /email`. */
export function errorFromResponse(
  response: TransportResponse,
  request: string,
  now = Date.now(),
): ApiError {
  const body = parseBody(response.body);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return errorFor({
    status: response.status,
    errorCode: typeof fields.ErrorCode === 'number' ? fields.ErrorCode : undefined,
    apiMessage: typeof fields.Message === 'string' ? fields.Message : undefined,
    body,
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], now),
    request,
  });
}

/**
 * Picks the class for what Postmark said. The ErrorCode decides before the status, because
 * a batch reports each message's failure with ErrorCode under an HTTP 200.
 */
export function errorFor(details: ApiErrorDetails): ApiError {
  const { status, errorCode } = details;
  if (status === 401 || errorCode === ERROR_CODES.invalidToken)
    return new InvalidTokenError(details);
  if (errorCode === ERROR_CODES.inactiveRecipient) {
    return new InactiveRecipientError({
      ...details,
      recipients: inactiveRecipients(details.apiMessage),
    });
  }
  if (status === 429 || errorCode === ERROR_CODES.rateLimited) return new RateLimitError(details);
  if (status >= 500) return new ServerError(details);
  return new ApiError(details);
}
