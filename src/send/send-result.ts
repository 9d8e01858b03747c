import { ApiError } from '../errors/api-error.js';
import type { MessageData } from '../model/types.js';
import { emailsOf } from '../postmark/address.js';
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

/**
 * Whether an answer can be the one for `data`: when it names recipients (`To`), each must be
 * one of the message's. An answer for another message (a server that reordered its answers,
 * or answered for someone else) must never report this message sent.
 */
export function answerFits(answer: PostmarkSendResponse, data: MessageData): boolean {
  if (typeof answer.To !== 'string' || answer.To.trim() === '') return true;
  const recipients = new Set<string>();
  for (const list of [data.to, data.cc, data.bcc])
    for (const address of list) recipients.add(address.email.toLowerCase());
  return emailsOf(answer.To).every((email) => recipients.has(email));
}
