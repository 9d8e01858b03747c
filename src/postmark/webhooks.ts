// Postmark's webhook configuration (the Webhooks API), once: the triggers a webhook can fire
// on with each trigger's own settings, and what a webhook URL must be. The SDK builds its
// input fields from the table; the sandbox checks and fills in Postmark's JSON with it.

/**
 * The triggers of a webhook: the SDK's name, Postmark's `Triggers` key, and the settings the
 * trigger takes besides `Enabled` (SDK name → Postmark name). A trigger left out of a new
 * webhook is off.
 */
export const WEBHOOK_TRIGGERS = Object.freeze({
  open: { json: 'Open', settings: { postFirstOpenOnly: 'PostFirstOpenOnly' } },
  click: { json: 'Click', settings: {} },
  delivery: { json: 'Delivery', settings: {} },
  bounce: { json: 'Bounce', settings: { includeContent: 'IncludeContent' } },
  spamComplaint: { json: 'SpamComplaint', settings: { includeContent: 'IncludeContent' } },
  subscriptionChange: { json: 'SubscriptionChange', settings: {} },
} as const);

/** A trigger by the SDK's name: `open`, `click`, `delivery`, `bounce`, `spamComplaint`, `subscriptionChange`. */
export type WebhookTriggerName = keyof typeof WEBHOOK_TRIGGERS;

/** A trigger by Postmark's name: `Open`, `Click`, `Delivery`, `Bounce`, `SpamComplaint`, `SubscriptionChange`. */
export type WebhookTriggerJson = (typeof WEBHOOK_TRIGGERS)[WebhookTriggerName]['json'];

/** Postmark's name of a trigger's on/off switch. */
export const TRIGGER_ENABLED = 'Enabled';

/**
 * Why `text` cannot be a webhook (or hook) URL, or `undefined`: Postmark posts to an absolute
 * http: or https: URL. The problem never repeats the URL, which may hold a password
 * (`https://user:secret@example.com/hook`).
 *
 * @example hookUrlProblem('ftp://example.com') // 'must be an http: or https: URL (got ftp:)'
 */
export function hookUrlProblem(text: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'is not an absolute URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `must be an http: or https: URL (got ${parsed.protocol})`;
  }
  return undefined;
}
