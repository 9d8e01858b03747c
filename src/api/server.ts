import { callOptions } from '../options/call.js';
import { connect } from '../options/connection.js';
import { type Env, optionsFromEnv, processEnv } from '../options/env.js';
import {
  connectionOf,
  resolveServerOptions,
  SERVER_KEYS,
  type ServerOptions,
  type ServerSettings,
} from '../options/server.js';
import type { Sender } from '../send/sender.js';
import { type Client, type RequestOptions, SERVER_TOKEN_HEADER } from '../transport/client.js';
import type { RetryPolicy } from '../transport/retry.js';
import { Printed } from '../utils/printed.js';
import type { DeliveryStats } from './bounce-results.js';
import { type BouncesApi, createBouncesApi } from './bounces.js';
import { deliveryStats } from './delivery-stats.js';
import { createInboundApi, type InboundApi } from './inbound.js';
import { createInboundRulesApi, type InboundRulesApi } from './inbound-rules.js';
import { createMessagesApi, type MessagesApi } from './messages.js';
import {
  createServerSettingsApi,
  type ServerInfo,
  type ServerSettingsChanges,
} from './server-info.js';
import { createStatsApi, type StatsApi } from './stats.js';
import { createStreamsApi, type StreamsApi } from './streams.js';
import { createSuppressionsApi, type SuppressionsApi } from './suppressions.js';
import { createTemplatesApi, type TemplatesApi } from './templates.js';
import { type ClicksApi, createClicksApi, createOpensApi, type OpensApi } from './tracking.js';
import { createWebhooksApi, type WebhooksApi } from './webhooks.js';

/**
 * Everything a server token reaches, beside sending: bounces, message status, templates,
 * message streams, suppressions, webhooks, statistics, inbound mail and rules, and the
 * server's own settings. Immutable, and as private about its token as a Sender.
 *
 * @example
 * const server = new Server({ serverToken: process.env.POSTMARK_SERVER_TOKEN! });
 * const { bounces } = await server.bounces.list({ type: 'HardBounce' });
 */
export class Server extends Printed {
  readonly #settings: ServerSettings;
  readonly #client: Client;
  /**
   * The server's bounces: `list()`, `all()`, `get()`, `dump()`, `activate()`, `tags()`.
   * @example const { bounces } = await server.bounces.list({ type: 'HardBounce' });
   */
  readonly bounces: BouncesApi;
  /**
   * The server's sent messages: `search()`, `all()`, `details()`, `dump()`, `waitFor()`.
   * @example await server.messages.waitFor((await mailer.send(message)).messageId);
   */
  readonly messages: MessagesApi;
  /**
   * Templates: `list()`, `all()`, `get()`, `create()`, `edit()`, `delete()`, `validate()`.
   * @example await server.templates.create({ name: 'Welcome', alias: 'welcome', subject: 'Hi {{name}}', textBody: 'Hello' });
   */
  readonly templates: TemplatesApi;
  /**
   * Opens of messages sent with open tracking: `search()`, `all()`, `forMessage()`.
   * @example const { opens } = await server.opens.forMessage(messageId);
   */
  readonly opens: OpensApi;
  /**
   * Clicks on tracked links: `search()`, `all()`, `forMessage()`.
   * @example const { clicks } = await server.clicks.search({ tag: 'welcome' });
   */
  readonly clicks: ClicksApi;
  /**
   * Outbound statistics: `overview()` and twelve breakdowns by day.
   * @example const { sent, bounceRate } = await server.stats.overview({ fromDate: '2024-05-01' });
   */
  readonly stats: StatsApi;
  /**
   * Message streams: `list()`, `get()`, `create()`, `edit()`, `archive()`, `unarchive()`.
   * @example await server.streams.create({ id: 'receipts', name: 'Receipts', messageStreamType: 'Transactional' });
   */
  readonly streams: StreamsApi;
  /**
   * Each stream's suppressed addresses: `list()`, `add()`, `remove()` (50 a request, split).
   * @example await server.suppressions.add('outbound', ['ada@example.com']);
   */
  readonly suppressions: SuppressionsApi;
  /**
   * Where Postmark posts a stream's events: `list()`, `get()`, `create()`, `edit()`, `delete()`.
   * @example await server.webhooks.create({ url: 'https://example.com/hooks', triggers: { bounce: { enabled: true } } });
   */
  readonly webhooks: WebhooksApi;
  /**
   * Rules that block inbound mail from an address or a domain: `list()`, `all()`, `create()`, `delete()`.
   * @example await server.inboundRules.create({ rule: 'spammer@example.com' });
   */
  readonly inboundRules: InboundRulesApi;
  /**
   * The mail the server received: `search()`, `all()`, `details()`, `bypass()`, `retry()`.
   * @example const { inboundMessages } = await server.inbound.search({ status: 'blocked' });
   */
  readonly inbound: InboundApi;

