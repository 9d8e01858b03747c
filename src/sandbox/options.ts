import type { Limits } from '../postmark/limits.js';
import type { SandboxFaults, ScriptedFault } from './faults.js';
import type { SandboxInboundInput, SandboxInboundMessage } from './inbound-store.js';
import type { MailboxMode } from './mailbox/door.js';
import type {
  SandboxBounce,
  SandboxClickInput,
  SandboxMessage,
  SandboxOpenInput,
} from './records.js';
import type { SandboxRequestRecord } from './server.js';
import type { SandboxServerSettings } from './server-settings.js';
import type { SandboxTemplate, SandboxTemplateInput } from './templates.js';
import type { SandboxWebhookDelivery } from './webhook-deliveries.js';

/**
 * How to start a sandbox. Every option is optional.
 *
 * @example
 * const sandbox = await startSandbox({ token: 'test-token', eventDelayMs: 5, templates: './templates' });
 */
export interface SandboxOptions {
  /** TCP port; 0 (the default) picks a free one, so tests can run in parallel. */
  readonly port?: number;
  /** Interface to listen on; default `127.0.0.1`, so nothing outside the machine can reach it. */
  readonly host?: string;
  /**
   * The server token to accept in `X-Postmark-Server-Token`; default `sandbox-token`.
   * `POSTMARK_API_TEST` is always accepted too: it validates and answers but stores nothing.
   */
  readonly token?: string;
  /** Random faults from the start; change them later with `setFaults()`. */
  readonly faults?: SandboxFaults;
  /** Seed of the fault generator; default random (read it back from `sandbox.seed`). */
  readonly seed?: number;
  /** Templates: a folder of `<alias>.json` files, or an array of templates. */
  readonly templates?: string | readonly SandboxTemplateInput[];
  /** A folder that also receives each accepted message as `<MessageID>.json`. */
  readonly dataDir?: string;
  /** Overrides of Postmark's numbers (`maxRecipients`, `maxMessageBytes`, ...). */
  readonly limits?: Partial<Limits>;
  /**
   * Confirmed sender signatures: addresses (`app@example.com`) or domains (`example.com`).
   * When given, a From outside them answers ErrorCode 400; by default every From is taken.
   */
  readonly senderSignatures?: readonly string[];
  /**
   * Transactional streams to start with besides Postmark's defaults (`outbound`, `inbound`,
   * `broadcast`); each id by Postmark's rule (lower-case letters, digits, hyphens; at most 30).
   * More can be made through POST /message-streams.
   */
  readonly messageStreams?: readonly string[];
  /** How long after acceptance delivery events and bounces appear; default 50 ms. */
  readonly eventDelayMs?: number;
  /**
   * When the mailbox page (`/mailbox`) is served: `'loopback'` (the default) only while the
   * sandbox listens on a loopback address and for loopback host names; `'always'` on any
   * interface to anyone who reaches the port (every message can be read there); `'off'` never.
   */
  readonly mailbox?: MailboxMode;
  /**
   * The wait before each retry of a failed webhook post, in ms; default `[50, 100, 200]`.
   * Postmark retries what it retries (5xx, 408, 429, no answer; for inbound mail anything but
   * 2xx and 403) over 70 minutes (10.5 hours for inbound); the sandbox on this schedule.
   */
  readonly webhookRetryDelaysMs?: readonly number[];
  /**
   * Hosts the sandbox may post webhooks to besides loopback (127.0.0.0/8, ::1, localhost);
   * `['*']` for any. By default a webhook elsewhere is not called, and its log entry says why.
   */
  readonly allowWebhookHosts?: readonly string[];
  /**
   * The account token to accept in `X-Postmark-Account-Token`, for the account endpoints
   * (servers, domains, sender signatures, template pushes, data removals); default
   * `sandbox-account-token`. It must differ from `token`.
   */
  readonly accountToken?: string;
}

/**
 * One of the sandbox's servers: the one it starts with, or one made through POST /servers.
 *
 * @example
 * const staging = sandbox.servers().find((server) => server.settings().Name === 'Staging');
 * staging?.messages().length;
 */
export interface SandboxServer {
  /** The server's `ID`. */
  readonly id: number;
  /** Its server token: what `X-Postmark-Server-Token` takes to reach it. */
  readonly token: string;
  /** Its settings, as GET /server answers them. */
  settings(): SandboxServerSettings;
  /** The messages it accepted, oldest first. */
  messages(): readonly SandboxMessage[];
  templates(): readonly SandboxTemplate[];
}

