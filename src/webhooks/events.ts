import type { BounceTypeName } from '../postmark/bounce-types.js';
import type { SuppressionOrigin, SuppressionReason } from '../postmark/streams.js';
import type { InboundAttachment, InboundMail, InboundMailBodies } from '../schemas/inbound-mail.js';
import type { GeoLocation, UserAgentPart } from '../schemas/tracking.js';

// The events as parseWebhook() gives them: Postmark's fields in camelCase, dates as `Date`s,
// numbers as numbers, null and absent fields left out, the message's metadata as it was sent.

/** The message's metadata, its keys as you wrote them when sending. */
export type WebhookMetadata = Readonly<Record<string, string>>;

/**
 * The receiving server took the message for one recipient.
 *
 * @example
 * on: { delivery: (event) => markDelivered(event.messageId, event.recipient, event.deliveredAt) }
 */
export interface WebhookDeliveryEvent {
  readonly recordType: 'Delivery';
  readonly messageId: string;
  readonly recipient: string;
  readonly deliveredAt: Date;
  readonly serverId?: number;
  readonly messageStream?: string;
  readonly tag?: string;
  /** The receiving server's answer, such as `smtp;250 2.0.0 OK`. */
  readonly details?: string;
  readonly metadata: WebhookMetadata;
}

interface BounceFields {
  /** The bounce's id in the Bounce API (`server.bounces.get(id)`). */
  readonly id: number;
  /** The bounce type, such as `HardBounce` (a string: Postmark may add types). */
  readonly type: BounceTypeName | (string & {});
  readonly typeCode: number;
  /** Postmark's display name of the type, such as `Hard bounce`. */
  readonly name?: string;
  readonly messageId?: string;
  readonly serverId?: number;
  readonly messageStream?: string;
  readonly tag?: string;
  readonly description?: string;
  readonly details?: string;
  /** The address that bounced. */
  readonly email: string;
  readonly from?: string;
  readonly bouncedAt: Date;
  readonly dumpAvailable: boolean;
  /** Whether Postmark now refuses to send to the address (ErrorCode 406). */
  readonly inactive: boolean;
  readonly canActivate: boolean;
  readonly subject?: string;
  /** The bounce's raw source, when the webhook was set to include it. */
  readonly content?: string;
  readonly metadata: WebhookMetadata;
}

/**
 * A message bounced for one recipient.
 *
 * @example
 * on: { bounce: (event) => { if (event.inactive) disableAddress(event.email); } }
 */
export interface WebhookBounceEvent extends BounceFields {
  readonly recordType: 'Bounce';
}

/** A recipient marked the message as spam; Postmark deactivates the address. */
export interface WebhookSpamComplaintEvent extends BounceFields {
  readonly recordType: 'SpamComplaint';
}

interface TrackedFields {
  readonly messageId: string;
  readonly recipient: string;
  readonly receivedAt: Date;
  readonly messageStream?: string;
  readonly tag?: string;
  /** `Desktop`, `Mobile`, `WebMail` or `Unknown`. */
  readonly platform?: string;
  readonly userAgent?: string;
  readonly client?: UserAgentPart;
  readonly os?: UserAgentPart;
  readonly geo?: GeoLocation;
  readonly metadata: WebhookMetadata;
}

/** A recipient opened the message (sent with open tracking). */
export interface WebhookOpenEvent extends TrackedFields {
  readonly recordType: 'Open';
  /** Whether this is the recipient's first open of the message. */
  readonly firstOpen?: boolean;
  readonly readSeconds?: number;
}

/** A recipient clicked a tracked link. */
export interface WebhookClickEvent extends TrackedFields {
  readonly recordType: 'Click';
  readonly originalLink: string;
  /** `HTML` or `Text`: the body the link was in. */
  readonly clickLocation?: string;
}

/**
 * An address was suppressed on a stream (`suppressSending: true`: a hard bounce, a spam
 * complaint, an unsubscribe, a suppression by hand) or reactivated (`false`).
 */
export interface WebhookSubscriptionChangeEvent {
  readonly recordType: 'SubscriptionChange';
  /** The message that led to it; absent for a change made by hand. */
  readonly messageId?: string;
  readonly serverId?: number;
  readonly messageStream?: string;
  readonly changedAt: Date;
  readonly recipient: string;
  /** Who made the change: `Recipient`, `Customer` (you, through the API) or `Admin`. */
  readonly origin?: SuppressionOrigin | (string & {});
  readonly suppressSending: boolean;
  readonly suppressionReason?: SuppressionReason | (string & {});
  readonly tag?: string;
  readonly metadata: WebhookMetadata;
}

/** An attachment of an inbound message. Its bytes are decoded only when asked for. */
export interface WebhookInboundAttachment extends InboundAttachment {
  /**
   * The bytes, decoded from `content` at each call (empty when there is none); a
   * `WebhookPayloadError` when `content` is not base64.
   * @example await writeFile(attachment.name, attachment.bytes());
   */
  bytes(): Uint8Array;
}

/**
 * Mail arrived at the server's inbound address. Postmark posts the message itself (without a
 * RecordType); `recordType` is `Inbound` here, so that one switch covers every event.
 *
 * @example
 * on: { inbound: (mail) => createTicket(mail.mailboxHash, mail.strippedTextReply ?? mail.textBody) }
 */
export interface WebhookInboundEvent extends InboundMail, InboundMailBodies {
  readonly recordType: 'Inbound';
  readonly attachments: readonly WebhookInboundAttachment[];
}

/**
 * A payload with a `RecordType` this version does not know (Postmark may add events): kept
 * as it came, so that a new kind of event is not mistaken for a broken one.
 */
export interface WebhookUnknownEvent {
  readonly recordType: 'Unknown';
  /** The `RecordType` Postmark sent. */
  readonly postmarkRecordType: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Any event Postmark posts, told apart by `recordType`. */
export type WebhookEvent =
  | WebhookDeliveryEvent
  | WebhookBounceEvent
  | WebhookSpamComplaintEvent
  | WebhookOpenEvent
  | WebhookClickEvent
  | WebhookSubscriptionChangeEvent
  | WebhookInboundEvent
  | WebhookUnknownEvent;
