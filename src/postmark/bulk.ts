// Postmark's Bulk API (POST /email/bulk, GET /email/bulk/{id}): one content, many recipients,
// through a Broadcasts stream. From Postmark's "Bulk Email" page and the official client's
// models (shared/reference/postmark-api-more.md).

/** Where a bulk request stands: `Accepted`, then `Processing`, then `Completed` (or `Failed`). */
export const BULK_STATUSES = Object.freeze([
  'Accepted',
  'Processing',
  'Completed',
  'Failed',
] as const);

export type BulkStatusName = (typeof BULK_STATUSES)[number];

/** The statuses after which a bulk request changes no more. */
export const FINAL_BULK_STATUSES: ReadonlySet<string> = new Set(['Completed', 'Failed']);

/** The recipients' list of a bulk request: `{ ..., "Messages": [ {To, ...}, ... ] }`. */
export const BULK_MESSAGES_JSON = 'Messages';

/**
 * What each recipient of a bulk request may carry, camelCase → Postmark: the addresses, the
 * model its copy is rendered with, and its own metadata and headers (laid over the
 * content's, as a Sender's defaults are laid under a message).
 */
export const BULK_RECIPIENT_FIELDS = Object.freeze({
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  model: 'TemplateModel',
  metadata: 'Metadata',
  headers: 'Headers',
} as const);

/**
 * The content's fields that a bulk request does not take at its top level: the recipients
 * (each copy has its own) and the model (each recipient's `TemplateModel`).
 */
export const BULK_PER_RECIPIENT_JSON: ReadonlySet<string> = new Set([
  'To',
  'Cc',
  'Bcc',
  'TemplateModel',
]);

/** The only kind of stream a bulk request goes through (Postmark: bulk sends are broadcasts). */
export const BULK_STREAM_TYPE = 'Broadcasts';
