import type { Route } from '../router.js';
import { bounceRoutes } from './bounces.js';
import { emailRoutes } from './email.js';
import { messageRoutes } from './messages.js';
import { streamRoutes } from './streams.js';
import { suppressionRoutes } from './suppressions.js';
import { templateRoutes } from './templates.js';

/** Every endpoint the sandbox answers, in matching order. */
export const ROUTES: readonly Route[] = [
  ...emailRoutes,
  ...bounceRoutes,
  ...messageRoutes,
  ...templateRoutes,
  ...streamRoutes,
  ...suppressionRoutes,
];
