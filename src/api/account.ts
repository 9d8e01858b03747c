import {
  type AccountOptions,
  type AccountSettings,
  resolveAccountOptions,
} from '../options/account.js';
import { connect } from '../options/connection.js';
import { accountOptionsFromEnv, type Env, processEnv } from '../options/env.js';
import { ACCOUNT_TOKEN_HEADER } from '../postmark/tokens.js';
import type { RetryPolicy } from '../transport/retry.js';
import { Printed } from '../utils/printed.js';
import { createDataRemovalsApi, type DataRemovalsApi } from './account/data-removals.js';
import { createDomainsApi, type DomainsApi } from './account/domains.js';
import { createSendersApi, type SendersApi } from './account/senders.js';
import { createServersApi, type ServersApi } from './account/servers.js';
import { type AccountTemplatesApi, createAccountTemplatesApi } from './account/templates-push.js';

/**
 * Everything an account token reaches: the account's servers, sending domains, sender
 * signatures, template pushes between servers and data removal requests. Every call sends
 * the token in `X-Postmark-Account-Token`; a server token is refused by Postmark (an
 * `InvalidTokenError` that says an account token is needed). Immutable, and as private about
 * its token as a Sender or a Server.
 *
 * @example
 * const account = new Account({ accountToken: process.env.POSTMARK_ACCOUNT_TOKEN! });
 * const { servers } = await account.servers.list();
 */
export class Account extends Printed {
  readonly #settings: AccountSettings;
  /**
   * The account's servers: `list()`, `all()`, `get()`, `create()`, `edit()`, `delete()`.
   * @example const staging = await account.servers.create({ name: 'Staging' });
   */
  readonly servers: ServersApi;
  /**
   * Sending domains: `list()`, `all()`, `get()`, `create()`, `edit()`, `delete()`,
   * `verifyDkim()`, `verifyReturnPath()`, `verifySpf()`, `rotateDkim()`.
   * @example const domain = await account.domains.create({ name: 'example.com' });
   */
  readonly domains: DomainsApi;
  /**
   * Sender signatures: `list()`, `all()`, `get()`, `create()`, `edit()`, `delete()`,
   * `resendConfirmation()`, `verifySpf()`, `requestNewDkim()`.
   * @example await account.senders.create({ fromEmail: 'news@example.com', name: 'News' });
   */
  readonly senders: SendersApi;
  /**
   * Templates across servers: `push()`.
   * @example await account.templates.push({ sourceServerId: 1, destinationServerId: 2, performChanges: true });
   */
  readonly templates: AccountTemplatesApi;
  /**
   * Data removal requests: `request()`, `status()`.
   * @example await account.dataRemovals.request({ requestedBy: 'privacy@example.com', requestedFor: 'ada@example.com', notifyWhenCompleted: true });
   */
  readonly dataRemovals: DataRemovalsApi;

  constructor(options: AccountOptions) {
    super();
    this.#settings = resolveAccountOptions(options);
    const client = connect(this.#settings, this.#settings.token, ACCOUNT_TOKEN_HEADER);
    this.servers = createServersApi(client);
    this.domains = createDomainsApi(client);
    this.senders = createSendersApi(client);
    this.templates = createAccountTemplatesApi(client);
    this.dataRemovals = createDataRemovalsApi(client);
    Object.freeze(this);
  }

  /**
   * An Account configured from the environment: `POSTMARK_ACCOUNT_TOKEN`, and
   * `POSTMARK_BASE_URL` and `POSTMARK_TEST_MODE` as for a Sender; options given here win.
   * @example const account = Account.fromEnv();
   */
  static fromEnv(options: Partial<AccountOptions> & { readonly env?: Env } = {}): Account {
    const { env = processEnv(), ...overrides } = Object.assign(Object.create(null), options);
    return new Account({ ...accountOptionsFromEnv(env), ...overrides } as AccountOptions);
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

  toJSON(): Record<string, unknown> {
    const { baseUrl, timeout, retry } = this.#settings;
    return { accountToken: '[redacted]', baseUrl, timeout, retry };
  }

  override toString(): string {
    return `Account(${this.#settings.baseUrl})`;
  }

  protected get printedName(): string {
    return 'Account';
  }
}
