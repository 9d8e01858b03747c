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

// What Postmark posts, once: the record types, which server setting receives each, and how
// it retries. The webhooks entry parses by them; the sandbox fires by them.

/**
 * The `RecordType` of each outbound event Postmark posts; the trigger of the same name
 * (`Triggers.Bounce`, ...) turns it on. A spam complaint is its own record type, though
 * Postmark counts it among the bounce types.
 */
export const WEBHOOK_RECORD_TYPES = Object.freeze([
  'Delivery',
  'Bounce',
  'SpamComplaint',
  'Open',
  'Click',
  'SubscriptionChange',
] as const satisfies readonly WebhookTriggerJson[]);

export type WebhookRecordTypeName = (typeof WEBHOOK_RECORD_TYPES)[number];

/**
 * What a post carries: one of the record types, or `Inbound` — an inbound message, which
 * Postmark posts as the message itself, without a `RecordType`.
 */
export type WebhookEventKind = WebhookRecordTypeName | 'Inbound';

/**
 * The server settings (GET/PUT /server) that predate webhooks: the URL each kind of event is
 * also posted to, for the server's default streams. A spam complaint goes to the bounce hook,
 * as a bounce type (unconfirmed); subscription changes have no hook of their own.
 */
export const SERVER_HOOK_URLS = Object.freeze({
  Delivery: 'DeliveryHookUrl',
  Bounce: 'BounceHookUrl',
  SpamComplaint: 'BounceHookUrl',
  Open: 'OpenHookUrl',
  Click: 'ClickHookUrl',
  Inbound: 'InboundHookUrl',
} as const satisfies Partial<Record<WebhookEventKind, string>>);

export type ServerHookSetting = (typeof SERVER_HOOK_URLS)[keyof typeof SERVER_HOOK_URLS];

const MINUTE = 60_000;

/**
 * How long Postmark waits before each retry of an outbound event's post (Delivery, Bounce,
 * ...): 6 retries over about 70 minutes. Unconfirmed: from Postmark's own webhook guide for
 * assistants (ActiveCampaign/postmark-skills), not its developer reference.
 */
export const OUTBOUND_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = Object.freeze(
  [1, 5, 10, 10, 10, 15].map((minutes) => minutes * MINUTE),
);

/**
 * How long Postmark waits before each retry of an inbound message's post: 10 retries over
 * about 10.5 hours; then the message is an Inbound Error (`Failed`). From Postmark's support
 * article "Understanding Inbound Webhook Retries".
 */
export const INBOUND_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = Object.freeze(
  [1, 5, 10, 10, 10, 15, 30, 60, 120, 360].map((minutes) => minutes * MINUTE),
);

/**
 * Whether Postmark tries a post again after it failed with `status` (`'network'`: no answer,
 * or none in time). An outbound event is retried on 5xx, 408, 429 and network failures only,
 * every other 4xx drops it (unconfirmed, same source as the schedule); an inbound message on
 * anything but 2xx, except 403, which stops the retries.
 *
 * @example isRetriedWebhookStatus('Bounce', 401) // false; isRetriedWebhookStatus('Inbound', 401) // true
 */
export function isRetriedWebhookStatus(
  kind: WebhookEventKind,
  status: number | 'network',
): boolean {
  if (status === 'network') return true;
  if (status >= 200 && status < 300) return false;
  if (kind === 'Inbound') return status !== 403;
  return status >= 500 || status === 408 || status === 429;
}

/** The header each retry carries: how many retries are left after it (unconfirmed). */
export const WEBHOOK_RETRIES_REMAINING_HEADER = 'X-PM-Retries-Remaining';

/** The header that names one event across its retries, to deduplicate on (unconfirmed). */
export const WEBHOOK_TRACE_ID_HEADER = 'X-PM-Webhook-Trace-Id';

/**
 * Postmark's limit on the attachments of one inbound message, all together: 35 MB ("Total
 * cumulative size for all Inbound attachment files"), read as MiB, the larger reading: what
 * sizes a receiver's cap must not be smaller than Postmark. In the JSON they are base64, a
 * third larger.
 */
export const INBOUND_ATTACHMENTS_MAX_BYTES = 35 * 1024 * 1024;
