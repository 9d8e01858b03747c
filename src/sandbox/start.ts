import { MIN_TOKEN_LENGTH } from '../postmark/answers.js';
import { resolveLimits } from '../postmark/limits.js';
import { readOptions } from '../utils/read-options.js';
import type { SandboxContext } from './context.js';
import { prepareDataDir } from './data-dir.js';
import { FaultPlan } from './faults.js';
import { ApiFailure, type Problem } from './http.js';
import { InboundRuleStore } from './inbound-rules.js';
import { InboundStore } from './inbound-store.js';
import { MAILBOX_PATH, type MailboxMode, mailboxDoor } from './mailbox/door.js';
import type { Sandbox, SandboxOptions } from './options.js';
import { randomSeed } from './prng.js';
import { receiveInbound } from './receive-inbound.js';
import { ROUTES } from './routes/index.js';
import type { SandboxRequestRecord } from './server.js';
import { startServer } from './server.js';
import { ServerSettingsStore } from './server-settings.js';
import { bounceRecord, Store, type TrackedRecord, trackedWire } from './store.js';
import { StreamStore } from './streams.js';
import { SuppressionStore } from './suppressions.js';
import { seedTemplates, TemplateStore } from './templates.js';
import { simulateClick, simulateOpen } from './tracking.js';
import { WEBHOOK_POST_TIMEOUT_MS, WebhookDeliveries } from './webhook-deliveries.js';
import { WebhookStore } from './webhooks.js';

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
  const token = options.token ?? 'sandbox-token';
  if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new TypeError(
      `startSandbox: token must be at least ${MIN_TOKEN_LENGTH} characters without spaces, as the SDK requires.`,
    );
  }
  const eventDelayMs = options.eventDelayMs ?? 50;
  if (!(eventDelayMs >= 0))
    throw new RangeError('startSandbox: eventDelayMs must be a number ≥ 0.');
  const limits = resolveLimits(options.limits);
  const now = () => Date.now();
  const extraStreams = options.messageStreams ?? [];
  if (!Array.isArray(extraStreams))
    throw new TypeError('startSandbox: messageStreams must be an array of stream ids.');
  const streams = StreamStore.start(extraStreams, now());
  const seed = options.seed ?? randomSeed();
  const faults = new FaultPlan(seed, options.faults);
  const templates = new TemplateStore();
  if (options.templates !== undefined) await seedTemplates(templates, options.templates);
  if (options.dataDir !== undefined) await prepareDataDir(options.dataDir);

  const webhookDeliveries = new WebhookDeliveries({
    retryDelaysMs: readDelays(options.webhookRetryDelaysMs),
    allowHosts: readHosts(options.allowWebhookHosts),
    timeoutMs: WEBHOOK_POST_TIMEOUT_MS,
    now,
  });
  const store = new Store();
  const suppressions = new SuppressionStore(store);
  const settings = new ServerSettingsStore(token);
  const base = {
    templates,
    settings,
    limits,
    senderSignatures: options.senderSignatures,
    eventDelayMs,
    now,
  };
  const context: SandboxContext = {
    ...base,
    ...serverState(),
    store,
    streams,
    suppressions,
    webhookDeliveries,
    dataDir: options.dataDir,
    testMode: false,
  };
  // The test token sees a fresh store with no suppressions and a copy of the streams: it
  // validates against what exists, but keeps nothing of what it sends or changes.
  const testContext = (): SandboxContext => {
    const scratch = new Store();
    return {
      ...base,
      ...serverState(),
      store: scratch,
      streams: streams.copy(),
      suppressions: new SuppressionStore(scratch),
      webhookDeliveries: WebhookDeliveries.disabled(),
      dataDir: undefined,
      testMode: true,
    };
  };
  const log: SandboxRequestRecord[] = [];
  const host = options.host ?? '127.0.0.1';
  const mailboxMode = options.mailbox ?? 'loopback';
  if (!MAILBOX_MODES.includes(mailboxMode))
    throw new TypeError(`startSandbox: mailbox must be one of ${MAILBOX_MODES.join(', ')}.`);
  const mailbox = mailboxDoor(mailboxMode, host, context);

  const server = await startServer({
    host,
    port: options.port ?? 0,
    token,
    routes: ROUTES,
    faults,
    limits,
    contextFor: (testMode) => (testMode ? testContext() : context),
    record: (entry) => log.push(Object.freeze(entry)),
    browser: mailbox.take,
  });

  return Object.freeze({
    url: server.url,
    mailboxUrl: mailbox.served ? `${server.url}${MAILBOX_PATH}` : undefined,
    token,
    seed,
    messages: () => store.messages().map((stored) => stored.message),
    bounces: () => store.bounces(now()).map(bounceRecord),
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
    flushEvents: () => {
      store.flush(now());
      webhookDeliveries.flush();
    },
    webhookDeliveries: (messageId) => webhookDeliveries.deliveries(messageId),
    webhooksSettled: () => webhookDeliveries.settled(),
    receiveInbound: (message) => {
      try {
        return receiveInbound(message, context);
      } catch (error) {
        if (error instanceof ApiFailure) throw new TypeError(`receiveInbound: ${error.message}`);
        throw error;
      }
    },
    reset: () => {
      store.clear();
      suppressions.clear();
      context.inbound.clear();
      webhookDeliveries.clear();
      log.length = 0;
    },
    close: async () => {
      webhookDeliveries.close();
      await mailbox.close(); // ends the mailbox's live streams, which would hold the server
      await server.close();
    },
  } satisfies Sandbox);
}

// The state of a server beside its mail: configuration it keeps (webhooks, inbound rules) and
// the inbound mail it received. The test token gets an empty set per request, as for sends.
function serverState() {
  return {
    webhooks: new WebhookStore(),
    inboundRules: new InboundRuleStore(),
    inbound: new InboundStore(),
  };
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
