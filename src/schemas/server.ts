import * as v from './v.js';

// Postmark's JSON of the Server API (GET and PUT /server). Loose objects, nullish where
// Postmark sends null or leaves a field out: a new field must not break reading the answer.

/** The answer to GET /server and PUT /server. */
export const PostmarkServerSchema = v.looseObject({
  ID: v.number(),
  Name: v.nullish(v.string()),
  ApiTokens: v.nullish(v.array(v.string())),
  Color: v.nullish(v.string()),
  SmtpApiActivated: v.nullish(v.boolean()),
  RawEmailEnabled: v.nullish(v.boolean()),
  DeliveryType: v.nullish(v.string()),
  ServerLink: v.nullish(v.string()),
  InboundAddress: v.nullish(v.string()),
  InboundHookUrl: v.nullish(v.string()),
  BounceHookUrl: v.nullish(v.string()),
  OpenHookUrl: v.nullish(v.string()),
  DeliveryHookUrl: v.nullish(v.string()),
  ClickHookUrl: v.nullish(v.string()),
  PostFirstOpenOnly: v.nullish(v.boolean()),
  InboundDomain: v.nullish(v.string()),
  InboundHash: v.nullish(v.string()),
  InboundSpamThreshold: v.nullish(v.number()),
  TrackOpens: v.nullish(v.boolean()),
  TrackLinks: v.nullish(v.string()),
  IncludeBounceContentInHook: v.nullish(v.boolean()),
  EnableSmtpApiErrorHooks: v.nullish(v.boolean()),
});

export type PostmarkServer = v.InferOutput<typeof PostmarkServerSchema>;
