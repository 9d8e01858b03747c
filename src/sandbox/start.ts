import { MIN_TOKEN_LENGTH, TEST_TOKEN } from '../postmark/answers.js';
import { resolveLimits } from '../postmark/limits.js';
import { readOptions } from '../utils/read-options.js';
import { AccountStore } from './account-store.js';
import type { SandboxContext } from './context.js';
import { prepareDataDir } from './data-dir.js';
import { FaultPlan } from './faults.js';
import { ApiFailure, type Problem } from './http.js';
import { MAILBOX_PATH, type MailboxMode, mailboxDoor } from './mailbox/door.js';
import type { Sandbox, SandboxOptions, SandboxServer } from './options.js';
import { randomSeed } from './prng.js';
import { receiveInbound } from './receive-inbound.js';
import { ROUTES } from './routes/index.js';
import type { SandboxRequestRecord } from './server.js';
import { startServer } from './server.js';
import { newServerToken, type SharedState, serverState, testState } from './server-state.js';
import { bounceRecord, SANDBOX_SERVER_ID, type TrackedRecord, trackedWire } from './store.js';
import { seedTemplates, TemplateStore } from './templates.js';
import { simulateClick, simulateOpen } from './tracking.js';
import { WEBHOOK_POST_TIMEOUT_MS } from './webhook-deliveries.js';

// The JS API throws where the HTTP API answers 422.
function tracked(result: TrackedRecord | Problem): Readonly<Record<string, unknown>> {
  if ('errorCode' in result) throw new TypeError(result.message);
  return Object.freeze(trackedWire(result));
}

/**
 * Starts a local HTTP server that answers like Postmark's API: the send, bounce and message
 * endpoints, Postmark's server-side rules and ErrorCodes, bounce-testing addresses, templates
 * and injectable faults. Nothing is shared between two sandboxes.
 *
 * @example
 * import { startSandbox } from 'postmark-fluent/sandbox';
 *
 * const sandbox = await startSandbox({ eventDelayMs: 5 });
 * const response = await fetch(`${sandbox.url}/email`, {
 *   method: 'POST',
 *   headers: {
 *     Accept: 'application/json',
 *     'Content-Type': 'application/json',
 *     'X-Postmark-Server-Token': sandbox.token,
 *   },
 *   body: JSON.stringify({ From: 'app@example.com', To: 'ada@example.com', TextBody: 'Hi' }),
 * });
 * (await response.json()).ErrorCode; // 0
 * await sandbox.close();
 */
const OPTION_KEYS = [
  'port',
  'host',
  'token',
  'faults',
  'seed',
  'templates',
  'dataDir',
  'limits',
  'senderSignatures',
  'messageStreams',
  'eventDelayMs',
  'accountToken',
  'mailbox',
  'webhookRetryDelaysMs',
  'allowWebhookHosts',
] as const;

const MAILBOX_MODES: readonly MailboxMode[] = ['loopback', 'always', 'off'];

/** The sandbox's retry schedule: Postmark's rules of what is retried, on short waits. */
const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = Object.freeze([50, 100, 200]);

