import { randomUUID } from 'node:crypto';
import {
  isRetriedWebhookStatus,
  type ServerHookSetting,
  WEBHOOK_RETRIES_REMAINING_HEADER,
  WEBHOOK_TRACE_ID_HEADER,
  type WebhookEventKind,
} from '../postmark/webhooks.js';

// The sandbox posting events as Postmark does: each event at its time (or at once on
// flushEvents()), to every URL that wants it, with the webhook's basic auth and headers;
// retried on Postmark's rules but on a short schedule; every attempt logged. Timers are the
// sandbox's own, so close() and reset() cancel them all.

/** Where an event goes: a webhook of the stream, or one of the server's hook URLs. */
export interface HookTarget {
  readonly webhookId?: number;
  readonly hook?: ServerHookSetting;
  /** May hold `user:password@`, as Postmark allows: sent as basic auth, never logged. */
  readonly url: string;
  readonly auth: { readonly Username: string; readonly Password: string } | null;
  readonly headers: readonly { readonly Name: string; readonly Value: string }[];
}

/** How a post ended, for what waits on it (an inbound message's status). */
export type PostProgress = 'retrying' | 'delivered' | 'failed';

/** One event to post to one target. */
export interface HookPost {
  readonly target: HookTarget;
  readonly kind: WebhookEventKind;
  readonly messageId: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly progress?: (state: PostProgress) => void;
}

/**
 * One attempt to post an event, as `sandbox.webhookDeliveries()` and
 * `GET /sandbox/webhook-deliveries` list it.
 *
 * @example
 * sandbox.webhookDeliveries().filter((d) => d.recordType === 'Bounce' && d.outcome === 'delivered')
 */
export interface SandboxWebhookDelivery {
  /** The attempt's number in this sandbox, from 1. */
  readonly id: number;
  /** The event's id, the same in each of its attempts (sent as `X-PM-Webhook-Trace-Id`). */
  readonly traceId: string;
  /** The webhook posted to (its `ID`); absent for a server hook URL. */
  readonly webhookId?: number;
  /** The server setting the URL came from (`BounceHookUrl`, ...); absent for a webhook. */
  readonly hook?: ServerHookSetting;
  /** The URL, its password hidden. */
  readonly url: string;
  /** `Delivery`, `Bounce`, `SpamComplaint`, `Open`, `Click`, `SubscriptionChange` or `Inbound`. */
  readonly recordType: WebhookEventKind;
  /** The message the event is about (null for a suppression made by hand). */
  readonly messageId: string | null;
  /** 1 for the first post, 2 for the first retry, ... */
  readonly attempt: number;
  /** When the attempt was made, ISO 8601. */
  readonly at: string;
  /** The HTTP status answered; absent when no answer came. */
  readonly status?: number;
  /** Why no answer came (refused connection, timeout), or why the sandbox did not post. */
  readonly error?: string;
  /**
   * `delivered` (2xx); `retrying` (another attempt at `nextRetryAt`); `failed` (no more
   * attempts: a status Postmark does not retry, or the last retry); `refused` (the sandbox did
   * not post: the host is not allowed).
   */
  readonly outcome: 'delivered' | 'retrying' | 'failed' | 'refused';
  readonly nextRetryAt?: string;
  /** The JSON posted. */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface DeliveryOptions {
  /** The wait before each retry, in ms; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** Hosts posted to besides loopback; `'*'` for any. */
  readonly allowHosts: readonly string[];
  readonly timeoutMs: number;
  readonly now: () => number;
}

/** How long the sandbox waits for a receiver's answer (Postmark does not say how long it does). */
export const WEBHOOK_POST_TIMEOUT_MS = 10_000;

interface Pending {
  readonly timer: ReturnType<typeof setTimeout>;
  readonly run: () => void;
  /** An event's first post, which flushEvents() brings forward; retries keep their time. */
  readonly event: boolean;
}

/**
 * The webhook posts of one sandbox: announced events, their attempts and the log of them.
 * The test token's context gets one made with `disabled()`, which posts nothing.
 */
export class WebhookDeliveries {
  readonly #options: DeliveryOptions | undefined;
  readonly #log: SandboxWebhookDelivery[] = [];
  readonly #pending = new Set<Pending>();
  #inFlight = 0;
  #idle: (() => void)[] = [];
  #closing = new AbortController();
  #closed = false;
  readonly #watchers = new Set<(delivery: SandboxWebhookDelivery) => void>();

  constructor(options: DeliveryOptions | undefined) {
    this.#options = options;
  }

  /** Deliveries that post nothing (the test token's). */
  static disabled(): WebhookDeliveries {
    return new WebhookDeliveries(undefined);
  }

  /**
   * Posts what `posts()` returns when the event happens, at `at` (ms since the epoch) or on
   * `flush()`. `posts()` runs then, not now, so it sees the server as it is at that moment
   * (the webhooks configured, a bounce moved by flushEvents()).
   */
  announce(at: number, posts: () => readonly HookPost[]): void {
    const options = this.#options;
    if (options === undefined || this.#closed) return;
    this.#later(Math.max(0, at - options.now()), true, () => {
      for (const post of posts()) void this.#attempt(post, 1, randomUUID());
    });
  }

