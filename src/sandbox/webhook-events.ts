import { DEFAULT_STREAM } from '../postmark/answers.js';
import { DEFAULT_INBOUND_STREAM } from '../postmark/inbound.js';
import type { SuppressionOrigin, SuppressionReason } from '../postmark/streams.js';
import { SERVER_HOOK_URLS, type WebhookEventKind } from '../postmark/webhooks.js';
import type { SandboxContext } from './context.js';
import type { SandboxInboundMessage } from './inbound-store.js';
import {
  bounceRecord,
  SANDBOX_SERVER_ID,
  type StoredBounce,
  type StoredMessage,
  type TrackedRecord,
  trackedWire,
} from './store.js';
import type { HookPost, HookTarget, PostProgress } from './webhook-deliveries.js';
import { webhooksFor } from './webhooks.js';

// What the sandbox posts when something happens, and to whom: each event becomes Postmark's
// webhook JSON for every webhook of its stream whose trigger is on, and for the server's hook
// URL of its kind (for the default streams). The JSON is built when the event happens.

interface Target extends HookTarget {
  /** Bounce and SpamComplaint: whether the post carries the bounce's `Content`. */
  readonly includeContent: boolean;
  /** Open: whether only a recipient's first open is posted. */
  readonly firstOpenOnly: boolean;
}

function targets(context: SandboxContext, kind: WebhookEventKind, stream: string): Target[] {
  const found: Target[] = [];
  if (kind !== 'Inbound') {
    for (const webhook of webhooksFor(context.webhooks, stream, kind)) {
      const trigger = webhook.Triggers[kind];
      found.push({
        webhookId: webhook.ID,
        url: webhook.Url,
        auth: webhook.HttpAuth,
        headers: webhook.HttpHeaders,
        includeContent: trigger.IncludeContent ?? false,
        firstOpenOnly: trigger.PostFirstOpenOnly ?? false,
      });
    }
  }
  const settings = context.settings.get();
  const hook = SERVER_HOOK_URLS[kind as keyof typeof SERVER_HOOK_URLS];
  const hookStream = kind === 'Inbound' ? DEFAULT_INBOUND_STREAM : DEFAULT_STREAM;
  if (hook !== undefined && stream === hookStream && settings[hook] !== '') {
    found.push({
      hook,
      url: settings[hook],
      auth: null,
      headers: [],
      includeContent: settings.IncludeBounceContentInHook,
      firstOpenOnly: settings.PostFirstOpenOnly,
    });
  }
  return found;
}

function postsTo(
  context: SandboxContext,
  kind: WebhookEventKind,
  stream: string,
  messageId: string | null,
  payload: (target: Target) => Readonly<Record<string, unknown>> | undefined,
  progress?: (state: PostProgress) => void,
): HookPost[] {
  return targets(context, kind, stream).flatMap((target) => {
    const json = payload(target);
    return json === undefined ? [] : [{ target, kind, messageId, payload: json, progress }];
  });
}

const iso = (at: number) => new Date(at).toISOString();

/**
 * An accepted message's events, each posted when it happens: a Delivery per recipient it
 * reaches; a Bounce (a SpamComplaint for that type) per bounce, and a SubscriptionChange when
 * the bounce suppresses the address.
 */
export function announceMessage(
  context: SandboxContext,
  stored: StoredMessage,
  bounces: readonly StoredBounce[],
): void {
  const message = stored.message;
  const metadata = message.Metadata ?? {};
  for (const event of stored.events) {
    if (event.type !== 'Delivered') continue;
    context.webhookDeliveries.announce(event.at, () =>
      postsTo(context, 'Delivery', message.MessageStream, message.MessageID, () => ({
        RecordType: 'Delivery',
        ServerID: SANDBOX_SERVER_ID,
        MessageStream: message.MessageStream,
        MessageID: message.MessageID,
        Recipient: event.recipient,
        Tag: message.Tag ?? '',
        DeliveredAt: iso(event.at),
        Details: event.details.DeliveryMessage ?? '',
        Metadata: metadata,
      })),
    );
  }
  for (const bounce of bounces) {
    context.webhookDeliveries.announce(bounce.at, () => [
      ...bouncePosts(context, bounce, metadata),
      ...(suppressedBy(context, bounce)
        ? subscriptionChangePosts(context, {
            stream: bounce.stream,
            email: bounce.email,
            suppressed: true,
            reason: bounce.type.type === 'SpamComplaint' ? 'SpamComplaint' : 'HardBounce',
            origin: 'Recipient',
            message: stored,
          })
        : []),
    ]);
  }
}

