import { ERROR_CODES } from '../../postmark/error-codes.js';
import {
  MAX_SUPPRESSIONS_PER_REQUEST,
  SUPPRESSION_ORIGINS,
  SUPPRESSION_REASONS,
} from '../../postmark/streams.js';
import { isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import { inDateRange, readChoice } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';
import type { SuppressionStatus } from '../suppressions.js';
import { announceSubscriptionChange } from '../webhook-events.js';
import { findStream } from './streams.js';

/** The Suppressions API of each stream: the dump, suppress, delete. */
export const suppressionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/message-streams/:stream/suppressions/dump',
    body: 'none',
    handle: dump,
  },
  {
    method: 'POST',
    path: '/message-streams/:stream/suppressions',
    body: 'json',
    handle: (request) => change(request, 'add'),
  },
  {
    method: 'POST',
    path: '/message-streams/:stream/suppressions/delete',
    body: 'json',
    handle: (request) => change(request, 'remove'),
  },
];

function dump(request: RouteRequest): Reply {
  const { query, context } = request;
  const stream = findStream(request);
  const reason = readChoice(query, 'suppressionreason', SUPPRESSION_REASONS);
  const origin = readChoice(query, 'origin', SUPPRESSION_ORIGINS);
  const email = query.get('emailaddress')?.trim().toLowerCase();
  const inRange = inDateRange(query);
  const suppressions = context.suppressions
    .list(stream.id, context.now())
    .filter(
      (entry) =>
        (reason === undefined || entry.SuppressionReason === reason) &&
        (origin === undefined || entry.Origin === origin) &&
        (!email || entry.EmailAddress.toLowerCase() === email) &&
        inRange(Date.parse(entry.CreatedAt)),
    );
  return ok({ Suppressions: suppressions });
}

// One status per address, in order. More than Postmark takes in one call is refused whole.
function change(request: RouteRequest, kind: 'add' | 'remove'): Reply {
  const { json, context } = request;
  const stream = findStream(request);
  if (!isPlainObject(json) || !Array.isArray(json.Suppressions)) {
    throw unprocessable(
      ERROR_CODES.incompatibleJson,
      "The body must be a JSON object with a 'Suppressions' array of { EmailAddress }.",
    );
  }
  const entries: unknown[] = json.Suppressions;
  if (entries.length > MAX_SUPPRESSIONS_PER_REQUEST) {
    // Postmark names no code for this; 300 ("invalid request") is used.
    throw unprocessable(
      ERROR_CODES.invalidRequest,
      `At most ${MAX_SUPPRESSIONS_PER_REQUEST} addresses can be changed in one request; got ${entries.length}.`,
    );
  }
  const now = context.now();
  const statuses: SuppressionStatus[] = entries.map((entry) => {
    const email = isPlainObject(entry) ? entry.EmailAddress : undefined;
    const before = context.suppressions.find(stream.id, email, now);
    const status = context.suppressions[kind](stream.id, email, now);
    // A change of the list is a SubscriptionChange; suppressing again, or deleting what was not
    // suppressed, changes nothing.
    const changed = kind === 'add' ? before === undefined : before !== undefined;
    if (status.Status !== 'Failed' && changed) {
      announceSubscriptionChange(context, {
        stream: stream.id,
        email: status.EmailAddress,
        suppressed: kind === 'add',
        reason: before?.SuppressionReason ?? 'ManualSuppression',
        origin: 'Customer',
      });
    }
    return status;
  });
  return ok({ Suppressions: statuses });
}
