import { PostmarkDateSchema } from './bounces.js';
import * as v from './v.js';

// Postmark's JSON of the Message Streams and Suppressions APIs. Loose objects, nullish where
// Postmark sends null (a stream's Description, UpdatedAt, ArchivedAt, ExpectedPurgeDate).

/** How a stream handles unsubscribes. */
export const PostmarkSubscriptionManagementSchema = v.looseObject({
  UnsubscribeHandlingType: v.string(),
});

/** A message stream, as GET /message-streams/{id} answers it and GET /message-streams lists it. */
export const PostmarkMessageStreamSchema = v.looseObject({
  ID: v.string(),
  ServerID: v.number(),
  Name: v.nullish(v.string()),
  Description: v.nullish(v.string()),
  MessageStreamType: v.string(),
  CreatedAt: PostmarkDateSchema,
  UpdatedAt: v.nullish(PostmarkDateSchema),
  ArchivedAt: v.nullish(PostmarkDateSchema),
  ExpectedPurgeDate: v.nullish(PostmarkDateSchema),
  SubscriptionManagementConfiguration: v.nullish(PostmarkSubscriptionManagementSchema),
});

/** The answer to GET /message-streams. */
export const PostmarkMessageStreamListSchema = v.looseObject({
  TotalCount: v.number(),
  MessageStreams: v.array(PostmarkMessageStreamSchema),
});

/** The answer to POST /message-streams/{id}/archive. */
export const PostmarkStreamArchiveSchema = v.looseObject({
  // A string, the stream's id; the official client types it as a number, so both are read.
  ID: v.union([v.string(), v.number()]),
  ServerID: v.number(),
  ExpectedPurgeDate: PostmarkDateSchema,
});

/** One suppressed address, as GET /message-streams/{stream}/suppressions/dump lists it. */
export const PostmarkSuppressionSchema = v.looseObject({
  EmailAddress: v.string(),
  SuppressionReason: v.string(),
  Origin: v.string(),
  CreatedAt: PostmarkDateSchema,
});

/** The answer to GET /message-streams/{stream}/suppressions/dump. */
export const PostmarkSuppressionListSchema = v.looseObject({
  Suppressions: v.array(PostmarkSuppressionSchema),
});

/** What became of one address in POST .../suppressions or .../suppressions/delete. */
export const PostmarkSuppressionStatusSchema = v.looseObject({
  EmailAddress: v.string(),
  Status: v.string(),
  Message: v.nullish(v.string()),
});

/** The answer to POST .../suppressions and POST .../suppressions/delete. */
export const PostmarkSuppressionStatusListSchema = v.looseObject({
  Suppressions: v.array(PostmarkSuppressionStatusSchema),
});

export type PostmarkMessageStream = v.InferOutput<typeof PostmarkMessageStreamSchema>;
export type PostmarkSuppression = v.InferOutput<typeof PostmarkSuppressionSchema>;
export type PostmarkSuppressionStatus = v.InferOutput<typeof PostmarkSuppressionStatusSchema>;
