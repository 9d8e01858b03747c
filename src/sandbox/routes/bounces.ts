import { BOUNCE_TYPES, bounceType } from '../../postmark/bounce-types.js';
import { ok, type Reply, unprocessable } from '../http.js';
import { BY_DATE, inDateRange, page, readBoolean, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';
import { bounceRecord, type StoredBounce } from '../store.js';
import { announceSubscriptionChange } from '../webhook-events.js';

/** Bounce API: delivery stats, search, one bounce, its dump, tags and activation. */
export const bounceRoutes: readonly Route[] = [
  { method: 'GET', path: '/deliverystats', body: 'none', handle: deliveryStats },
  { method: 'GET', path: '/bounces', body: 'none', handle: searchBounces },
  // Before '/bounces/:id', which would otherwise take 'tags' for an id.
  { method: 'GET', path: '/bounces/tags', body: 'none', handle: bounceTags },
  {
    method: 'GET',
    path: '/bounces/:id',
    body: 'none',
    handle: (request) => ok(bounceRecord(findBounce(request), request.context.serverId)),
  },
  {
    method: 'GET',
    path: '/bounces/:id/dump',
    body: 'none',
    handle: (request) => ok({ Body: findBounce(request).dump }),
  },
  { method: 'PUT', path: '/bounces/:id/activate', body: 'none', handle: activate },
];

function deliveryStats({ context }: RouteRequest): Reply {
  const bounces = context.store.bounces(context.now());
  const inactive = new Set(
    bounces
      .filter((bounce) => bounce.inactive)
      .map((bounce) => `${bounce.stream} ${bounce.email.toLowerCase()}`),
  );
  const byType = BOUNCE_TYPES.map((type) => ({
    Type: type.type,
    Name: type.name,
    Count: bounces.filter((bounce) => bounce.type === type).length,
  })).filter((entry) => entry.Count > 0);
  return ok({
    InactiveMails: inactive.size,
    Bounces: [{ Name: 'All', Count: bounces.length }, ...byType],
  });
}

function searchBounces({ query, context }: RouteRequest): Reply {
  const paging = readPaging(query, BY_DATE);
  const keep = bounceFilter(query);
  // Newest first, as Postmark sorts by BouncedAt descending.
  const matches = context.store
    .bounces(context.now())
    .filter(keep)
    .sort((a, b) => b.at - a.at || b.id - a.id);
  return ok({
    TotalCount: matches.length,
    Bounces: page(matches, paging).map((bounce) => bounceRecord(bounce, context.serverId)),
  });
}

function bounceFilter(query: URLSearchParams): (bounce: StoredBounce) => boolean {
  const typeName = query.get('type');
  const type = typeName ? bounceType(typeName) : undefined;
  if (typeName && type === undefined)
    throw unprocessable(300, `Unknown bounce type '${typeName}'.`);
  const inactive = readBoolean(query, 'inactive');
  const email = query.get('emailfilter')?.toLowerCase();
  const tag = query.get('tag');
  const messageId = query.get('messageid');
  const stream = query.get('messagestream');
  const inRange = inDateRange(query);
  return (bounce) =>
    (type === undefined || bounce.type === type) &&
    (inactive === undefined || bounce.inactive === inactive) &&
    (!email || bounce.email.toLowerCase().includes(email)) &&
    (!tag || bounce.tag === tag) &&
    (!messageId || bounce.messageId === messageId) &&
    (!stream || bounce.stream === stream) &&
    inRange(bounce.at);
}

function bounceTags({ context }: RouteRequest): Reply {
  const tags = new Set(context.store.bounces(context.now()).map((bounce) => bounce.tag));
  tags.delete('');
  return ok([...tags].sort());
}

function activate(request: RouteRequest): Reply {
  const bounce = findBounce(request);
  if (!bounce.canActivate) {
    throw unprocessable(1003, `Bounce ${bounce.id} (${bounce.type.type}) cannot be activated.`);
  }
  const { context } = request;
  const wasInactive = bounce.inactive;
  context.store.activate(bounce, context.now());
  if (wasInactive) {
    announceSubscriptionChange(context, {
      stream: bounce.stream,
      email: bounce.email,
      suppressed: false,
      reason: 'HardBounce',
      origin: 'Customer',
    });
  }
  return ok({ Message: 'OK', Bounce: bounceRecord(bounce, context.serverId) });
}

// Postmark names no code for an unknown bounce; 1000, the first of its bounce codes, is used,
// with 422 as for an unknown message (701).
function findBounce({ params, context }: RouteRequest): StoredBounce {
  const raw = params.id ?? '';
  const bounce = /^\d+$/.test(raw) ? context.store.bounce(Number(raw), context.now()) : undefined;
  if (bounce === undefined) throw unprocessable(1000, `Bounce '${raw}' was not found.`);
  return bounce;
}
