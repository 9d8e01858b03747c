import * as v from './v.js';

// Loose objects: Postmark may add fields to its answers, and an SDK that broke on a new
// field would stop sending mail on the day Postmark shipped it.

/**
 * Postmark's answer to one message: the body of a POST /email (or /email/withTemplate)
 * answer, and each element of a batch answer. `ErrorCode` 0 means accepted, and then
 * `MessageID` and `SubmittedAt` are present.
 */
export const PostmarkSendResponseSchema = v.looseObject({
  ErrorCode: v.number(),
  Message: v.optional(v.string()),
  MessageID: v.optional(v.string()),
  SubmittedAt: v.optional(v.string()),
  To: v.optional(v.string()),
});

/** The answer to POST /email/batch and /email/batchWithTemplates: one element per message, in order. */
export const PostmarkBatchResponseSchema = v.array(PostmarkSendResponseSchema);

/** The body of an error answer (a 422, and often a 401 or 429). */
export const PostmarkErrorResponseSchema = v.looseObject({
  ErrorCode: v.number(),
  Message: v.string(),
});

export type PostmarkSendResponse = v.InferOutput<typeof PostmarkSendResponseSchema>;
export type PostmarkBatchResponse = v.InferOutput<typeof PostmarkBatchResponseSchema>;
export type PostmarkErrorResponse = v.InferOutput<typeof PostmarkErrorResponseSchema>;
