import type { Route } from '../router.js';
import { bounceRoutes } from './bounces.js';
import { emailRoutes } from './email.js';
import { inboundRoutes } from './inbound.js';
import { inboundRuleRoutes } from './inbound-rules.js';
import { messageRoutes } from './messages.js';
import { serverRoutes } from './server.js';
import { statsRoutes } from './stats.js';
import { streamRoutes } from './streams.js';
import { suppressionRoutes } from './suppressions.js';
import { templateRoutes } from './templates.js';
import { trackingRoutes } from './tracking.js';
import { webhookDeliveryRoutes } from './webhook-deliveries.js';
import { webhookRoutes } from './webhooks.js';

/** Every endpoint the sandbox answers, in matching order. */
export const ROUTES: readonly Route[] = [
  ...emailRoutes,
  ...bounceRoutes,
  // Before the message routes: `/messages/outbound/opens/:id` is not a message id.
  ...trackingRoutes,
  ...messageRoutes,
  ...templateRoutes,
  ...statsRoutes,
  ...serverRoutes,
  ...streamRoutes,
  ...suppressionRoutes,
  ...webhookRoutes,
  ...webhookDeliveryRoutes,
  ...inboundRuleRoutes,
  ...inboundRoutes,
];
