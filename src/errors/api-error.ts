import { guardFor, PostmarkError } from './postmark-error.js';

/** What Postmark answered, as an error carries it. */
export interface ApiErrorDetails {
  /** The HTTP status (200 for a message Postmark refused inside a batch). */
  readonly status: number;
  /** Postmark's `ErrorCode`, when the answer had one. */
  readonly errorCode?: number | undefined;
  /** Postmark's `Message`, when the answer had one. */
  readonly apiMessage?: string | undefined;
  /** The answer's body: parsed JSON, or the text as it came when it was not JSON. */
  readonly body?: unknown;
  /** How long Postmark asked to wait (its Retry-After header), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** What was asked, such as `POST /email`, to say where the error came from. */
  readonly request?: string | undefined;
}

/**
 * Postmark answered with an error. `errorCode` and `apiMessage` are Postmark's own
 * `ErrorCode` and `Message`; `body` keeps the whole answer (text when it was not JSON).
 *
 * @example
 * try { await mailer.send(message); }
 * catch (error) { if (isApiError(error) && error.errorCode === 300) fixTheMessage(error.apiMessage); }
 */
export class ApiError extends PostmarkError {
  override name = 'ApiError';
  readonly status: number;
  readonly errorCode: number | undefined;
  readonly apiMessage: string | undefined;
  readonly body: unknown;
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails, message: string = describe(details)) {
    super(message);
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.apiMessage = details.apiMessage;
    this.body = details.body;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** True for an `ApiError` or any of its subclasses, even from another realm. */
export const isApiError = guardFor<ApiError>(
  'ApiError',
  'InvalidTokenError',
  'InactiveRecipientError',
  'RateLimitError',
  'ServerError',
);

function describe(details: ApiErrorDetails): string {
  const where = details.request ? `${details.request}: ` : '';
  const code = details.errorCode === undefined ? '' : `, ErrorCode ${details.errorCode}`;
  return `${where}Postmark answered ${details.status}${code}: ${reason(details)}`;
}

function reason(details: ApiErrorDetails): string {
  if (details.apiMessage) return details.apiMessage;
  if (typeof details.body === 'string' && details.body.trim() !== '') {
    const text = details.body.trim();
    // An HTML error page can be long; the start says enough and `body` keeps the rest.
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  return 'no explanation in the answer';
}
