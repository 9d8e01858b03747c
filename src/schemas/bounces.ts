import { BOUNCE_TYPES, type BounceTypeName } from '../postmark/bounce-types.js';
import { parseDateParts } from '../postmark/dates.js';
import { PostmarkIdSchema } from './ids.js';
import * as v from './v.js';

// Postmark's JSON as it comes back from the Bounce API, in Postmark's own PascalCase. Loose
// objects: Postmark adds fields over time, and a new field must not break reading bounces.
// Fields Postmark has been seen to leave out or send as null are `nullish`.

/**
 * Postmark's bounce types and their `TypeCode`s, from its API reference. The names are what
 * the `type` filter of GET /bounces takes.
 *
 * @example
 * POSTMARK_BOUNCE_TYPES.HardBounce; // 1
 */
export const POSTMARK_BOUNCE_TYPES: Readonly<Record<BounceTypeName, number>> = Object.freeze(
  Object.fromEntries(BOUNCE_TYPES.map((type) => [type.type, type.code])) as Record<
    BounceTypeName,
    number
  >,
);

/** A bounce type name, such as `HardBounce`. */
export type PostmarkBounceTypeName = BounceTypeName;

/** A date-time in Postmark's answers, such as `2024-05-01T10:00:00.1234567-04:00`. */
export const PostmarkDateSchema = v.pipe(
  v.string(),
  v.check(
    (text) => parseDateParts(text)?.hasTime === true,
    (issue) => `expected an ISO 8601 date-time, got ${issue.received}`,
  ),
);

/**
 * One bounce, as GET /bounces/{id} answers it and GET /bounces lists it. An `ID` past
 * `Number.MAX_SAFE_INTEGER` is refused: rounded, it would look up another bounce.
 */
export const PostmarkBounceSchema = v.looseObject({
  ID: PostmarkIdSchema,
  Type: v.string(),
  TypeCode: v.number(),
  Name: v.nullish(v.string()),
  Tag: v.nullish(v.string()),
  MessageID: v.nullish(v.string()),
  ServerID: v.nullish(PostmarkIdSchema),
  MessageStream: v.nullish(v.string()),
  Description: v.nullish(v.string()),
  Details: v.nullish(v.string()),
  Email: v.string(),
  From: v.nullish(v.string()),
  BouncedAt: PostmarkDateSchema,
  DumpAvailable: v.boolean(),
  Inactive: v.boolean(),
  CanActivate: v.boolean(),
  Subject: v.nullish(v.string()),
  Content: v.nullish(v.string()),
});

/** The answer to GET /bounces. */
export const PostmarkBounceListSchema = v.looseObject({
  TotalCount: v.number(),
  Bounces: v.array(PostmarkBounceSchema),
});

/** The answer to GET /bounces/{id}/dump (and /messages/outbound/{id}/dump): the raw source. */
export const PostmarkDumpSchema = v.looseObject({
  Body: v.nullish(v.string()),
});

/** The answer to PUT /bounces/{id}/activate. */
export const PostmarkBounceActivationSchema = v.looseObject({
  Message: v.nullish(v.string()),
  Bounce: PostmarkBounceSchema,
});

/** The answer to GET /bounces/tags: the tags of bounced messages. */
export const PostmarkBounceTagsSchema = v.array(v.string());

/** The answer to GET /deliverystats. The first entry, `{ Name: 'All', Count }`, has no `Type`. */
export const PostmarkDeliveryStatsSchema = v.looseObject({
  InactiveMails: v.number(),
  Bounces: v.array(
    v.looseObject({
      Type: v.nullish(v.string()),
      Name: v.string(),
      Count: v.number(),
    }),
  ),
});

export type PostmarkBounce = v.InferOutput<typeof PostmarkBounceSchema>;
export type PostmarkBounceList = v.InferOutput<typeof PostmarkBounceListSchema>;
export type PostmarkDump = v.InferOutput<typeof PostmarkDumpSchema>;
export type PostmarkBounceActivation = v.InferOutput<typeof PostmarkBounceActivationSchema>;
export type PostmarkDeliveryStats = v.InferOutput<typeof PostmarkDeliveryStatsSchema>;
