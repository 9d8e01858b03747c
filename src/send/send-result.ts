import { ApiError } from '../errors/api-error.js';
import type { Address, MessageData } from '../model/types.js';
import { emailOf, emailsOf } from '../postmark/address.js';
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
  const error = answerError(answer, status, request);
  if (error) return { ok: false, error };
  return {
    ok: true,
    result: Object.freeze({
      messageId: answer.MessageID as string,
      submittedAt: submittedAt(answer, receivedAt),
      to: answer.To ?? '',
    }),
  };
}

/**
 * The typed error of an answer that does not say its message was sent, or `undefined` when
 * it does: ErrorCode 0 and a MessageID. (A batch builds its entries from the answer itself.)
 */
export function answerError(
  answer: PostmarkSendResponse,
  status: number,
  request: string,
): ApiError | undefined {
  if (answer.ErrorCode !== 0) {
    return errorFor({
      status,
      errorCode: answer.ErrorCode,
      apiMessage: answer.Message,
      body: answer,
      request,
    });
  }
  if (answer.MessageID) return undefined;
  const message = `${request}: Postmark accepted the message (ErrorCode 0) but gave no MessageID; it was probably sent`;
  return new ApiError(
    { status, errorCode: 0, apiMessage: answer.Message, body: answer, request },
    message,
  );
}

// The answers of a batch mostly carry the same SubmittedAt (Postmark's example does): each
// is read once for a run of them. Each result still gets its own Date.
let lastText: string | undefined;
let lastTime = Number.NaN;

/**
 * When Postmark took the message. A message with a MessageID was sent; an unreadable date
 * must not make it look failed, so the time the answer arrived stands in for it.
 */
export function submittedAt(answer: PostmarkSendResponse, receivedAt: Date): Date {
  const text = answer.SubmittedAt;
  if (text !== lastText) {
    lastTime = text === undefined ? Number.NaN : Date.parse(text);
    lastText = text;
  }
  return new Date(Number.isNaN(lastTime) ? receivedAt.getTime() : lastTime);
}

/**
 * Whether an answer can be the one for `data`: when it names recipients (`To`), each must be
 * one of the message's. An answer for another message (a server that reordered its answers,
 * or answered for someone else) must never report this message sent.
 */
export function answerFits(answer: PostmarkSendResponse, data: MessageData): boolean {
  const named = answer.To;
  if (typeof named !== 'string' || named.trim() === '') return true;
  // One address, as most answers name: without a comma there is no list to split.
  if (!named.includes(',')) return isRecipient(emailOf(named), data);
  return emailsOf(named).every((email) => isRecipient(email, data));
}

/** Whether `email` (lower-cased) is in the message's To, Cc or Bcc, ignoring case. */
function isRecipient(email: string, data: MessageData): boolean {
  return inList(email, data.to) || inList(email, data.cc) || inList(email, data.bcc);
}

function inList(email: string, list: readonly Address[]): boolean {
  for (const address of list) if (address.email.toLowerCase() === email) return true;
  return false;
}
