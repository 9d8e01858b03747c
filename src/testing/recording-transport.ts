import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { acceptedAnswer, statusForRefusal, usualAnswer } from '../postmark/answers.js';
import { ERROR_CODES, inactiveRecipientsMessage, WORDING } from '../postmark/error-codes.js';
import { TOKEN_HEADERS as TOKEN_HEADER_NAMES } from '../postmark/tokens.js';
import type { PostmarkMessage } from '../schemas/message.js';
import type { PostmarkSendResponse } from '../schemas/responses.js';
import {
  dryRunAnswer,
  isBatchPath,
  jsonResponse,
  messagesOf,
  readJsonBody,
  toOf,
} from '../transport/dry-run.js';
import type { Query, Transport, TransportRequest, TransportResponse } from '../transport/types.js';

/** One request as the recording transport saw it. */
export interface RecordedCall {
  readonly method: string;
  /** The path, such as `/email/batch`. */
  readonly endpoint: string;
  readonly query: Query | undefined;
  /** The headers, with the server or account token replaced by `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (`undefined` when there was none). */
  readonly body: unknown;
  /** The messages of a send request, in Postmark's JSON; empty for other requests. */
  readonly messages: readonly PostmarkMessage[];
}

/**
 * A scripted answer for one call: an HTTP status (with Postmark's usual body for it), a
 * full answer, or a failure without an answer: `'timeout'`, `'connection-refused'` (never
 * sent, so retried), `'connection-reset'` (may have been sent).
 */
export type ScriptedAnswer =
  | number
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset';

/** A transport that records every call and answers like Postmark unless told otherwise. */
export interface RecordingTransport extends Transport {
  /** Every call in order, retries included. */
  readonly calls: readonly RecordedCall[];
  /** Every message of every call, in order (a retried call's messages appear again). */
  readonly messages: readonly PostmarkMessage[];
  /** Answers call number `index` (0 for the first, retries counted) with `answer`. */
  failCall(index: number, answer: ScriptedAnswer): this;
  /**
   * Refuses message number `index` (0 for the first message received, counted across calls
   * like `messages`) with Postmark's `errorCode`: inside a batch, as that element's
   * ErrorCode under HTTP 200; alone, as Postmark answers a single send (401 for code 10,
   * 429 for 429, else 422).
   */
  failMessage(index: number, errorCode: number, message?: string): this;
  /** Forgets the calls and the scripts. */
  reset(): this;
}

const TOKEN_HEADERS = Object.values(TOKEN_HEADER_NAMES).map((name) => name.toLowerCase());

/**
 * A transport for tests: records each call's endpoint, JSON body and messages, and answers
 * like Postmark (see `dryRunTransport`), except where scripted. It sits under the Sender's
 * retries and error mapping, exactly where HTTP would. No global state: one per test.
 *
 * @example
 * const transport = recordingTransport().failCall(0, 503).failMessage(1, 406);
 * const mailer = new Sender({ serverToken: 'test-token', transport, retry: { baseDelay: 0 } });
 * await mailer.sendBatch([a, b]);
 * transport.calls.length; // 2: the 503, then the retry
 */
export function recordingTransport(): RecordingTransport {
  const calls: RecordedCall[] = [];
  const messages: PostmarkMessage[] = [];
  const callScripts = new Map<number, ScriptedAnswer>();
  const messageScripts = new Map<number, { errorCode: number; message: string | undefined }>();

  const recorder: RecordingTransport = {
    get calls() {
      return calls.slice();
    },
    get messages() {
      return messages.slice();
    },
    failCall(index, answer) {
      callScripts.set(index, answer);
      return recorder;
    },
    failMessage(index, errorCode, message) {
      messageScripts.set(index, { errorCode, message });
      return recorder;
    },
    reset() {
      calls.length = 0;
      messages.length = 0;
      callScripts.clear();
      messageScripts.clear();
      return recorder;
    },
    async request(request: TransportRequest): Promise<TransportResponse> {
      request.signal?.throwIfAborted();
      const callIndex = calls.length;
      const firstMessage = messages.length;
      const body = readJsonBody(request);
      const sent = (messagesOf(request.path, body) ?? []) as PostmarkMessage[];
      calls.push(
        Object.freeze({
          method: request.method,
          endpoint: request.path,
          query: request.query,
          headers: Object.freeze(redactHeaders(request.headers)),
          body,
          messages: Object.freeze(sent),
        }),
      );
      messages.push(...sent);

      const script = callScripts.get(callIndex);
      if (script !== undefined) return scripted(script, request);
      const refusals = sent.map((_, i) => messageScripts.get(firstMessage + i));
      if (refusals.every((refusal) => refusal === undefined)) return dryRunAnswer(request, body);
      const now = new Date();
      const answers = sent.map((message, i): PostmarkSendResponse => {
        const refusal = refusals[i];
        if (!refusal) return acceptedAnswer(toOf(message as Record<string, unknown>), { now });
        return {
          ErrorCode: refusal.errorCode,
          Message: refusal.message ?? defaultMessage(refusal.errorCode, message.To),
        };
      });
      if (isBatchPath(request.path)) return jsonResponse(200, answers);
      const answer = answers[0] as PostmarkSendResponse;
      return jsonResponse(statusForRefusal(answer.ErrorCode), answer);
    },
  };
  return Object.freeze(recorder);
}

function scripted(script: ScriptedAnswer, request: TransportRequest): TransportResponse {
  const label = `${request.method} ${request.path}`;
  switch (script) {
    case 'timeout':
      throw new TimeoutError(
        `${label}: no answer from Postmark within ${request.timeout} ms (scripted)`,
        { timeout: request.timeout ?? 0 },
      );
    case 'connection-refused':
      throw new NetworkError(`${label}: no answer from Postmark (connect ECONNREFUSED, scripted)`, {
        safeToRetry: true,
      });
    case 'connection-reset':
      throw new NetworkError(`${label}: no answer from Postmark (socket hang up, scripted)`, {
        safeToRetry: false,
      });
  }
  if (typeof script === 'number') return canned(script);
  const body =
    script.body === undefined
      ? undefined
      : typeof script.body === 'string'
        ? script.body
        : JSON.stringify(script.body);
  const base = canned(script.status);
  return {
    status: script.status,
    headers: {
      ...(body === undefined || typeof script.body === 'string'
        ? base.headers
        : { 'content-type': 'application/json' }),
      ...lowerCase(script.headers ?? {}),
    },
    body: body ?? base.body,
  };
}

/** What Postmark typically answers with a status: JSON with an ErrorCode, or a 5xx text. */
function canned(status: number): TransportResponse {
  const { body } = usualAnswer(status);
  if (status >= 500 && status !== 503) {
    return { status, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };
  }
  return jsonResponse(status, body);
}

function defaultMessage(errorCode: number, to: string | undefined): string {
  switch (errorCode) {
    case ERROR_CODES.invalidToken:
      return WORDING.invalidServerToken;
    case ERROR_CODES.invalidRequest:
      return WORDING.invalidRequest;
    case ERROR_CODES.inactiveRecipient:
      return inactiveRecipientsMessage(to ? [to] : []);
    case ERROR_CODES.rateLimited:
      return WORDING.rateLimited;
    default:
      return `Error ${errorCode} (scripted)`;
  }
}

function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy = lowerCase(headers);
  for (const name of TOKEN_HEADERS) if (copy[name] !== undefined) copy[name] = '[redacted]';
  return copy;
}

function lowerCase(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
