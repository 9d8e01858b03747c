import { readMailbox } from '../postmark/address.js';
import { readMailDate, readPostmarkDate } from '../postmark/dates.js';
import { camelize } from './camel.js';
import type { PostmarkInboundMessage, PostmarkInboundWebhook } from './inbound.js';

/** A sender or recipient of an inbound message. */
export interface InboundContact {
  readonly email: string;
  readonly name?: string;
  /** What follows the `+` of the address (`reply+4242@…` → `4242`), when anything does. */
  readonly mailboxHash?: string;
}

/** An attachment of an inbound message. */
export interface InboundAttachment {
  readonly name: string;
  /** The bytes, base64-encoded, as Postmark sends them. */
  readonly content?: string;
  readonly contentType?: string;
  readonly contentLength?: number;
  readonly contentId?: string;
}

/** An inbound message's envelope and headers, as every inbound shape has them. */
export interface InboundMail {
  readonly messageId: string;
  readonly messageStream?: string;
  /** The From header as received. */
  readonly from?: string;
  readonly fromName?: string;
  readonly fromFull: InboundContact;
  readonly to?: string;
  readonly toFull: readonly InboundContact[];
  readonly cc?: string;
  readonly ccFull: readonly InboundContact[];
  readonly bcc?: string;
  readonly bccFull: readonly InboundContact[];
  readonly replyTo?: string;
  /** The address the mail was delivered to (your inbound address). */
  readonly originalRecipient?: string;
  readonly subject?: string;
  /** The mail's own Date header, as text: `Thu, 5 Apr 2012 16:59:01 +0200`. */
  readonly date?: string;
  /** `date` as a `Date`; absent when the mail's Date header is not a date (mail may carry anything there). */
  readonly receivedAt?: Date;
  readonly mailboxHash?: string;
  readonly tag?: string;
}

/** What the details and the inbound webhook add: the bodies and the headers. */
export interface InboundMailBodies {
  readonly textBody?: string;
  readonly htmlBody?: string;
  /** The reply text alone, without the quoted message it answers. */
  readonly strippedTextReply?: string;
  readonly headers: readonly { readonly name: string; readonly value?: string }[];
  /** The whole MIME source, when the server is set to include it. */
  readonly rawEmail?: string;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Postmark's JSON of an inbound message (the search, the details, the inbound webhook), checked
 * by its schema first, in camelCase. `camelize` does most; what it cannot know: the contact and
 * attachment lists are always there (`[]` where Postmark says null), `fromFull` falls back to
 * the From header, and `Date` is the mail's RFC 5322 text, kept as text (`date`) beside
 * `receivedAt`, the instant it names — absent when the header names none (mail may carry
 * anything there). One reading for `server.inbound` and `parseWebhook()`.
 *
 * @example inboundMail({ MessageID: 'x', From: 'Ada <ada@example.com>', Date: 'Thu, 5 Apr 2012 16:59:01 +0200' }).fromFull // { email: 'ada@example.com', name: 'Ada' }
 */
export function inboundMail(
  raw: PostmarkInboundMessage | PostmarkInboundWebhook,
): Readonly<Record<string, unknown>> {
  const { date: _, ...message } = camelize<Record<string, unknown>>(raw);
  const date = raw.Date ?? undefined;
  const receivedAt =
    date === undefined ? undefined : (readMailDate(date) ?? readPostmarkDate(date));
  return {
    ...message,
    fromFull: message.fromFull ?? fromOf(raw.From ?? ''),
    toFull: message.toFull ?? NONE,
    ccFull: message.ccFull ?? NONE,
    bccFull: message.bccFull ?? NONE,
    attachments: message.attachments ?? NONE,
    ...(date === undefined ? {} : { date }),
    ...(receivedAt === undefined ? {} : { receivedAt }),
  };
}

function fromOf(from: string): Readonly<Record<string, unknown>> {
  const read = readMailbox(from, 'input');
  return Object.freeze(read.ok ? { ...read.mailbox } : { email: from });
}