/**
 * A running sandbox.
 *
 * @example
 * const sandbox = await startSandbox();
 * await fetch(`${sandbox.url}/email`, { method: 'POST', headers: { 'X-Postmark-Server-Token': sandbox.token, ... }, body });
 * sandbox.messages().length; // 1
 * await sandbox.close();
 */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  readonly url: string;
  /**
   * The mailbox page, a web page of every accepted message (`${url}/mailbox`); `undefined`
   * when it is not served (see the `mailbox` option).
   */
  readonly mailboxUrl: string | undefined;
  /** The server token of the server it starts with (the one `messages()` and the rest show). */
  readonly token: string;
  /** The account token it accepts, for the account endpoints. */
  readonly accountToken: string;
  /** The fault generator's seed: pass it back in `startSandbox({ seed })` to replay a run. */
  readonly seed: number;
  /** Accepted messages, oldest first (frozen copies). */
  messages(): readonly SandboxMessage[];
  /** Bounces that have happened so far, oldest first. */
  bounces(): readonly SandboxBounce[];
  /** Every request received, in order, with the status answered or `'dropped'`. */
  requests(): readonly SandboxRequestRecord[];
  /** Adds a template (throws a `TypeError` naming the broken rule); returns it with its id. */
  addTemplate(template: SandboxTemplateInput): SandboxTemplate;
  /** A template by numeric id or alias. */
  getTemplate(ref: number | string): SandboxTemplate | undefined;
  templates(): readonly SandboxTemplate[];
  removeTemplate(ref: number | string): boolean;
  /** Replaces the random faults (the seeded sequence continues). */
  setFaults(faults: SandboxFaults): void;
  /** Answers the next `count` requests with `fault`, ahead of any random fault. */
  failNext(count: number, fault: ScriptedFault): void;
  /**
   * Records an open of a message by one of its recipients, as if they had read it (the
   * message must have been sent with open tracking, and delivered). It shows in
   * `server.opens`, the stats and the message's events. Throws a `TypeError` saying why an
   * open could not have happened. Also `POST /sandbox/messages/{id}/opens`.
   * @example sandbox.simulateOpen(messageId, { Platform: 'Mobile', Client: { Name: 'Gmail' } });
   */
  simulateOpen(messageId: string, open?: SandboxOpenInput): Readonly<Record<string, unknown>>;
  /**
   * Records a click on a tracked link of a message (sent with link tracking; the link must be
   * in the tracked body). Also `POST /sandbox/messages/{id}/clicks`.
   * @example sandbox.simulateClick(messageId, { OriginalLink: 'https://example.com/welcome' });
   */
  simulateClick(messageId: string, click: SandboxClickInput): Readonly<Record<string, unknown>>;
  /** The server's settings, as GET /server answers them. */
  serverSettings(): SandboxServerSettings;
  /** Every server of the account, the first one first (more are made through POST /servers). */
  servers(): readonly SandboxServer[];
  /** The server with this id or server token, if there is one. */
  server(idOrToken: number | string): SandboxServer | undefined;
  /**
   * Confirms a sender signature, as its owner would by following Postmark's confirmation
   * link (the sandbox sends no mail). With the `senderSignatures` option, a confirmed
   * signature's address may then be a From. Throws a `TypeError` for an unknown id.
   */
  confirmSender(id: number): void;
  /** Makes every pending delivery event and bounce happen now, on every server, and posts their webhooks. */
  flushEvents(): void;
  /**
   * Every webhook post attempted, oldest first (or those about one message): where, what,
   * which attempt, the status or error, the next retry. Also `GET /sandbox/webhook-deliveries`.
   * @example sandbox.webhookDeliveries(messageId).map((d) => `${d.recordType} ${d.status}`)
   */
  webhookDeliveries(messageId?: string): readonly SandboxWebhookDelivery[];
  /**
   * Resolves once every event that happened (or is due: call `flushEvents()` first) has been
   * posted, retries included.
   * @example sandbox.flushEvents(); await sandbox.webhooksSettled();
   */
  webhooksSettled(): Promise<void>;
  /**
   * Receives an inbound message as if mail arrived at the server's inbound address (also
   * `POST /sandbox/inbound`, which is not a Postmark endpoint). Postmark's inbound JSON,
   * `From` and `To` required, the rest filled in; blocked when an inbound rule matches the
   * From. A `Status` may be given for tests (`{ Status: 'Failed' }`). Resolves to the stored
   * record; throws a `TypeError` naming the broken rule.
   */
  receiveInbound(message: SandboxInboundInput): SandboxInboundMessage;
  /**
   * Forgets messages, bounces, opens, clicks, suppressions, inbound messages and webhook
   * deliveries, pending ones included (of every server), and the request log; templates,
   * settings, streams, webhooks, inbound rules, the account's servers, domains and sender
   * signatures, and faults stay.
   */
  reset(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}
