import * as v from 'valibot';

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
export const POSTMARK_BOUNCE_TYPES = Object.freeze({
  HardBounce: 1,
  Transient: 2,
  Unsubscribe: 16,
  Subscribe: 32,
  AutoResponder: 64,
  AddressChange: 128,
  DnsError: 256,
  SpamNotification: 512,
  OpenRelayTest: 1024,
  Unknown: 2048,
  SoftBounce: 4096,
  VirusNotification: 8192,
  ChallengeVerification: 16384,
  BadEmailAddress: 100000,
  SpamComplaint: 100001,
  ManuallyDeactivated: 100002,
  Unconfirmed: 100003,
  Blocked: 100006,
  SMTPApiError: 100007,
  InboundError: 100008,
  DMARCPolicy: 100009,
  TemplateRenderingFailed: 100010,
} as const);

/** A bounce type name, such as `HardBounce`. */
export type PostmarkBounceTypeName = keyof typeof POSTMARK_BOUNCE_TYPES;

// ISO 8601 as Postmark writes it: up to 7 fractional digits, an offset or Z (or, defensively,
// none). The calendar check refuses what Date.parse would roll over (2024-02-30 → March 1).
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

function isIsoDateTime(text: string): boolean {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return false;
  const part = (index: number) => Number(match[index] ?? 0);
  const daysInMonth = new Date(Date.UTC(part(1), part(2), 0)).getUTCDate();
  return (
    part(2) >= 1 &&
    part(2) <= 12 &&
    part(3) >= 1 &&
    part(3) <= daysInMonth &&
    part(4) <= 23 &&
    part(5) <= 59 &&
    part(6) <= 59
  );
}

/** A date-time in Postmark's answers, such as `2024-05-01T10:00:00.1234567-04:00`. */
export const PostmarkDateSchema = v.pipe(
  v.string(),
  v.check(isIsoDateTime, (issue) => `expected an ISO 8601 date-time, got ${issue.received}`),
);

/** One bounce, as GET /bounces/{id} answers it and GET /bounces lists it. */
export const PostmarkBounceSchema = v.looseObject({
  ID: v.number(),
  Type: v.string(),
  TypeCode: v.number(),
  Name: v.nullish(v.string()),
  Tag: v.nullish(v.string()),
  MessageID: v.nullish(v.string()),
  ServerID: v.nullish(v.number()),
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
