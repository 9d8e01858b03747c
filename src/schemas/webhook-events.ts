import { PostmarkBounceSchema, PostmarkDateSchema } from './bounces.js';
import { PostmarkClickSchema, PostmarkOpenSchema } from './tracking.js';
import * as v from './v.js';

// Postmark's JSON of the events it posts to webhooks, one schema per RecordType, built on the
// schemas of the APIs that list the same records (a Bounce webhook is a bounce of the Bounce
// API plus the message's metadata). Loose objects: Postmark adds fields, and nullish where it
// sends null. The inbound webhook's schema is the inbound API's (PostmarkInboundWebhookSchema).

/**
 * The message's metadata, as the event carries it. Postmark keeps metadata as text, but its own
 * examples show numbers (`"user_id": 43`): numbers and booleans are taken too.
 */
export const PostmarkWebhookMetadataSchema = v.nullish(
  v.record(v.string(), v.union([v.string(), v.number(), v.boolean()])),
);

/** A Delivery event: the receiving server took the message for one recipient. */
export const PostmarkDeliveryWebhookSchema = v.looseObject({
  RecordType: v.literal('Delivery'),
  ServerID: v.nullish(v.number()),
  MessageStream: v.nullish(v.string()),
  MessageID: v.string(),
  Recipient: v.string(),
  Tag: v.nullish(v.string()),
  DeliveredAt: PostmarkDateSchema,
  Details: v.nullish(v.string()),
  Metadata: PostmarkWebhookMetadataSchema,
});

/** A Bounce event: a bounce as the Bounce API shows it, with the message's metadata. */
export const PostmarkBounceWebhookSchema = v.looseObject({
  ...PostmarkBounceSchema.entries,
  RecordType: v.literal('Bounce'),
  Metadata: PostmarkWebhookMetadataSchema,
});

/** A SpamComplaint event: the same fields as a bounce (Type `SpamComplaint`). */
export const PostmarkSpamComplaintWebhookSchema = v.looseObject({
  ...PostmarkBounceSchema.entries,
  RecordType: v.literal('SpamComplaint'),
  Metadata: PostmarkWebhookMetadataSchema,
});

/** An Open event: an open as the opens search lists it. */
export const PostmarkOpenWebhookSchema = v.looseObject({
  ...PostmarkOpenSchema.entries,
  RecordType: v.literal('Open'),
  Metadata: PostmarkWebhookMetadataSchema,
});

/** A Click event: a click as the clicks search lists it. */
export const PostmarkClickWebhookSchema = v.looseObject({
  ...PostmarkClickSchema.entries,
  RecordType: v.literal('Click'),
  Metadata: PostmarkWebhookMetadataSchema,
});

/**
 * A SubscriptionChange event: an address was suppressed on a stream (`SuppressSending: true`)
 * or reactivated. `MessageID` is null for a change made by hand.
 */
export const PostmarkSubscriptionChangeWebhookSchema = v.looseObject({
  RecordType: v.literal('SubscriptionChange'),
  MessageID: v.nullish(v.string()),
  ServerID: v.nullish(v.number()),
  MessageStream: v.nullish(v.string()),
  ChangedAt: PostmarkDateSchema,
  Recipient: v.string(),
  Origin: v.nullish(v.string()),
  SuppressSending: v.boolean(),
  SuppressionReason: v.nullish(v.string()),
  Tag: v.nullish(v.string()),
  Metadata: PostmarkWebhookMetadataSchema,
});

/** Any outbound event, told apart by its `RecordType`. */
export const PostmarkWebhookEventSchema = v.variant('RecordType', [
  PostmarkDeliveryWebhookSchema,
  PostmarkBounceWebhookSchema,
  PostmarkSpamComplaintWebhookSchema,
  PostmarkOpenWebhookSchema,
  PostmarkClickWebhookSchema,
  PostmarkSubscriptionChangeWebhookSchema,
]);

export type PostmarkWebhookEvent = v.InferOutput<typeof PostmarkWebhookEventSchema>;