function bouncePosts(
  context: SandboxContext,
  bounce: StoredBounce,
  metadata: Readonly<Record<string, string>>,
): HookPost[] {
  const kind = bounce.type.type === 'SpamComplaint' ? 'SpamComplaint' : 'Bounce';
  const { RecordType: _, Content, ...record } = bounceRecord(bounce, context.serverId);
  return postsTo(context, kind, bounce.stream, bounce.messageId, (target) => ({
    RecordType: kind,
    ...record,
    Metadata: metadata,
    ...(target.includeContent ? { Content } : {}),
  }));
}

// Whether this bounce is what made the address inactive on its stream: it deactivates, and no
// earlier bounce of the address had (then the address was suppressed already, and nothing
// changed).
function suppressedBy(context: SandboxContext, bounce: StoredBounce): boolean {
  if (!bounce.inactive) return false;
  const email = bounce.email.toLowerCase();
  return !context.store
    .bounces(bounce.at)
    .some(
      (other) =>
        other.id < bounce.id &&
        other.inactive &&
        other.stream === bounce.stream &&
        other.email.toLowerCase() === email,
    );
}

/** An open or click, posted when it happens (an open of a message still on its way, once delivered). */
export function announceTracked(context: SandboxContext, record: TrackedRecord): void {
  const { message } = record.stored;
  context.webhookDeliveries.announce(record.event.at, () =>
    postsTo(context, record.kind, message.MessageStream, message.MessageID, (target) =>
      record.kind === 'Open' && target.firstOpenOnly && !record.firstOpen
        ? undefined
        : trackedWire(record),
    ),
  );
}

/** A change of a stream's suppression list. */
export interface SubscriptionChange {
  readonly stream: string;
  readonly email: string;
  /** True: suppressed; false: reactivated. */
  readonly suppressed: boolean;
  readonly reason: SuppressionReason;
  readonly origin: SuppressionOrigin;
  /** The message that led to it; none for a change made by hand. */
  readonly message?: StoredMessage;
}

/** A suppression made or deleted through the API, or a bounce reactivated: posted now. */
export function announceSubscriptionChange(
  context: SandboxContext,
  change: SubscriptionChange,
): void {
  context.webhookDeliveries.announce(context.now(), () => subscriptionChangePosts(context, change));
}

function subscriptionChangePosts(context: SandboxContext, change: SubscriptionChange): HookPost[] {
  const message = change.message?.message;
  const messageId = message?.MessageID ?? null;
  // Postmark's reactivation example carries no tag and empty metadata.
  const fromMessage = change.suppressed && message !== undefined;
  return postsTo(context, 'SubscriptionChange', change.stream, messageId, () => ({
    RecordType: 'SubscriptionChange',
    MessageID: messageId,
    ServerID: SANDBOX_SERVER_ID,
    MessageStream: change.stream,
    ChangedAt: iso(context.now()),
    Recipient: change.email,
    Origin: change.origin,
    SuppressSending: change.suppressed,
    SuppressionReason: change.reason,
    Tag: fromMessage ? (message.Tag ?? '') : null,
    Metadata: fromMessage ? (message.Metadata ?? {}) : {},
  }));
}

/**
 * Processes an inbound message as Postmark does when the server has an inbound hook URL: the
 * message is `Queued`, posted (without its `Status`), `Scheduled` while a retry waits, then
 * `Processed` — or `Failed` (an Inbound Error) when the retries run out or the hook answers
 * 403. Without a hook URL (or for the test token) it stays as it is. Returns the message as
 * it is now.
 */
export function announceInbound(
  context: SandboxContext,
  message: SandboxInboundMessage,
): SandboxInboundMessage {
  if (context.testMode || message.Status !== 'Processed') return message;
  if (targets(context, 'Inbound', message.MessageStream).length === 0) return message;
  const id = message.MessageID;
  const queued = context.inbound.setStatus(id, 'Queued');
  const { Status: _, BlockedReason: __, ...payload } = queued;
  const STATUS = { retrying: 'Scheduled', delivered: 'Processed', failed: 'Failed' } as const;
  context.webhookDeliveries.announce(context.now(), () =>
    postsTo(
      context,
      'Inbound',
      message.MessageStream,
      id,
      () => payload,
      (state) => {
        context.inbound.setStatus(id, STATUS[state]);
      },
    ),
  );
  return queued;
}
