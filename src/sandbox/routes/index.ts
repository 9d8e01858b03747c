import type { Route } from '../router.js';
import { accountTemplateRoutes } from './account-templates.js';
import { bounceRoutes } from './bounces.js';
import { bulkRoutes } from './bulk.js';
import { dataRemovalRoutes } from './data-removals.js';
import { domainRoutes } from './domains.js';
import { emailRoutes } from './email.js';
import { inboundRoutes } from './inbound.js';
import { inboundRuleRoutes } from './inbound-rules.js';
import { messageRoutes } from './messages.js';
import { senderRoutes } from './senders.js';
import { serverRoutes } from './server.js';
import { serverAccountRoutes } from './servers.js';
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
  ...bulkRoutes,
  ...bounceRoutes,
  // Before the message routes: `/messages/outbound/opens/:id` is not a message id.
  ...trackingRoutes,
  ...messageRoutes,
  // Before the template routes: `/templates/push` is not a template alias.
  ...accountTemplateRoutes,
  ...templateRoutes,
  ...statsRoutes,
  ...serverRoutes,
  ...streamRoutes,
  ...suppressionRoutes,
  ...webhookRoutes,
  ...webhookDeliveryRoutes,
  ...inboundRuleRoutes,
  ...inboundRoutes,
  // The account's endpoints (X-Postmark-Account-Token).
  ...serverAccountRoutes,
  ...domainRoutes,
  ...senderRoutes,
  ...dataRemovalRoutes,
];
