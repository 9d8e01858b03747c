import * as v from './v.js';

// Postmark's JSON of the inbound side: the Triggers API's inbound rules and the inbound
// messages of the Messages API. Loose objects, nullish where Postmark may send null.

/** An inbound rule: GET /triggers/inboundrules lists them, POST answers one. */
export const PostmarkInboundRuleSchema = v.looseObject({
  ID: v.number(),
  Rule: v.string(),
});

/** The answer to GET /triggers/inboundrules. */
export const PostmarkInboundRuleListSchema = v.looseObject({
  TotalCount: v.number(),
  InboundRules: v.array(PostmarkInboundRuleSchema),
});

/** A sender or recipient of an inbound message, with the hash of its address (`user+hash@`). */
export const PostmarkInboundContactSchema = v.looseObject({
  Email: v.string(),
  Name: v.nullish(v.string()),
  MailboxHash: v.nullish(v.string()),
});

/** An attachment of an inbound message; `Content` is base64. */
export const PostmarkInboundAttachmentSchema = v.looseObject({
  Name: v.string(),
  Content: v.nullish(v.string()),
  ContentType: v.nullish(v.string()),
  ContentLength: v.nullish(v.number()),
  ContentID: v.nullish(v.string()),
});

/** A header as Postmark's answers list one (a webhook's custom headers, an inbound message's). */
export const PostmarkHeaderEntrySchema = v.looseObject({
  Name: v.string(),
  Value: v.nullish(v.string()),
});

const contacts = v.nullish(v.array(PostmarkInboundContactSchema));

// The mail itself, as every inbound shape carries it: the search, the details, the webhook.
const MAIL = {
  MessageID: v.string(),
  MessageStream: v.nullish(v.string()),
  From: v.nullish(v.string()),
  FromName: v.nullish(v.string()),
  FromFull: v.nullish(PostmarkInboundContactSchema),
  To: v.nullish(v.string()),
  ToFull: contacts,
  Cc: v.nullish(v.string()),
  CcFull: contacts,
  Bcc: v.nullish(v.string()),
  BccFull: contacts,
  ReplyTo: v.nullish(v.string()),
  OriginalRecipient: v.nullish(v.string()),
  Subject: v.nullish(v.string()),
  /** The mail's own Date header (RFC 5322 text, such as `Thu, 5 Apr 2012 16:59:01 +0200`). */
  Date: v.nullish(v.string()),
  MailboxHash: v.nullish(v.string()),
  Tag: v.nullish(v.string()),
  Attachments: v.nullish(v.array(PostmarkInboundAttachmentSchema)),
};

const SUMMARY = { ...MAIL, Status: v.string() };

// What the details and the inbound webhook add to the summary.
const BODIES = {
  TextBody: v.nullish(v.string()),
  HtmlBody: v.nullish(v.string()),
  StrippedTextReply: v.nullish(v.string()),
  Headers: v.nullish(v.array(PostmarkHeaderEntrySchema)),
  RawEmail: v.nullish(v.string()),
};

/** An inbound message as GET /messages/inbound lists it. */
export const PostmarkInboundMessageSchema = v.looseObject(SUMMARY);

/** The answer to GET /messages/inbound. */
export const PostmarkInboundMessageListSchema = v.looseObject({
  TotalCount: v.number(),
  InboundMessages: v.array(PostmarkInboundMessageSchema),
});

/** An inbound message as GET /messages/inbound/{id}/details answers it. */
export const PostmarkInboundMessageDetailsSchema = v.looseObject({
  ...SUMMARY,
  ...BODIES,
  BlockedReason: v.nullish(v.string()),
});

/**
 * An inbound message as Postmark posts it to the server's inbound webhook: the details
 * without a `Status` (it is being processed) and without a `RecordType`.
 */
export const PostmarkInboundWebhookSchema = v.looseObject({ ...MAIL, ...BODIES });

export type PostmarkInboundMessage = v.InferOutput<typeof PostmarkInboundMessageSchema>;
export type PostmarkInboundMessageDetails = v.InferOutput<
  typeof PostmarkInboundMessageDetailsSchema
>;
export type PostmarkInboundWebhook = v.InferOutput<typeof PostmarkInboundWebhookSchema>;
