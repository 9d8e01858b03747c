import { PostmarkServerSchema } from './server.js';
import * as v from './v.js';

// Postmark's JSON of the account API (X-Postmark-Account-Token): servers, domains, sender
// signatures, template pushes, data removals. Loose objects, nullish where Postmark sends null
// or leaves a field out: a new field must not break reading the answer.

/** The answer to GET /servers. */
export const PostmarkServerListSchema = v.looseObject({
  TotalCount: v.number(),
  Servers: v.array(PostmarkServerSchema),
});

/** A domain as GET /domains lists it. */
export const PostmarkDomainSummarySchema = v.looseObject({
  ID: v.number(),
  Name: v.string(),
  SPFVerified: v.nullish(v.boolean()),
  DKIMVerified: v.nullish(v.boolean()),
  WeakDKIM: v.nullish(v.boolean()),
  ReturnPathDomainVerified: v.nullish(v.boolean()),
});

// The DNS records of a domain (or of a sender signature's domain).
const DNS = {
  SPFHost: v.nullish(v.string()),
  SPFTextValue: v.nullish(v.string()),
  DKIMHost: v.nullish(v.string()),
  DKIMTextValue: v.nullish(v.string()),
  DKIMPendingHost: v.nullish(v.string()),
  DKIMPendingTextValue: v.nullish(v.string()),
  DKIMRevokedHost: v.nullish(v.string()),
  DKIMRevokedTextValue: v.nullish(v.string()),
  SafeToRemoveRevokedKeyFromDNS: v.nullish(v.boolean()),
  DKIMUpdateStatus: v.nullish(v.string()),
  ReturnPathDomain: v.nullish(v.string()),
  ReturnPathDomainCNAMEValue: v.nullish(v.string()),
};

/** A domain as GET /domains/{id} (and its create, edit and verify calls) answers it. */
export const PostmarkDomainSchema = v.looseObject({
  ...PostmarkDomainSummarySchema.entries,
  ...DNS,
});

/** The answer to GET /domains. */
export const PostmarkDomainListSchema = v.looseObject({
  TotalCount: v.number(),
  Domains: v.array(PostmarkDomainSummarySchema),
});

/**
 * The answer to POST /domains/{id}/verifyspf: Postmark's reference shows `{ SPFHost,
 * SPFVerified, SPFTextValue }`, the official client reads the whole domain; both pass.
 */
export const PostmarkDomainSpfSchema = v.looseObject({
  SPFVerified: v.boolean(),
  SPFHost: v.nullish(v.string()),
  SPFTextValue: v.nullish(v.string()),
});

/**
 * The answer to POST /domains/{id}/rotatedkim: the domain's DKIM fields (Postmark's
 * reference), or the whole domain (what the official client reads); both pass.
 */
export const PostmarkDkimRotationSchema = v.looseObject({
  ID: v.number(),
  Name: v.string(),
  DKIMVerified: v.nullish(v.boolean()),
  WeakDKIM: v.nullish(v.boolean()),
  DKIMHost: DNS.DKIMHost,
  DKIMTextValue: DNS.DKIMTextValue,
  DKIMPendingHost: DNS.DKIMPendingHost,
  DKIMPendingTextValue: DNS.DKIMPendingTextValue,
  DKIMRevokedHost: DNS.DKIMRevokedHost,
  DKIMRevokedTextValue: DNS.DKIMRevokedTextValue,
  SafeToRemoveRevokedKeyFromDNS: DNS.SafeToRemoveRevokedKeyFromDNS,
  DKIMUpdateStatus: DNS.DKIMUpdateStatus,
});

/** A sender signature as GET /senders lists it. */
export const PostmarkSenderSummarySchema = v.looseObject({
  ID: v.number(),
  Name: v.nullish(v.string()),
  EmailAddress: v.string(),
  Domain: v.nullish(v.string()),
  ReplyToEmailAddress: v.nullish(v.string()),
  Confirmed: v.nullish(v.boolean()),
});

/** A sender signature as GET /senders/{id} (and its create, edit and verify calls) answers it. */
export const PostmarkSenderSchema = v.looseObject({
  ...PostmarkSenderSummarySchema.entries,
  ...DNS,
  SPFVerified: v.nullish(v.boolean()),
  DKIMVerified: v.nullish(v.boolean()),
  WeakDKIM: v.nullish(v.boolean()),
  ReturnPathDomainVerified: v.nullish(v.boolean()),
  ConfirmationPersonalNote: v.nullish(v.string()),
});

/** The answer to GET /senders. */
export const PostmarkSenderListSchema = v.looseObject({
  TotalCount: v.number(),
  SenderSignatures: v.array(PostmarkSenderSummarySchema),
});

/** One template of a push, with what the push does (or would do) to it. */
export const PostmarkTemplatePushActionSchema = v.looseObject({
  Action: v.string(),
  TemplateId: v.nullish(v.number()),
  Alias: v.nullish(v.string()),
  Name: v.nullish(v.string()),
  TemplateType: v.nullish(v.string()),
});

/** The answer to PUT /templates/push. */
export const PostmarkTemplatePushSchema = v.looseObject({
  TotalCount: v.number(),
  Templates: v.array(PostmarkTemplatePushActionSchema),
});

/** The answer to POST /data-removals and GET /data-removals/{id}. */
export const PostmarkDataRemovalSchema = v.looseObject({
  ID: v.number(),
  Status: v.string(),
});

export type PostmarkDomain = v.InferOutput<typeof PostmarkDomainSchema>;
export type PostmarkSender = v.InferOutput<typeof PostmarkSenderSchema>;
export type PostmarkTemplatePush = v.InferOutput<typeof PostmarkTemplatePushSchema>;
export type PostmarkDataRemoval = v.InferOutput<typeof PostmarkDataRemovalSchema>;
