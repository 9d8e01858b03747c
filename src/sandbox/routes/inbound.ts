import { ENTITY_WORDING, ERROR_CODES } from '../../postmark/error-codes.js';
import { inboundStatusOf } from '../../postmark/inbound.js';
import { ok, type Reply, unprocessable } from '../http.js';
import type { SandboxInboundMessage } from '../inbound-store.js';
import { BY_DATE, inDateRange, page, readPaging } from '../paging.js';
import { receiveInbound } from '../receive-inbound.js';
import type { Route, RouteRequest } from '../router.js';
import { announceInbound } from '../webhook-events.js';

// Only a Blocked message can be bypassed and only a Failed one retried; the sandbox answers
// the others with Postmark's 702 and 703 (unconfirmed for this use). Both are processed
// again: posted to the inbound hook URL if the server has one, else Processed at once.
const ACTIONS = {
  bypass: {
    from: 'Blocked',
    code: ERROR_CODES.cannotBypass,
    done: 'Successfully bypassed message',
  },
  retry: {
    from: 'Failed',
    code: ERROR_CODES.cannotRetry,
    done: 'Successfully rescheduled failed message',
  },
} as const;

/**
 * Inbound mail: the Messages API's inbound search, details, bypass and retry, and
 * `POST /sandbox/inbound`, which is not Postmark's: it stands for mail arriving at the
 * server's inbound address, so tests and demos can receive some.
 */
export const inboundRoutes: readonly Route[] = [
  { method: 'GET', path: '/messages/inbound', body: 'none', handle: searchInbound },
  {
    method: 'GET',
    path: '/messages/inbound/:id/details',
    body: 'none',
    handle: (request) => ok(findInbound(request)),
  },
  { method: 'PUT', path: '/messages/inbound/:id/bypass', body: 'none', handle: act('bypass') },
  { method: 'PUT', path: '/messages/inbound/:id/retry', body: 'none', handle: act('retry') },
  {
    method: 'POST',
    path: '/sandbox/inbound',
    body: 'json',
    handle: ({ json, context }) => ok(receiveInbound(json, context)),
  },
];

// What the search lists of each message: the details without bodies, headers and reason.
function summary(message: SandboxInboundMessage) {
  const { TextBody, HtmlBody, StrippedTextReply, Headers, BlockedReason, RawEmail, ...rest } =
    message;
  return rest;
}

function searchInbound({ query, context }: RouteRequest): Reply {
  const paging = readPaging(query, BY_DATE);
  const keep = inboundFilter(query);
  // Newest first, as Postmark lists them.
  const matches = context.inbound
    .list()
    .filter((stored) => keep(stored.message, stored.receivedAt))
    .reverse();
  return ok({
    TotalCount: matches.length,
    InboundMessages: page(matches, paging).map((stored) => summary(stored.message)),
  });
}

function inboundFilter(
  query: URLSearchParams,
): (message: SandboxInboundMessage, receivedAt: number) => boolean {
  const contains = (name: string) => query.get(name)?.toLowerCase() || undefined;
  const recipient = contains('recipient');
  const fromEmail = contains('fromemail');
  const subject = contains('subject');
  const tag = query.get('tag') || undefined;
  const hash = query.get('mailboxhash') || undefined;
  const statusName = query.get('status') || undefined;
  const status = statusName === undefined ? undefined : inboundStatusOf(statusName);
  if (statusName !== undefined && status === undefined) {
    throw unprocessable(
      ERROR_CODES.invalidRequest,
      `Unknown status '${statusName}'; use blocked, processed, queued, failed or scheduled.`,
    );
  }
  const inRange = inDateRange(query);
  return (message, receivedAt) => {
    const recipients = [...message.ToFull, ...message.CcFull, ...message.BccFull]
      .map((contact) => contact.Email)
      .concat(message.OriginalRecipient)
      .map((email) => email.toLowerCase());
    return (
      (!recipient || recipients.some((email) => email.includes(recipient))) &&
      (!fromEmail || message.FromFull.Email.toLowerCase().includes(fromEmail)) &&
      (!subject || message.Subject.toLowerCase().includes(subject)) &&
      (!tag || message.Tag === tag) &&
      (!hash || message.MailboxHash === hash) &&
      (status === undefined || message.Status === status) &&
      inRange(receivedAt)
    );
  };
}

function act(action: keyof typeof ACTIONS): (request: RouteRequest) => Reply {
  const { from, code, done } = ACTIONS[action];
  return (request) => {
    const message = findInbound(request);
    if (message.Status !== from) {
      throw unprocessable(
        code,
        `Could not ${action} message '${message.MessageID}': it is ${message.Status}, not ${from}.`,
      );
    }
    const { context } = request;
    announceInbound(context, context.inbound.setStatus(message.MessageID, 'Processed'));
    return ok({ ErrorCode: ERROR_CODES.ok, Message: `${done}: ${message.MessageID}` });
  };
}

function findInbound({ params, context }: RouteRequest): SandboxInboundMessage {
  const id = params.id ?? '';
  const message = context.inbound.find(id);
  if (message === undefined)
    throw unprocessable(ERROR_CODES.messageNotFound, ENTITY_WORDING.messageNotFound(id));
  return message;
}
