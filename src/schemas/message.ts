import { isBase64 } from '../postmark/attachment.js';
import { type MessageJsonName, TRACK_LINKS } from '../postmark/fields.js';
import { DEFAULT_LIMITS } from '../postmark/limits.js';
import { isPlainObject } from '../utils/own.js';
import * as v from './v.js';

// Postmark's JSON of a message. Only the JSON types are checked here; every rule about the
// values (addresses, MIME types, limits) is the message model's, which reads its grammar and
// limits from src/postmark, so that these schemas and validate() can never disagree.

/** One attachment as Postmark reads it: `Content` is base64. */
export const PostmarkAttachmentSchema = v.strictObject({
  Name: v.pipe(v.string(), v.minLength(1, 'an attachment needs a Name')),
  Content: v.pipe(v.string(), v.check(isBase64, 'Content must be base64')),
  ContentType: v.pipe(v.string(), v.minLength(1, 'ContentType must be a MIME type')),
  ContentID: v.optional(v.string()),
});

export const PostmarkHeaderSchema = v.strictObject({ Name: v.string(), Value: v.string() });

export const TrackLinksSchema = v.picklist(TRACK_LINKS);

// valibot's record takes an array too; Postmark's Metadata and TemplateModel are JSON objects.
const JsonObject = v.custom<Record<string, unknown>>(isPlainObject, 'must be a JSON object');

const fields = {
  From: v.optional(v.string()),
  To: v.optional(v.string()),
  Cc: v.optional(v.string()),
  Bcc: v.optional(v.string()),
  ReplyTo: v.optional(v.string()),
  Tag: v.optional(v.string()),
  Headers: v.optional(v.array(PostmarkHeaderSchema)),
  TrackOpens: v.optional(v.boolean()),
  TrackLinks: v.optional(TrackLinksSchema),
  Metadata: v.optional(v.pipe(JsonObject, v.record(v.string(), v.string()))),
  Attachments: v.optional(v.array(PostmarkAttachmentSchema)),
  MessageStream: v.optional(v.string()),
};

const bodyFields = {
  Subject: v.optional(v.string()),
  HtmlBody: v.optional(v.string()),
  TextBody: v.optional(v.string()),
};

const templateFields = {
  TemplateId: v.optional(v.pipe(v.number(), v.integer('TemplateId must be an integer'))),
  TemplateAlias: v.optional(v.pipe(v.string(), v.minLength(1))),
  TemplateModel: v.optional(v.pipe(JsonObject, v.record(v.string(), v.unknown()))),
  InlineCss: v.optional(v.boolean()),
};

/**
 * Any message in Postmark's JSON, plain or templated, possibly incomplete (a default message
 * is): every field has the right type and no unknown field is present. Cross-field rules are
 * `Message#validate()`'s.
 */
export const PostmarkMessageSchema = v.strictObject({
  ...fields,
  ...bodyFields,
  ...templateFields,
});

/** The body of POST /email: a complete plain message. */
export const PostmarkEmailSchema = v.pipe(
  v.strictObject({ ...fields, ...bodyFields, From: v.pipe(v.string(), v.minLength(1)) }),
  v.check((m) => Boolean(m.To || m.Cc || m.Bcc), 'a message needs at least one of To, Cc or Bcc'),
  v.check((m) => Boolean(m.HtmlBody || m.TextBody), 'a message needs HtmlBody or TextBody'),
);

/** The body of POST /email/withTemplate: a complete templated message. */
export const PostmarkTemplatedEmailSchema = v.pipe(
  v.strictObject({
    ...fields,
    ...templateFields,
    From: v.pipe(v.string(), v.minLength(1)),
    TemplateModel: v.pipe(JsonObject, v.record(v.string(), v.unknown())),
  }),
  v.check((m) => Boolean(m.To || m.Cc || m.Bcc), 'a message needs at least one of To, Cc or Bcc'),
  v.check(
    (m) => (m.TemplateId === undefined) !== (m.TemplateAlias === undefined),
    'exactly one of TemplateId or TemplateAlias',
  ),
);

/** The body of POST /email/batch. */
export const PostmarkBatchSchema = v.pipe(
  v.array(PostmarkEmailSchema),
  v.maxLength(DEFAULT_LIMITS.maxBatchMessages),
);

/** The body of POST /email/batchWithTemplates. */
export const PostmarkBatchWithTemplatesSchema = v.strictObject({
  Messages: v.pipe(
    v.array(PostmarkTemplatedEmailSchema),
    v.maxLength(DEFAULT_LIMITS.maxBatchMessages),
  ),
});

export type PostmarkMessage = v.InferOutput<typeof PostmarkMessageSchema>;

// The schema is written out for its types; the field table is what the code reads. This fails
// to compile the day the two name different fields.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesFieldTable: Same<keyof PostmarkMessage, MessageJsonName> = true;
void schemaMatchesFieldTable;
export type PostmarkEmail = v.InferOutput<typeof PostmarkEmailSchema>;
export type PostmarkTemplatedEmail = v.InferOutput<typeof PostmarkTemplatedEmailSchema>;
export type PostmarkAttachment = v.InferOutput<typeof PostmarkAttachmentSchema>;
