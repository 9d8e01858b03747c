/**
 * `postmark-fluent/webhooks`: receive Postmark's webhooks on any runtime — parse and check
 * each event, and a `(Request) => Promise<Response>` handler with basic auth, a size cap and
 * the status codes Postmark's retries expect. No Node built-ins: Workers, Bun, Deno and Node.
 *
 * @example
 * import { webhookHandler } from 'postmark-fluent/webhooks';
 * export default { fetch: webhookHandler({ auth: { username: 'postmark', password: env.SECRET }, on: { bounce: (e) => disable(e.email) } }) };
 */

export {
  isWebhookPayloadError,
  WebhookPayloadError,
  type WebhookPayloadIssue,
} from '../errors/webhook-payload-error.js';
export type { InboundAttachment, InboundContact } from '../schemas/inbound-mail.js';
export type { GeoLocation, UserAgentPart } from '../schemas/tracking.js';
export type {
  WebhookBounceEvent,
  WebhookClickEvent,
  WebhookDeliveryEvent,
  WebhookEvent,
  WebhookInboundAttachment,
  WebhookInboundEvent,
  WebhookMetadata,
  WebhookOpenEvent,
  WebhookSpamComplaintEvent,
  WebhookSubscriptionChangeEvent,
  WebhookUnknownEvent,
} from './events.js';
export {
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  type WebhookAuth,
  type WebhookHandlerOptions,
  type WebhookListeners,
  webhookHandler,
} from './handler.js';
export { type NodeRequestLike, type NodeResponseLike, toNodeHandler } from './node.js';
export { parseWebhook } from './parse.js';
