/**
 * `postmark-fluent/sandbox`: a local server that answers like Postmark's API, for tests and
 * development without a Postmark account or network.
 *
 * @example
 * import { startSandbox } from 'postmark-fluent/sandbox';
 * const sandbox = await startSandbox();
 * // point a Sender at sandbox.url with serverToken sandbox.token ...
 * await sandbox.close();
 */

export { BOUNCE_TYPES, type BounceType } from '../postmark/bounce-types.js';
export { MAX_PAGE_COUNT, MAX_PAGE_WINDOW } from '../postmark/paging.js';
export { BOUNCE_TESTING_DOMAIN } from './bounce-testing.js';
export type { SandboxFaults, ScriptedFault } from './faults.js';
export type { SandboxInboundRule } from './inbound-rules.js';
export type {
  SandboxInboundAttachment,
  SandboxInboundContact,
  SandboxInboundContactInput,
  SandboxInboundInput,
  SandboxInboundMessage,
} from './inbound-store.js';
export type { MailboxMode } from './mailbox/door.js';
export type { MailboxList } from './mailbox/search.js';
export type { MailboxMessage, MailboxStatus, MailboxSummary } from './mailbox/views.js';
export type { Sandbox, SandboxOptions, SandboxServer } from './options.js';
export type {
  SandboxAgent,
  SandboxAttachment,
  SandboxBounce,
  SandboxClickInput,
  SandboxMessage,
  SandboxMessageEvent,
  SandboxOpenInput,
  SandboxTrackingInput,
} from './records.js';
export type { SandboxRequestRecord } from './server.js';
export type { SandboxServerSettings } from './server-settings.js';
export { startSandbox } from './start.js';
export type { SandboxTemplate, SandboxTemplateInput } from './templates.js';
export type { SandboxWebhookDelivery } from './webhook-deliveries.js';
export type { SandboxWebhook, SandboxWebhookTrigger } from './webhooks.js';
