import type { Limits } from '../postmark/limits.js';
import type { AccountStore } from './account-store.js';
import type { BulkStore } from './bulk-store.js';
import type { InboundRuleStore } from './inbound-rules.js';
import type { InboundStore } from './inbound-store.js';
import type { ServerSettingsStore } from './server-settings.js';
import type { Store } from './store.js';
import type { StreamStore } from './streams.js';
import type { SuppressionStore } from './suppressions.js';
import type { TemplateStore } from './templates.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';
import type { WebhookStore } from './webhooks.js';

/**
 * What a route may read and change: the state of one server of one sandbox (the server the
 * request's token reaches), and the account it belongs to; never anything global.
 */
export interface SandboxContext {
  /** The server's `ID` (1 for the server the sandbox starts with). */
  readonly serverId: number;
  /** The account: its servers (this one among them), domains, sender signatures, data removals. */
  readonly account: AccountStore<SandboxContext>;
  readonly store: Store;
  /** The bulk requests it took (POST /email/bulk); their copies are in `store`. */
  readonly bulks: BulkStore;
  readonly templates: TemplateStore;
  /** Where the server's events are posted (the Webhooks API). */
  readonly webhooks: WebhookStore;
  /** The posts of events to webhooks and hook URLs, and the log of every attempt. */
  readonly webhookDeliveries: WebhookDeliveries;
  readonly inboundRules: InboundRuleStore;
  /** Inbound mail received (POST /sandbox/inbound, `sandbox.receiveInbound()`). */
  readonly inbound: InboundStore;
  readonly limits: Limits;
  /** The server's settings (GET/PUT /server): its default tracking, its hook URLs. */
  readonly settings: ServerSettingsStore;
  /** The server's message streams: the defaults, the `messageStreams` option, those created. */
  readonly streams: StreamStore;
  /** Each stream's suppressed addresses: manual ones, and the store's inactive bounces. */
  readonly suppressions: SuppressionStore;
  /** Confirmed sender addresses or domains; undefined accepts any From. */
  readonly senderSignatures: readonly string[] | undefined;
  /** How long after acceptance delivery events and bounces appear. */
  readonly eventDelayMs: number;
  /** Folder that receives one JSON file per accepted message, if any. */
  readonly dataDir: string | undefined;
  /**
   * True for the `POSTMARK_API_TEST` token. Its requests get a throwaway store, empty
   * suppressions, a throwaway copy of the streams and no dataDir, so sends and stream or
   * suppression changes keep nothing; templates are shared, so POST /templates checks the
   * flag itself.
   */
  readonly testMode: boolean;
  readonly now: () => number;
}
