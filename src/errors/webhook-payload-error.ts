import { guardFor, PostmarkError } from './postmark-error.js';

/** One thing wrong with a webhook payload: where (`path`, e.g. `BouncedAt`) and why. */
export interface WebhookPayloadIssue {
  /** Where in Postmark's JSON, such as `ToFull[0].Email`; `''` for the payload itself. */
  readonly path: string;
  readonly message: string;
  /** What was expected there, when the check says (`string`, `"Bounce" | "Delivery" | ...`). */
  readonly expected?: string;
  /** What was there instead (`number`, `undefined`, `"Nope"`). */
  readonly received?: string;
}

/**
 * A webhook payload is not a Postmark event: not JSON, not an object, or an event whose fields
 * do not have Postmark's shape. `issues` lists every problem found. `webhookHandler()`
 * answers it with 400 (Postmark does not retry a 400).
 *
 * @example
 * try { parseWebhook(json); } catch (error) { if (isWebhookPayloadError(error)) log(error.issues); }
 */
export class WebhookPayloadError extends PostmarkError {
  override name = 'WebhookPayloadError';
  readonly issues: readonly WebhookPayloadIssue[];

  constructor(issues: readonly WebhookPayloadIssue[]) {
    super(describe(issues));
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

/** True for a `WebhookPayloadError`, even one from another copy of the SDK or another realm. */
export const isWebhookPayloadError = guardFor<WebhookPayloadError>('WebhookPayloadError');

function describe(issues: readonly WebhookPayloadIssue[]): string {
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `Not a Postmark webhook payload: ${where}${first?.message ?? 'unreadable'}${more}`;
}
