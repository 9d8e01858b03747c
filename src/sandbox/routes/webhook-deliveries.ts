import { ok } from '../http.js';
import type { Route } from '../router.js';

/**
 * `GET /sandbox/webhook-deliveries[?messageid=...]`, which is not Postmark's: every webhook
 * post the sandbox attempted, as `sandbox.webhookDeliveries()` lists them (camelCase, since
 * the shape is the sandbox's own).
 */
export const webhookDeliveryRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/sandbox/webhook-deliveries',
    body: 'none',
    handle: ({ query, context }) =>
      ok({ deliveries: context.webhookDeliveries.deliveries(query.get('messageid') || undefined) }),
  },
];
