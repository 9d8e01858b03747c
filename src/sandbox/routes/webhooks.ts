import { ENTITY_WORDING, ERROR_CODES } from '../../postmark/error-codes.js';
import { ok, type Reply, unprocessable } from '../http.js';
import type { Route, RouteRequest } from '../router.js';

/** The Webhooks API: the webhooks of the server's Transactional and Broadcasts streams. */
export const webhookRoutes: readonly Route[] = [
  { method: 'GET', path: '/webhooks', body: 'none', handle: listWebhooks },
  {
    method: 'POST',
    path: '/webhooks',
    body: 'json',
    handle: ({ json, context }) =>
      ok(context.webhooks.create(json, (id) => context.streams.get(id) !== undefined)),
  },
  {
    method: 'GET',
    path: '/webhooks/:id',
    body: 'none',
    handle: (request) => ok(request.context.webhooks.get(webhookId(request))),
  },
  {
    method: 'PUT',
    path: '/webhooks/:id',
    body: 'json',
    handle: (request) => {
      const { json, context } = request;
      return ok(
        context.webhooks.edit(
          webhookId(request),
          json,
          (id) => context.streams.get(id) !== undefined,
        ),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/webhooks/:id',
    body: 'none',
    handle: (request) => {
      const removed = request.context.webhooks.remove(webhookId(request));
      return ok({ ErrorCode: ERROR_CODES.ok, Message: `Webhook ${removed.ID} removed.` });
    },
  },
];

// Postmark: "If a non existing stream is provided, an error is thrown instead of an empty
// webhooks array."
function listWebhooks({ query, context }: RouteRequest): Reply {
  const stream = query.get('messagestream') || undefined;
  if (stream !== undefined && context.streams.get(stream) === undefined)
    throw unprocessable(ERROR_CODES.streamNotFound, ENTITY_WORDING.streamNotFound(stream));
  return ok({ Webhooks: context.webhooks.list(stream) });
}

function webhookId({ params }: RouteRequest): number {
  const raw = params.id ?? '';
  if (!/^\d+$/.test(raw))
    throw unprocessable(ERROR_CODES.webhookNotFound, ENTITY_WORDING.webhookNotFound(raw));
  return Number(raw);
}