  /** Makes every announced event happen now; retries keep their schedule. */
  flush(): void {
    for (const pending of [...this.#pending]) {
      if (!pending.event) continue;
      clearTimeout(pending.timer);
      this.#pending.delete(pending);
      pending.run();
    }
    this.#checkIdle();
  }

  /** Every attempt so far, oldest first; or those about one message. */
  deliveries(messageId?: string): readonly SandboxWebhookDelivery[] {
    return messageId === undefined
      ? [...this.#log]
      : this.#log.filter((delivery) => delivery.messageId === messageId);
  }

  /**
   * Calls `watcher` with every attempt as it is logged (the mailbox's live feed); returns the
   * function that stops the calls.
   */
  watch(watcher: (delivery: SandboxWebhookDelivery) => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  /** Resolves once nothing is waiting or on its way: every announced event posted, retries done. */
  settled(): Promise<void> {
    if (this.#pending.size === 0 && this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Cancels whatever waits or is on its way, and forgets the log (`reset()`). */
  clear(): void {
    this.#cancel();
    this.#log.length = 0;
    this.#closing = new AbortController();
  }

  /** Cancels every timer and aborts the posts on their way; announces nothing more (`close()`). */
  close(): void {
    this.#closed = true;
    this.#cancel();
  }

  #cancel(): void {
    for (const pending of this.#pending) clearTimeout(pending.timer);
    this.#pending.clear();
    this.#closing.abort();
    this.#checkIdle();
  }

  #later(delayMs: number, event: boolean, run: () => void): void {
    const pending: Pending = {
      timer: setTimeout(() => {
        this.#pending.delete(pending);
        run();
        this.#checkIdle();
      }, delayMs),
      run,
      event,
    };
    this.#pending.add(pending);
  }

  #checkIdle(): void {
    if (this.#pending.size > 0 || this.#inFlight > 0) return;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }

  async #attempt(post: HookPost, attempt: number, traceId: string): Promise<void> {
    const options = this.#options as DeliveryOptions;
    const signal = this.#closing.signal;
    const record = {
      traceId,
      ...(post.target.webhookId === undefined ? {} : { webhookId: post.target.webhookId }),
      ...(post.target.hook === undefined ? {} : { hook: post.target.hook }),
      url: redacted(post.target.url),
      recordType: post.kind,
      messageId: post.messageId,
      attempt,
      at: new Date(options.now()).toISOString(),
      payload: post.payload,
    };
    const refusal = hostRefusal(post.target.url, options.allowHosts);
    if (refusal !== undefined) {
      this.#write({ ...record, outcome: 'refused', error: refusal });
      post.progress?.('failed');
      return;
    }
    this.#inFlight += 1;
    try {
      const answer = await send(post, attempt, traceId, options, signal);
      if (signal.aborted) return; // closed or reset meanwhile: nothing to log or retry
      const delay = options.retryDelaysMs[attempt - 1];
      const ok = answer.status !== undefined && answer.status >= 200 && answer.status < 300;
      const retry =
        !ok && delay !== undefined && isRetriedWebhookStatus(post.kind, answer.status ?? 'network');
      const outcome = ok ? 'delivered' : retry ? 'retrying' : 'failed';
      this.#write({
        ...record,
        ...answer,
        outcome,
        ...(retry ? { nextRetryAt: new Date(options.now() + delay).toISOString() } : {}),
      });
      if (retry) this.#later(delay, false, () => void this.#attempt(post, attempt + 1, traceId));
      post.progress?.(outcome);
    } finally {
      this.#inFlight -= 1;
      this.#checkIdle();
    }
  }

  #write(entry: Omit<SandboxWebhookDelivery, 'id'>): void {
    const delivery = Object.freeze({ id: this.#log.length + 1, ...entry });
    this.#log.push(delivery);
    for (const watcher of this.#watchers) watcher(delivery);
  }
}

async function send(
  post: HookPost,
  attempt: number,
  traceId: string,
  options: DeliveryOptions,
  closing: AbortSignal,
): Promise<{ status?: number; error?: string }> {
  const url = new URL(post.target.url);
  // fetch refuses a URL with credentials: Postmark sends them as basic auth, and so does this.
  const fromUrl = url.username
    ? { Username: decodeURIComponent(url.username), Password: decodeURIComponent(url.password) }
    : null;
  url.username = '';
  url.password = '';
  const auth = post.target.auth ?? fromUrl;
  const headers = new Headers({ 'Content-Type': 'application/json', 'User-Agent': 'Postmark' });
  for (const { Name, Value } of post.target.headers) headers.set(Name, Value);
  headers.set(WEBHOOK_TRACE_ID_HEADER, traceId);
  if (attempt > 1)
    headers.set(
      WEBHOOK_RETRIES_REMAINING_HEADER,
      String(options.retryDelaysMs.length - attempt + 1),
    );
  if (auth !== null) {
    const token = Buffer.from(`${auth.Username}:${auth.Password}`, 'utf8').toString('base64');
    headers.set('Authorization', `Basic ${token}`);
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(post.payload),
      redirect: 'manual',
      signal: AbortSignal.any([closing, AbortSignal.timeout(options.timeoutMs)]),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { error: networkError(error, options.timeoutMs) };
  }
}

function networkError(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * Why the sandbox will not post to `url`, or `undefined`: it posts to loopback only (127.0.0.0/8,
 * ::1, localhost), so that a test never sends anything off the machine, unless the host is in
 * `allowHosts` (`'*'`: any).
 *
 * @example hostRefusal('https://example.com/hook', []) // 'example.com is not a loopback ...'
 */
export function hostRefusal(url: string, allowHosts: readonly string[]): string | undefined {
  const host = new URL(url).hostname.toLowerCase();
  if (isLoopback(host) || allowHosts.includes('*') || allowHosts.includes(host)) return undefined;
  return `${host} is not a loopback address: the sandbox posts only to 127.0.0.0/8, ::1 and localhost, unless startSandbox({ allowWebhookHosts: ['${host}'] }) allows it`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

// The password of `user:password@` never reaches the log.
function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password === '') return url;
  parsed.password = '***';
  return parsed.href;
}
