import { PostmarkDateSchema } from './bounces.js';
import * as v from './v.js';

// Postmark's JSON as the Messages API (outbound) answers it. Loose objects, as for bounces:
// a field Postmark adds later passes; fields it may leave out or send as null are `nullish`.

/** A recipient in a message summary: `Name` is null when the address had none. */
export const PostmarkContactSchema = v.looseObject({
  Email: v.string(),
  Name: v.nullish(v.string()),
});

/** One delivery event in `MessageEvents` of the message details. */
export const PostmarkMessageEventSchema = v.looseObject({
  Recipient: v.string(),
  /** Delivered, Bounced, Transient, Opened, LinkClicked, SubscriptionChanged, ... */
  Type: v.string(),
  ReceivedAt: PostmarkDateSchema,
  Details: v.nullish(v.record(v.string(), v.unknown())),
});

const summaryFields = {
  MessageID: v.string(),
  MessageStream: v.nullish(v.string()),
  Tag: v.nullish(v.string()),
  To: v.nullish(v.array(PostmarkContactSchema)),
  Cc: v.nullish(v.array(PostmarkContactSchema)),
  Bcc: v.nullish(v.array(PostmarkContactSchema)),
  Recipients: v.nullish(v.array(v.string())),
  ReceivedAt: PostmarkDateSchema,
  From: v.nullish(v.string()),
  Subject: v.nullish(v.string()),
  // Names in the search results; tolerate objects with a Name as well.
  Attachments: v.nullish(v.array(v.union([v.string(), v.looseObject({ Name: v.string() })]))),
  Status: v.string(),
  TrackOpens: v.nullish(v.boolean()),
  TrackLinks: v.nullish(v.string()),
  Metadata: v.nullish(v.record(v.string(), v.string())),
  Sandboxed: v.nullish(v.boolean()),
};

/** One message in the answer to GET /messages/outbound. */
export const PostmarkOutboundMessageSchema = v.looseObject(summaryFields);

/** The answer to GET /messages/outbound. */
export const PostmarkOutboundMessageListSchema = v.looseObject({
  TotalCount: v.number(),
  Messages: v.array(PostmarkOutboundMessageSchema),
});

/** The answer to GET /messages/outbound/{id}/details: the summary, bodies and events. */
export const PostmarkOutboundMessageDetailsSchema = v.looseObject({
  ...summaryFields,
  TextBody: v.nullish(v.string()),
  HtmlBody: v.nullish(v.string()),
  Body: v.nullish(v.string()),
  MessageEvents: v.nullish(v.array(PostmarkMessageEventSchema)),
});

export type PostmarkContact = v.InferOutput<typeof PostmarkContactSchema>;
export type PostmarkMessageEvent = v.InferOutput<typeof PostmarkMessageEventSchema>;
export type PostmarkOutboundMessage = v.InferOutput<typeof PostmarkOutboundMessageSchema>;
export type PostmarkOutboundMessageList = v.InferOutput<typeof PostmarkOutboundMessageListSchema>;
export type PostmarkOutboundMessageDetails = v.InferOutput<
  typeof PostmarkOutboundMessageDetailsSchema
>;
