import { ApiError } from '../errors/api-error.js';
import type { PostmarkSendResponse } from '../schemas/responses.js';
import { errorFor } from '../transport/map-response.js';

/**
 * A message Postmark accepted.
 *
 * @example
 * const { messageId, submittedAt, to } = await mailer.send(message);
 */
export interface SendResult {
  /** Postmark's MessageID: the key for bounces, status and events. */
  readonly messageId: string;
  readonly submittedAt: Date;
  /** The recipients as Postmark read them. */
  readonly to: string;
}

export type SendReading =
  | { readonly ok: true; readonly result: SendResult }
  | { readonly ok: false; readonly error: ApiError };

/**
 * One message's answer (the whole answer of /email, or one element of a batch answer) as a
 * result or a typed error. `status` is the HTTP status the answer came with.
 */
export function readSendAnswer(
  answer: PostmarkSendResponse,
  status: number,
  request: string,
  receivedAt: Date,
): SendReading {
  if (answer.ErrorCode !== 0) {
    return {
      ok: false,
      error: errorFor({
        status,
        errorCode: answer.ErrorCode,
        apiMessage: answer.Message,
        body: answer,
        request,
      }),
    };
  }
  if (!answer.MessageID) {
    const message = `${request}: Postmark accepted the message (ErrorCode 0) but gave no MessageID; it was probably sent`;
    return {
      ok: false,
      error: new ApiError(
        { status, errorCode: 0, apiMessage: answer.Message, body: answer, request },
        message,
      ),
    };
  }
  return {
    ok: true,
    result: Object.freeze({
      messageId: answer.MessageID,
      submittedAt: parseDate(answer.SubmittedAt, receivedAt),
      to: answer.To ?? '',
    }),
  };
}

// A message with a MessageID was sent; an unreadable date must not make it look failed, so
// the time the answer arrived stands in for it.
function parseDate(text: string | undefined, fallback: Date): Date {
  const date = text === undefined ? Number.NaN : Date.parse(text);
  return new Date(Number.isNaN(date) ? fallback.getTime() : date);
}