  constructor(options: ServerOptions) {
    super();
    this.#settings = resolveServerOptions(options);
    this.#client = connect(this.#settings, this.#settings.token, SERVER_TOKEN_HEADER);
    this.bounces = createBouncesApi(this.#client);
    this.messages = createMessagesApi(this.#client);
    this.templates = createTemplatesApi(this.#client);
    this.opens = createOpensApi(this.#client);
    this.clicks = createClicksApi(this.#client);
    this.stats = createStatsApi(this.#client);
    this.streams = createStreamsApi(this.#client);
    this.suppressions = createSuppressionsApi(this.#client);
    this.webhooks = createWebhooksApi(this.#client);
    this.inboundRules = createInboundRulesApi(this.#client);
    this.inbound = createInboundApi(this.#client);
    Object.freeze(this);
  }

  /**
   * A Server configured from the environment variables a Sender reads (the token, the base
   * URL); options given here win over them.
   * @example const server = Server.fromEnv(); // POSTMARK_SERVER_TOKEN, POSTMARK_BASE_URL
   */
  static fromEnv(options: Partial<ServerOptions> & { readonly env?: Env } = {}): Server {
    const { env = processEnv(), ...overrides } = Object.assign(Object.create(null), options);
    const fromEnv = optionsFromEnv(env) as Record<string, unknown>;
    const connection: Record<string, unknown> = {};
    for (const key of SERVER_KEYS) if (fromEnv[key] !== undefined) connection[key] = fromEnv[key];
    return new Server({ ...connection, ...overrides } as ServerOptions);
  }

  /**
   * A Server over the same server as `sender`: its token (which stays private: no getter
   * gives it out) and its connection settings.
   * @example const server = Server.of(mailer);
   */
  static of(sender: Sender): Server {
    const settings = connectionOf(sender);
    if (settings === undefined) throw new TypeError('Server.of() takes a Sender');
    const { token, baseUrl, allowInsecure, timeout, retry, hooks, fetch, transport } = settings;
    return new Server({
      serverToken: token,
      baseUrl,
      allowInsecure,
      timeout,
      retry,
      hooks,
      fetch,
      transport,
    });
  }

  get baseUrl(): string {
    return this.#settings.baseUrl;
  }

  /** The time limit of each request, in milliseconds. */
  get timeout(): number {
    return this.#settings.timeout;
  }

  get retry(): RetryPolicy {
    return this.#settings.retry;
  }

  /**
   * Bounce counts by type and the number of inactive addresses (GET /deliverystats).
   * @example const { inactiveMails } = await server.deliveryStats();
   */
  async deliveryStats(options?: RequestOptions): Promise<DeliveryStats> {
    return deliveryStats(this.#client, options);
  }

  /**
   * The server's settings (GET /server).
   * @example const { name, inboundAddress } = await server.info();
   */
  async info(options?: RequestOptions): Promise<ServerInfo> {
    return createServerSettingsApi(this.#client).info(callOptions('server.info()', options));
  }

  /**
   * Changes the server's settings (PUT /server) and resolves to them as they are now.
   * @example await server.edit({ trackOpens: true, bounceHookUrl: 'https://example.com/hooks/bounce' });
   */
  async edit(changes: ServerSettingsChanges, options?: RequestOptions): Promise<ServerInfo> {
    return createServerSettingsApi(this.#client).edit(
      changes,
      callOptions('server.edit()', options),
    );
  }

  toJSON(): Record<string, unknown> {
    const { baseUrl, timeout, retry } = this.#settings;
    return { serverToken: '[redacted]', baseUrl, timeout, retry };
  }

  override toString(): string {
    return `Server(${this.#settings.baseUrl})`;
  }

  protected get printedName(): string {
    return 'Server';
  }
}
