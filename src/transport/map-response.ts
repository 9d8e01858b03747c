import { ApiError, type ApiErrorDetails } from '../errors/api-error.js';
import { InactiveRecipientError } from '../errors/inactive-recipient-error.js';
import { InvalidTokenError } from '../errors/invalid-token-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ServerError } from '../errors/server-error.js';
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
  if (status === 401 || errorCode === 10) return new InvalidTokenError(details);
  if (errorCode === 406) {
    return new InactiveRecipientError({
      ...details,
      recipients: inactiveRecipients(details.apiMessage),
    });
  }
  if (status === 429 || errorCode === 429) return new RateLimitError(details);
  if (status >= 500) return new ServerError(details);
  return new ApiError(details);
}

const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * The addresses Postmark names in a 406 message ("... Found inactive addresses:
 * a@example.com, b@example.com. Inactive recipients are ...").
 */
export function inactiveRecipients(message: string | undefined): string[] {
  if (!message) return [];
  const marker = /inactive addresses?:/i.exec(message);
  const text = marker ? message.slice(marker.index + marker[0].length) : message;
  const sentenceEnd = text.search(/\.\s+[A-Z]/);
  const list = sentenceEnd === -1 ? text : text.slice(0, sentenceEnd + 1);
  return [...new Set(list.match(ADDRESS) ?? [])];
}
