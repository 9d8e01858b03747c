import { randomUUID } from 'node:crypto';
import type { DeliveryType } from '../postmark/account.js';
import type { Limits } from '../postmark/limits.js';
import type { AccountStore } from './account-store.js';
import { BulkStore } from './bulk-store.js';
import type { SandboxContext } from './context.js';
import { InboundRuleStore } from './inbound-rules.js';
import { InboundStore } from './inbound-store.js';
import { ServerSettingsStore } from './server-settings.js';
import { Store } from './store.js';
import { StreamStore } from './streams.js';
import { SuppressionStore } from './suppressions.js';
import { TemplateStore } from './templates.js';
import { type DeliveryOptions, WebhookDeliveries } from './webhook-deliveries.js';
import { WebhookStore } from './webhooks.js';

/** What every server of one sandbox shares: its rules, its clock, its data folder. */
export interface SharedState {
  readonly limits: Limits;
  readonly senderSignatures: readonly string[] | undefined;
  readonly eventDelayMs: number;
  readonly dataDir: string | undefined;
  readonly now: () => number;
  /** How each server posts its events to webhooks: the retry schedule, the allowed hosts. */
  readonly webhookPosts: Omit<DeliveryOptions, 'now'>;
}

/** Who a new server is, and what it starts with besides Postmark's defaults. */
export interface ServerSeed {
  readonly id: number;
  readonly token: string;
  readonly name: string;
  readonly deliveryType: DeliveryType;
  /** The templates it starts with (the sandbox's `templates` option); none otherwise. */
  readonly templates?: TemplateStore;
  /** Transactional streams besides `outbound`, `inbound` and `broadcast`. */
  readonly extraStreams?: readonly string[];
}

/**
 * The whole state of one server: its mail (messages, bounces, opens, clicks, inbound), its
 * configuration (settings, templates, streams, suppressions, webhooks, inbound rules), and
 * the account it belongs to. The sandbox's first server and each one POST /servers creates
 * are built here, alike.
 */
export function serverState(
  shared: SharedState,
  account: AccountStore<SandboxContext>,
  seed: ServerSeed,
): SandboxContext {
  const store = new Store();
  return {
    ...shared,
    serverId: seed.id,
    account,
    store,
    templates: seed.templates ?? new TemplateStore(seed.id),
    settings: new ServerSettingsStore(seed.token, seed),
    streams: StreamStore.start(seed.extraStreams ?? [], shared.now()),
    suppressions: new SuppressionStore(store),
    ...configuration(),
    webhookDeliveries: new WebhookDeliveries({ ...shared.webhookPosts, now: shared.now }),
    testMode: false,
  };
}

/**
 * What the test token sees of a server: a fresh store with no suppressions, a copy of the
 * streams, no webhooks, inbound rules, inbound mail or bulk requests, and no data folder. It validates
 * against what exists, and keeps nothing of what it sends or changes.
 */
export function testState(context: SandboxContext): SandboxContext {
  const scratch = new Store();
  return {
    ...context,
    ...configuration(),
    store: scratch,
    streams: context.streams.copy(),
    suppressions: new SuppressionStore(scratch),
    // The test token fires no webhook.
    webhookDeliveries: WebhookDeliveries.disabled(),
    dataDir: undefined,
    testMode: true,
  };
}

/** A fresh server token, as Postmark makes them (a UUID). */
export function newServerToken(): string {
  return randomUUID();
}

function configuration() {
  return {
    bulks: new BulkStore(),
    webhooks: new WebhookStore(),
    inboundRules: new InboundRuleStore(),
    inbound: new InboundStore(),
  };
}
