import type { Address } from '../../model/types.js';
import type { SandboxContext } from '../context.js';
import { messageHeaders } from '../mime.js';
import { type StoredMessage, visibleEvents } from '../store.js';
import { trackedLinks, tracksOpens } from '../tracking.js';
import type { SandboxWebhookDelivery } from '../webhook-deliveries.js';

// The shapes of the mailbox's JSON API (docs/sandbox.md, "Mailbox"). They are the sandbox's
// own, not Postmark's, so they are camelCase; `json` alone is Postmark's, as the client sent it.

/**
 * Where a message stands: `queued` until every recipient's delivery event has happened, then
 * `bounced` when a recipient bounced, `deferred` when one failed for now (a transient bounce
 * type), else `sent`.
 */
export type MailboxStatus = 'queued' | 'sent' | 'bounced' | 'deferred';

/** A recipient or sender: `name` is null when none was given. */
export interface MailboxAddress {
  readonly email: string;
  readonly name: string | null;
}

/** A message in the list. */
export interface MailboxSummary {
  readonly id: string;
  readonly submittedAt: string;
  readonly from: MailboxAddress;
  readonly to: readonly MailboxAddress[];
  readonly cc: readonly MailboxAddress[];
  readonly bcc: readonly MailboxAddress[];
  readonly subject: string;
  readonly tag: string | null;
  readonly stream: string;
  readonly status: MailboxStatus;
  readonly attachmentCount: number;
  readonly templated: boolean;
}

/** A message with everything the page's tabs show. */
export interface MailboxMessage extends MailboxSummary {
  readonly replyTo: string | null;
  /** The bodies as sent, or as rendered from the template. */
  readonly html: string | null;
  readonly text: string | null;
  /** The headers of the message as MIME, as `/messages/outbound/{id}/dump` writes them. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly trackOpens: boolean;
  readonly trackLinks: string;
  readonly template: MailboxTemplate | null;
  readonly attachments: readonly MailboxAttachment[];
  /** Delivery events, opens and clicks that have happened, oldest first. */
  readonly events: readonly MailboxEvent[];
  readonly bounces: readonly MailboxBounce[];
  /** Every attempt to post one of this message's events to a webhook, oldest first. */
  readonly webhookDeliveries: readonly SandboxWebhookDelivery[];
  /** The JSON object the client sent, exactly (Postmark's PascalCase). */
  readonly json: Readonly<Record<string, unknown>>;
}

export interface MailboxTemplate {
  readonly id: number | null;
  readonly alias: string | null;
  /** The template's name, while the sandbox still has it. */
  readonly name: string | null;
  readonly model: unknown;
  readonly inlineCss: boolean | null;
}

export interface MailboxAttachment {
  /** Its place in `Attachments`, as in its URL. */
  readonly index: number;
  readonly name: string;
  readonly contentType: string;
  readonly contentId: string | null;
  /** Bytes after base64 decoding. */
  readonly size: number;
  readonly url: string;
}

export interface MailboxEvent {
  readonly type: string;
  readonly recipient: string;
  readonly at: string;
  readonly details: Readonly<Record<string, string>>;
}

export interface MailboxBounce {
  readonly id: number;
  readonly type: string;
  readonly name: string;
  readonly email: string;
  readonly inactive: boolean;
  readonly canActivate: boolean;
  readonly details: string;
  readonly at: string;
}

// The delivery outcome of each recipient; opens and clicks come after one.
const OUTCOMES = new Set(['Delivered', 'Bounced', 'Transient']);

/** Where `stored` stands at `now`. */
export function statusOf(stored: StoredMessage, now: number): MailboxStatus {
  const outcomes = stored.events.filter((event) => OUTCOMES.has(event.type));
  if (outcomes.some((event) => event.at > now)) return 'queued';
  if (outcomes.some((event) => event.type === 'Bounced')) return 'bounced';
  if (outcomes.some((event) => event.type === 'Transient')) return 'deferred';
  return 'sent';
}

/** The list entry of `stored`. */
export function summaryOf(stored: StoredMessage, now: number): MailboxSummary {
  const { message } = stored;
  return {
    id: message.MessageID,
    submittedAt: message.SubmittedAt,
    from: address(stored.from),
    to: stored.to.map(address),
    cc: stored.cc.map(address),
    bcc: stored.bcc.map(address),
    subject: message.Subject ?? '',
    tag: message.Tag || null,
    stream: message.MessageStream,
    status: statusOf(stored, now),
    attachmentCount: message.Attachments?.length ?? 0,
    templated: stored.templated,
  };
}

/** Everything about `stored` at `now`. */
export function messageOf(
  stored: StoredMessage,
  now: number,
  context: SandboxContext,
): MailboxMessage {
  const { message, sent } = stored;
  const summary = summaryOf(stored, now);
  const base = `/mailbox/api/messages/${encodeURIComponent(message.MessageID)}`;
  return {
    ...summary,
    replyTo: message.ReplyTo || null,
    html: message.HtmlBody ?? null,
    text: message.TextBody ?? null,
    headers: messageHeaders(message).map(([name, value]) => ({ name, value })),
    metadata: message.Metadata ?? {},
    trackOpens: tracksOpens(stored, context),
    trackLinks: trackedLinks(stored, context),
    template: summary.templated ? templateOf(sent, context) : null,
    attachments: (message.Attachments ?? []).map((attachment, index) => ({
      index,
      name: attachment.Name,
      contentType: attachment.ContentType,
      contentId: attachment.ContentID || null,
      size: decodedSize(attachment.Content),
      url: `${base}/attachments/${index}`,
    })),
    events: visibleEvents(stored, now).map((event) => ({
      type: event.Type,
      recipient: event.Recipient,
      at: event.ReceivedAt,
      details: event.Details,
    })),
    bounces: context.store
      .bounces(now)
      .filter((bounce) => bounce.messageId === message.MessageID)
      .map((bounce) => ({
        id: bounce.id,
        type: bounce.type.type,
        name: bounce.type.name,
        email: bounce.email,
        inactive: bounce.inactive,
        canActivate: bounce.canActivate,
        details: bounce.details,
        at: new Date(bounce.at).toISOString(),
      })),
    // Every post of this message's events to a webhook, as the delivery log has it.
    webhookDeliveries: context.webhookDeliveries.deliveries(message.MessageID),
    json: sent,
  };
}

function templateOf(sent: StoredMessage['sent'], context: SandboxContext): MailboxTemplate {
  const id = typeof sent.TemplateId === 'number' ? sent.TemplateId : null;
  const alias = typeof sent.TemplateAlias === 'string' ? sent.TemplateAlias : null;
  const ref = id ?? alias;
  const found = ref === null ? undefined : context.templates.find(ref);
  return {
    id,
    alias,
    name: found?.Name ?? null,
    model: sent.TemplateModel ?? null,
    inlineCss: typeof sent.InlineCss === 'boolean' ? sent.InlineCss : null,
  };
}

function address(value: Address): MailboxAddress {
  return { email: value.email, name: value.name || null };
}

function decodedSize(base64: string): number {
  const compact = base64.replace(/\s/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.floor((compact.length * 3) / 4) - padding;
}
