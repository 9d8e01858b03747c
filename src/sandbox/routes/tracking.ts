import { failure, ok, type Reply } from '../http.js';
import { page, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';
import { type TrackedRecord, trackedWire } from '../store.js';
import { simulateClick, simulateOpen } from '../tracking.js';

/**
 * Opens and clicks: Postmark's searches, and the sandbox's own endpoints that make one
 * happen (`/sandbox/...`, which Postmark does not have).
 */
export const trackingRoutes: readonly Route[] = [
  { method: 'GET', path: '/messages/outbound/opens', body: 'none', handle: search('Open') },
  { method: 'GET', path: '/messages/outbound/opens/:id', body: 'none', handle: ofMessage('Open') },
  { method: 'GET', path: '/messages/outbound/clicks', body: 'none', handle: search('Click') },
  {
    method: 'GET',
    path: '/messages/outbound/clicks/:id',
    body: 'none',
    handle: ofMessage('Click'),
  },
  {
    method: 'POST',
    path: '/sandbox/messages/:id/opens',
    body: 'json',
    handle: ({ params, json, context }) =>
      answer(simulateOpen(context, params.id ?? '', json ?? {})),
  },
  {
    method: 'POST',
    path: '/sandbox/messages/:id/clicks',
    body: 'json',
    handle: ({ params, json, context }) => answer(simulateClick(context, params.id ?? '', json)),
  },
];

function answer(result: ReturnType<typeof simulateOpen>): Reply {
  return 'errorCode' in result ? failure(result) : ok(trackedWire(result));
}

const LIST = { Open: 'Opens', Click: 'Clicks' } as const;

// Filters Postmark documents for both searches, by the field of the record they look at.
const AGENT_FILTERS = [
  ['client_name', 'Client', 'Name'],
  ['client_company', 'Client', 'Company'],
  ['client_family', 'Client', 'Family'],
  ['os_name', 'OS', 'Name'],
  ['os_family', 'OS', 'Family'],
  ['os_company', 'OS', 'Company'],
  ['country', 'Geo', 'Country'],
  ['region', 'Geo', 'Region'],
  ['city', 'Geo', 'City'],
] as const;

// What narrows a search past Postmark's window: it takes no date filter.
const SEARCH_FILTERS = Object.freeze([
  'recipient',
  'tag',
  'messagestream',
  'platform',
  ...AGENT_FILTERS.map(([name]) => name),
]);

function search(kind: 'Open' | 'Click') {
  return ({ query, context }: RouteRequest): Reply => {
    const paging = readPaging(query, SEARCH_FILTERS);
    const same = (name: string, value: unknown) => {
      const wanted = query.get(name);
      return !wanted || String(value ?? '').toLowerCase() === wanted.toLowerCase();
    };
    const recipient = query.get('recipient')?.toLowerCase();
    const matches = context.store.tracking.list(kind, context.now()).filter((record) => {
      const { input, stored } = record;
      return (
        (!recipient || record.event.recipient.toLowerCase().includes(recipient)) &&
        (!query.get('tag') || stored.message.Tag === query.get('tag')) &&
        (!query.get('messagestream') ||
          stored.message.MessageStream === query.get('messagestream')) &&
        same('platform', input.Platform ?? 'Unknown') &&
        AGENT_FILTERS.every(([name, part, key]) =>
          same(name, (input[part] as Record<string, string> | undefined)?.[key]),
        )
      );
    });
    return list(kind, matches, paging);
  };
}

function ofMessage(kind: 'Open' | 'Click') {
  return ({ params, query, context }: RouteRequest): Reply => {
    const paging = readPaging(query);
    const matches = context.store.tracking
      .list(kind, context.now())
      .filter((record) => record.stored.message.MessageID === params.id);
    return list(kind, matches, paging);
  };
}

function list(
  kind: 'Open' | 'Click',
  matches: readonly TrackedRecord[],
  paging: ReturnType<typeof readPaging>,
): Reply {
  return ok({ TotalCount: matches.length, [LIST[kind]]: page(matches, paging).map(trackedWire) });
}