export async function startSandbox(given: SandboxOptions = {}): Promise<Sandbox> {
  // Own properties only, unknown names refused: a typo or a polluted prototype changes nothing.
  const options = readOptions(
    given,
    OPTION_KEYS,
    'startSandbox option',
    '{ port: 0 }',
  ) as SandboxOptions;
  const token = checkToken('token', options.token ?? 'sandbox-token');
  const accountToken = checkToken('accountToken', options.accountToken ?? DEFAULT_ACCOUNT_TOKEN);
  if (accountToken.toLowerCase() === token.toLowerCase())
    throw new TypeError("startSandbox: token and accountToken must differ, as Postmark's do.");
  const eventDelayMs = options.eventDelayMs ?? 50;
  if (!(eventDelayMs >= 0))
    throw new RangeError('startSandbox: eventDelayMs must be a number ≥ 0.');
  const extraStreams = options.messageStreams ?? [];
  if (!Array.isArray(extraStreams))
    throw new TypeError('startSandbox: messageStreams must be an array of stream ids.');
  const seed = options.seed ?? randomSeed();
  const faults = new FaultPlan(seed, options.faults);
  const templates = new TemplateStore(SANDBOX_SERVER_ID);
  if (options.templates !== undefined) await seedTemplates(templates, options.templates);
  if (options.dataDir !== undefined) await prepareDataDir(options.dataDir);

  const shared: SharedState = {
    limits: resolveLimits(options.limits),
    senderSignatures: options.senderSignatures,
    eventDelayMs,
    dataDir: options.dataDir,
    now: () => Date.now(),
    webhookPosts: {
      retryDelaysMs: readDelays(options.webhookRetryDelaysMs),
      allowHosts: readHosts(options.allowWebhookHosts),
      timeoutMs: WEBHOOK_POST_TIMEOUT_MS,
    },
  };
  const { now, limits } = shared;
  const account: AccountStore<SandboxContext> = new AccountStore(
    (self) =>
      serverState(shared, self, {
        id: SANDBOX_SERVER_ID,
        token,
        name: 'Sandbox',
        deliveryType: 'Live',
        templates,
        extraStreams,
      }),
    (id, json) => createdServer(shared, account, id, json),
  );
  const context = account.defaultServer;
  const { store, settings } = context;
  const log: SandboxRequestRecord[] = [];
  const host = options.host ?? '127.0.0.1';
  const mailboxMode = options.mailbox ?? 'loopback';
  if (!MAILBOX_MODES.includes(mailboxMode))
    throw new TypeError(`startSandbox: mailbox must be one of ${MAILBOX_MODES.join(', ')}.`);
  // The mailbox shows the server the sandbox starts with.
  const mailbox = mailboxDoor(mailboxMode, host, context);

  const server = await startServer({
    host,
    port: options.port ?? 0,
    routes: ROUTES,
    faults,
    limits,
    // The test token reaches the first server, as a throwaway copy of it.
    serverContext: (supplied) =>
      supplied.toLowerCase() === TEST_TOKEN.toLowerCase()
        ? testState(context)
        : account.byToken(supplied),
    accountContext: (supplied) =>
      supplied.toLowerCase() === accountToken.toLowerCase() ? context : undefined,
    record: (entry) => log.push(Object.freeze(entry)),
    browser: mailbox.take,
  });

  const serverHandle = (state: SandboxContext): SandboxServer =>
    Object.freeze({
      id: state.serverId,
      token: state.settings.get().ApiTokens[0] as string,
      settings: () => state.settings.get(),
      messages: () => state.store.messages().map((stored) => stored.message),
      templates: () => state.templates.list(),
    });

  return Object.freeze({
    url: server.url,
    mailboxUrl: mailbox.served ? `${server.url}${MAILBOX_PATH}` : undefined,
    token,
    accountToken,
    seed,
    messages: () => store.messages().map((stored) => stored.message),
    bounces: () => store.bounces(now()).map((bounce) => bounceRecord(bounce, SANDBOX_SERVER_ID)),
    requests: () => [...log],
    addTemplate: (template) => templates.add(template),
    getTemplate: (ref) => templates.find(ref),
    templates: () => templates.list(),
    removeTemplate: (ref) => templates.remove(ref),
    setFaults: (next) => faults.set(next),
    failNext: (count, fault) => faults.failNext(count, fault),
    simulateOpen: (messageId, open = {}) => tracked(simulateOpen(context, messageId, open)),
    simulateClick: (messageId, click) => tracked(simulateClick(context, messageId, click)),
    serverSettings: () => settings.get(),
    servers: () => account.servers().map(serverHandle),
    server: (tokenOrId) => {
      const state =
        typeof tokenOrId === 'number'
          ? account.servers().find((candidate) => candidate.serverId === tokenOrId)
          : account.byToken(tokenOrId);
      return state === undefined ? undefined : serverHandle(state);
    },
    confirmSender: (id) => {
      const sender = account.senders.list().find((candidate) => candidate.id === id);
      if (sender === undefined)
        throw new TypeError(`confirmSender: no sender signature has the ID ${id}`);
      sender.confirmed = true;
    },
    flushEvents: () => {
      for (const state of account.servers()) {
        state.store.flush(now());
        state.webhookDeliveries.flush();
      }
    },
    webhookDeliveries: (messageId) => context.webhookDeliveries.deliveries(messageId),
    webhooksSettled: async () => {
      await Promise.all(account.servers().map((state) => state.webhookDeliveries.settled()));
    },
    receiveInbound: (message) => {
      try {
        return receiveInbound(message, context);
      } catch (error) {
        if (error instanceof ApiFailure) throw new TypeError(`receiveInbound: ${error.message}`);
        throw error;
      }
    },
    reset: () => {
      for (const state of account.servers()) {
        state.store.clear();
        state.bulks.clear();
        state.suppressions.clear();
        state.inbound.clear();
        state.webhookDeliveries.clear();
      }
      log.length = 0;
    },
    close: async () => {
      for (const state of account.servers()) state.webhookDeliveries.close();
      await mailbox.close(); // ends the mailbox's live streams, which would hold the server
      await server.close();
    },
  } satisfies Sandbox);
}

/** The account token a sandbox accepts when none is given. */
export const DEFAULT_ACCOUNT_TOKEN = 'sandbox-account-token';

function checkToken(name: string, token: unknown): string {
  if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new TypeError(
      `startSandbox: ${name} must be at least ${MIN_TOKEN_LENGTH} characters without spaces, as the SDK requires.`,
    );
  }
  return token;
}

// A server POST /servers makes (its JSON already checked by the route): a fresh token, the
// next id, Postmark's default streams, no templates, and the settings the JSON gave.
function createdServer(
  shared: SharedState,
  account: AccountStore<SandboxContext>,
  id: number,
  json: Record<string, unknown>,
): SandboxContext {
  const state = serverState(shared, account, {
    id,
    token: newServerToken(),
    name: json.Name as string,
    deliveryType: json.DeliveryType === 'Sandbox' ? 'Sandbox' : 'Live',
  });
  state.settings.edit(json);
  return state;
}

function readDelays(given: unknown): readonly number[] {
  if (given === undefined) return DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
  if (!Array.isArray(given) || !given.every((delay) => Number.isFinite(delay) && delay >= 0))
    throw new TypeError(
      'startSandbox: webhookRetryDelaysMs must be an array of waits in ms, each ≥ 0, such as [50, 100, 200] ([] retries nothing).',
    );
  return Object.freeze([...given]);
}

function readHosts(given: unknown): readonly string[] {
  if (given === undefined) return [];
  if (!Array.isArray(given) || !given.every((host) => typeof host === 'string' && host !== ''))
    throw new TypeError(
      "startSandbox: allowWebhookHosts must be an array of host names, such as ['hooks.example.test'] (or ['*'] for any).",
    );
  return Object.freeze(given.map((host: string) => host.toLowerCase()));
}
