import { readPostmarkDate } from '../postmark/dates.js';
import type { MessageEventType } from '../postmark/message-events.js';
import {
  type PostmarkContact,
  type PostmarkMessageEvent,
  type PostmarkOutboundMessage,
  PostmarkOutboundMessageDetailsSchema,
  PostmarkOutboundMessageListSchema,
} from '../schemas/outbound-messages.js';
import { camelKey, optionalText, reading } from './read.js';

/** A recipient of a message; `name` is absent when the address had none. */
export interface Contact {
  readonly email: string;
  readonly name?: string | undefined;
}

/** Event types Postmark reports in a message's details; it may add others. */
export type { MessageEventType };

/**
 * What Postmark tells about an event, keys in camelCase. Which keys appear depends on the
 * type: Delivered has `deliveryMessage`, `destinationServer`, `destinationIp`; Bounced and
 * Transient `summary` and `bounceId`; Opened `summary`; LinkClicked `summary`, `link`,
 * `clickLocation`; SubscriptionChanged `origin`, `suppressSending`. Keys Postmark adds later
 * are kept.
 */
export interface MessageEventDetails {
  readonly summary?: string;
  readonly bounceId?: string;
  readonly deliveryMessage?: string;
  readonly destinationServer?: string;
  readonly destinationIp?: string;
  readonly link?: string;
  readonly clickLocation?: string;
  readonly origin?: string;
  readonly suppressSending?: string;
  readonly [key: string]: unknown;
}

/**
 * One delivery event of a message.
 *
 * @example
 * const bounced = details.events.find((event) => event.type === 'Bounced');
 * bounced?.details.bounceId; // the id for bounces.get()
 */
export interface MessageEvent {
  readonly type: MessageEventType | (string & {});
  readonly recipient: string;
  readonly receivedAt: Date;
  readonly details: MessageEventDetails;
}

/**
 * An outbound message as the search lists it.
 *
 * @example
 * const { messages } = await server.messages.search({ recipient: 'ada@example.com' });
 * messages[0]?.status; // 'Sent'
 */
export interface OutboundMessage {
  readonly messageId: string;
  readonly messageStream?: string | undefined;
  readonly tag?: string | undefined;
  readonly from: string;
  readonly to: readonly Contact[];
  readonly cc: readonly Contact[];
  readonly bcc: readonly Contact[];
  /** Every address the message went to: To, Cc and Bcc. */
  readonly recipients: readonly string[];
  readonly subject: string;
  /** When Postmark received the message. */
  readonly receivedAt: Date;
  /** Postmark's status, such as `Queued`, `Sent` or `Processed`. */
  readonly status: string;
  /** Attachment names. */
  readonly attachments: readonly string[];
  readonly trackOpens?: boolean | undefined;
  readonly trackLinks?: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  readonly sandboxed?: boolean | undefined;
}

/** A page of outbound messages and how many match in all. */
export interface MessageList {
  readonly totalCount: number;
  readonly messages: readonly OutboundMessage[];
}

/** A message with its bodies and its delivery events, oldest first as Postmark lists them. */
export interface MessageDetails extends OutboundMessage {
  readonly textBody?: string | undefined;
  readonly htmlBody?: string | undefined;
  /** The raw MIME source, when Postmark includes it. */
  readonly body?: string | undefined;
  readonly events: readonly MessageEvent[];
}

// The schemas checked every date, so reading them cannot fail.
const date = (text: string) => readPostmarkDate(text) as Date;

const contacts = (list: readonly PostmarkContact[] | null | undefined): readonly Contact[] =>
  Object.freeze(
    (list ?? []).map((contact) =>
      Object.freeze({ email: contact.Email, name: optionalText(contact.Name) }),
    ),
  );

function toMessage(raw: PostmarkOutboundMessage): OutboundMessage {
  return {
    messageId: raw.MessageID,
    messageStream: optionalText(raw.MessageStream),
    tag: optionalText(raw.Tag),
    from: raw.From ?? '',
    to: contacts(raw.To),
    cc: contacts(raw.Cc),
    bcc: contacts(raw.Bcc),
    recipients: Object.freeze([...(raw.Recipients ?? [])]),
    subject: raw.Subject ?? '',
    receivedAt: date(raw.ReceivedAt),
    status: raw.Status,
    attachments: Object.freeze(
      (raw.Attachments ?? []).map((item) => (typeof item === 'string' ? item : item.Name)),
    ),
    trackOpens: raw.TrackOpens ?? undefined,
    trackLinks: optionalText(raw.TrackLinks),
    metadata: Object.freeze({ ...raw.Metadata }),
    sandboxed: raw.Sandboxed ?? undefined,
  };
}

function toEvent(raw: PostmarkMessageEvent): MessageEvent {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.Details ?? {})) details[camelKey(key)] = value;
  return Object.freeze({
    type: raw.Type,
    recipient: raw.Recipient,
    receivedAt: date(raw.ReceivedAt),
    details: Object.freeze(details),
  });
}

export const MessageListReading = reading(
  PostmarkOutboundMessageListSchema,
  (raw): MessageList =>
    Object.freeze({
      totalCount: raw.TotalCount,
      messages: Object.freeze(raw.Messages.map((message) => Object.freeze(toMessage(message)))),
    }),
);

export const MessageDetailsReading = reading(
  PostmarkOutboundMessageDetailsSchema,
  (raw): MessageDetails =>
    Object.freeze({
      ...toMessage(raw),
      textBody: optionalText(raw.TextBody),
      htmlBody: optionalText(raw.HtmlBody),
      body: optionalText(raw.Body),
      events: Object.freeze((raw.MessageEvents ?? []).map(toEvent)),
    }),
);
