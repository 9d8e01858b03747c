import type { Address } from '../../model/types.js';
import type { SandboxContext } from '../context.js';
import { ok, type Reply, unprocessable } from '../http.js';
import { renderMessageMime } from '../mime.js';
import { BY_DATE, inDateRange, page, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';
import { type StoredMessage, visibleEvents } from '../store.js';
import { trackedLinks, tracksOpens } from '../tracking.js';

/** Messages API: outbound search, details with delivery events, and the raw dump. */
export const messageRoutes: readonly Route[] = [
  { method: 'GET', path: '/messages/outbound', body: 'none', handle: searchMessages },
  { method: 'GET', path: '/messages/outbound/:id/details', body: 'none', handle: details },
  {
    method: 'GET',
    path: '/messages/outbound/:id/dump',
    body: 'none',
    handle: (request) => ok({ Body: renderMessageMime(findMessage(request).message) }),
  },
];

// The sandbox knows two states: Queued until every recipient's event has happened, then Sent.
// Postmark's third filter value, `processed`, is taken to mean the same as `sent`.
const STATUS_FILTERS: Readonly<Record<string, string>> = {
  queued: 'Queued',
  sent: 'Sent',
  processed: 'Sent',
};

function searchMessages({ query, context }: RouteRequest): Reply {
  const paging = readPaging(query, BY_DATE);
  const now = context.now();
  const keep = messageFilter(query, now);
  // Newest first, as Postmark lists them.
  const matches = [...context.store.messages()].filter(keep).reverse();
  return ok({
    TotalCount: matches.length,
    Messages: page(matches, paging).map((stored) => summary(stored, now, context)),
  });
}

function details(request: RouteRequest): Reply {
  const stored = findMessage(request);
  const now = request.context.now();
  return ok({
    ...summary(stored, now, request.context),
    TextBody: stored.message.TextBody ?? '',
    HtmlBody: stored.message.HtmlBody ?? '',
    Body: renderMessageMime(stored.message),
    MessageEvents: visibleEvents(stored, now),
  });
}

function messageFilter(query: URLSearchParams, now: number): (stored: StoredMessage) => boolean {
  const contains = (name: string) => query.get(name)?.toLowerCase() || undefined;
  const recipient = contains('recipient');
  const fromEmail = contains('fromemail');
  const subject = contains('subject');
  const tag = query.get('tag');
  const stream = query.get('messagestream');
  const statusName = query.get('status');
  const status = statusName ? STATUS_FILTERS[statusName.toLowerCase()] : undefined;
  if (statusName && status === undefined) {
    throw unprocessable(300, `Unknown status '${statusName}'; use queued, sent or processed.`);
  }
  const metadata = [...query.entries()]
    .filter(([name]) => name.startsWith('metadata_'))
    .map(([name, value]) => [name.slice('metadata_'.length).toLowerCase(), value] as const);
  const inRange = inDateRange(query);
  return (stored) => {
    const message = stored.message;
    const emails = recipients(stored).map((address) => address.email.toLowerCase());
    const fields = Object.entries(message.Metadata ?? {}).map(([key, value]) => [
      key.toLowerCase(),
      value,
    ]);
    return (
      (!recipient || emails.some((email) => email.includes(recipient))) &&
      (!fromEmail || stored.from.email.toLowerCase().includes(fromEmail)) &&
      (!subject || (message.Subject ?? '').toLowerCase().includes(subject)) &&
      (!tag || message.Tag === tag) &&
      (!stream || message.MessageStream === stream) &&
      (status === undefined || statusOf(stored, now) === status) &&
      metadata.every(([key, value]) => fields.some(([k, v]) => k === key && v === value)) &&
      inRange(stored.receivedAt)
    );
  };
}

function summary(stored: StoredMessage, now: number, context: SandboxContext) {
  const message = stored.message;
  return {
    Tag: message.Tag ?? '',
    MessageID: message.MessageID,
    MessageStream: message.MessageStream,
    To: stored.to.map(contact),
    Cc: stored.cc.map(contact),
    Bcc: stored.bcc.map(contact),
    Recipients: recipients(stored).map((address) => address.email),
    ReceivedAt: message.SubmittedAt,
    From: message.From,
    Subject: message.Subject ?? '',
    Attachments: (message.Attachments ?? []).map((attachment) => attachment.Name),
    Status: statusOf(stored, now),
    // A message that did not say takes the server's setting, as with Postmark.
    TrackOpens: tracksOpens(stored, context),
    TrackLinks: trackedLinks(stored, context),
    Metadata: message.Metadata ?? {},
  };
}

function statusOf(stored: StoredMessage, now: number): 'Queued' | 'Sent' {
  return stored.events.every((event) => event.at <= now) ? 'Sent' : 'Queued';
}

function recipients(stored: StoredMessage): Address[] {
  return [...stored.to, ...stored.cc, ...stored.bcc];
}

function contact(address: Address) {
  return { Email: address.email, Name: address.name ?? null };
}

function findMessage({ params, context }: RouteRequest): StoredMessage {
  const id = params.id ?? '';
  const stored = context.store.message(id);
  if (stored === undefined) throw unprocessable(701, `Message '${id}' was not found.`);
  return stored;
}
