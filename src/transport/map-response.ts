import { ApiError, type ApiErrorDetails } from '../errors/api-error.js';
import { InactiveRecipientError } from '../errors/inactive-recipient-error.js';
import { InvalidTokenError } from '../errors/invalid-token-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ServerError } from '../errors/server-error.js';
import { ERROR_CODES, inactiveRecipients } from '../postmark/error-codes.js';
import { TOKEN_NEEDED, type TokenKind } from '../postmark/tokens.js';
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

/**
 * The typed error for a non-2xx answer. `request` names it, such as `POST /email`; `token`
 * is the kind of token the request carried, which a refused token's error names as the one
 * the endpoint needs (Postmark refuses a server token on an account endpoint, and the
 * reverse, exactly as it refuses a mistyped one).
 */
export function errorFromResponse(
  response: TransportResponse,
  request: string,
  now = Date.now(),
  token?: TokenKind,
): ApiError {
  const body = parseBody(response.body);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const details: ApiErrorDetails = {
    status: response.status,
    errorCode: typeof fields.ErrorCode === 'number' ? fields.ErrorCode : undefined,
    apiMessage: typeof fields.Message === 'string' ? fields.Message : undefined,
    body,
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], now),
    request,
  };
  const error = errorFor(details);
  if (token === undefined || !(error instanceof InvalidTokenError)) return error;
  return new InvalidTokenError(
    details,
    `${error.message.replace(/\.$/, '')}; ${TOKEN_NEEDED[token]}`,
  );
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
