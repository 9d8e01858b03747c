import type { Route } from '../router.js';
import { bounceRoutes } from './bounces.js';
import { emailRoutes } from './email.js';
import { inboundRoutes } from './inbound.js';
import { inboundRuleRoutes } from './inbound-rules.js';
import { messageRoutes } from './messages.js';
import { templateRoutes } from './templates.js';
import { webhookRoutes } from './webhooks.js';

/** Every endpoint the sandbox answers, in matching order. */
export const ROUTES: readonly Route[] = [
  ...emailRoutes,
  ...bounceRoutes,
  ...messageRoutes,
  ...templateRoutes,
  ...webhookRoutes,
  ...inboundRuleRoutes,
  ...inboundRoutes,
];
