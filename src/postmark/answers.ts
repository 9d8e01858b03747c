import { ERROR_CODES, WORDING } from './error-codes.js';

// What Postmark answers, as the dry-run and recording transports and the sandbox write it.

/** The token Postmark accepts for a send it validates but does not deliver. */
export const TEST_TOKEN = 'POSTMARK_API_TEST';

/**
 * The shortest token the SDK and the sandbox take. Postmark's are UUIDs (36 characters); a
 * shorter one would make the redaction of the token from errors match ordinary words.
 */
export const MIN_TOKEN_LENGTH = 8;

/** The stream a message goes to when it names none. */
export const DEFAULT_STREAM = 'outbound';

/** The streams a server starts with: transactional, inbound, and (since broadcasts) broadcast. */
export const DEFAULT_STREAMS = Object.freeze([
  { id: 'outbound', type: 'Transactional', name: 'Default Transactional Stream' },
  { id: 'inbound', type: 'Inbound', name: 'Default Inbound Stream' },
  { id: 'broadcast', type: 'Broadcasts', name: 'Default Broadcast Stream' },
] as const);

/** Postmark's answer to one message it accepted (POST /email, or an element of a batch answer). */
export interface AcceptedAnswer {
  readonly To: string;
  readonly SubmittedAt: string;
  readonly MessageID: string;
  readonly ErrorCode: 0;
  readonly Message: string;
  readonly [field: string]: unknown;
}

/**
 * The answer to an accepted message: its To as sent, the time, a fresh MessageID.
 * @example acceptedAnswer('ada@example.com').ErrorCode // 0
 */
export function acceptedAnswer(
  to: string,
  options: { readonly now?: Date; readonly messageId?: string; readonly testMode?: boolean } = {},
): AcceptedAnswer {
  return {
    To: to,
    SubmittedAt: (options.now ?? new Date()).toISOString(),
    MessageID: options.messageId ?? globalThis.crypto.randomUUID(),
    ErrorCode: ERROR_CODES.ok,
    Message: options.testMode ? WORDING.testAccepted : WORDING.accepted,
  };
}

/** An HTTP answer as the test doubles build it: a status and a JSON body (or text). */
export interface CannedAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * What Postmark typically answers with a status and nothing more said: 401 with ErrorCode 10,
 * 422 with 300, 429 with 429, 503 with 100 (maintenance). A 500 carries no ErrorCode on
 * purpose: a client must decide from the HTTP status.
 *
 * @example usualAnswer(429).body // { ErrorCode: 429, Message: 'Rate limit exceeded.' }
 */
export function usualAnswer(status: number): CannedAnswer {
  switch (status) {
    case 401:
      return errorAnswer(401, ERROR_CODES.invalidToken, WORDING.invalidServerToken);
    case 422:
      return errorAnswer(422, ERROR_CODES.invalidRequest, WORDING.invalidRequest);
    case 429:
      return errorAnswer(429, ERROR_CODES.rateLimited, WORDING.rateLimited);
    case 503:
      return errorAnswer(503, ERROR_CODES.maintenance, 'Service unavailable: maintenance.');
    default:
      return {
        status,
        body: { Message: status >= 500 ? 'Internal server error.' : `HTTP ${status}` },
      };
  }
}

/** Postmark's error body, `{ ErrorCode, Message }`, with its status. */
export function errorAnswer(status: number, errorCode: number, message: string): CannedAnswer {
  return { status, body: { ErrorCode: errorCode, Message: message } };
}

/**
 * The HTTP status Postmark answers a single send it refused with: 401 for a bad token, 429
 * when rate limited, else 422. (Inside a batch every refusal is an element under HTTP 200.)
 */
export function statusForRefusal(errorCode: number): number {
  if (errorCode === ERROR_CODES.invalidToken) return 401;
  if (errorCode === ERROR_CODES.rateLimited) return 429;
  return 422;
}
