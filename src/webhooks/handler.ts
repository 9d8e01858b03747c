import { isWebhookPayloadError } from '../errors/webhook-payload-error.js';
import { INBOUND_ATTACHMENTS_MAX_BYTES } from '../postmark/webhooks.js';
import { base64Length } from '../utils/base64.js';
import { isPlainObject } from '../utils/own.js';
import { readOptions } from '../utils/read-options.js';
import type {
  WebhookBounceEvent,
  WebhookClickEvent,
  WebhookDeliveryEvent,
  WebhookEvent,
  WebhookInboundEvent,
  WebhookOpenEvent,
  WebhookSpamComplaintEvent,
  WebhookSubscriptionChangeEvent,
  WebhookUnknownEvent,
} from './events.js';
import { parseWebhook } from './parse.js';
import { readCappedBody } from './read-body.js';
import { basicCredentials, sameSecret } from './secrets.js';

/**
 * The default cap on a webhook's body: the largest inbound message Postmark posts — 35 MiB of
 * attachments, base64-encoded in the JSON (48.9 MB) — and 10 MB more for its bodies and
 * headers. The other events are a few kilobytes. A server set to include the raw MIME source
 * (`RawEmail`) posts the attachments twice: raise `maxBodyBytes` for it.
 */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES =
  base64Length(INBOUND_ATTACHMENTS_MAX_BYTES) + 10_000_000;

/** A listener: may be async; what it throws makes the answer a 500, so Postmark tries again. */
type Listener<E> = (event: E, request: Request) => unknown;

/** What to run for each kind of event. A kind without a listener is answered 200 and dropped. */
export interface WebhookListeners {
  readonly delivery?: Listener<WebhookDeliveryEvent>;
  readonly bounce?: Listener<WebhookBounceEvent>;
  readonly spamComplaint?: Listener<WebhookSpamComplaintEvent>;
  readonly open?: Listener<WebhookOpenEvent>;
  readonly click?: Listener<WebhookClickEvent>;
  readonly subscriptionChange?: Listener<WebhookSubscriptionChangeEvent>;
  readonly inbound?: Listener<WebhookInboundEvent>;
  /** A RecordType this version does not know. Without it, such an event is answered 200. */
  readonly unknown?: Listener<WebhookUnknownEvent>;
}

/** The basic auth the webhook was set up with (its `HttpAuth`, or `user:pass@` in its URL). */
export interface WebhookAuth {
  readonly username: string;
  readonly password: string;
}

/**
 * How to receive Postmark's webhooks.
 *
 * @example
 * { auth: { username: 'postmark', password: env.WEBHOOK_PASSWORD }, on: { bounce: disableAddress } }
 */
export interface WebhookHandlerOptions {
  /**
   * The basic auth every post must carry, compared in constant time; `false` to take posts
   * without it (then protect the URL otherwise, e.g. with `headers`). An empty password is a
   * `TypeError`: it would let anyone in.
   */
  readonly auth: WebhookAuth | false;
  /**
   * Headers every post must carry with these values (the webhook's `HttpHeaders`), compared in
   * constant time. Each value must be non-empty; a post without one of the headers is a 401.
   */
  readonly headers?: Readonly<Record<string, string>>;
  readonly on: WebhookListeners;
  /** The largest body taken, in bytes; default `DEFAULT_WEBHOOK_MAX_BODY_BYTES` (58.9 MB). */
  readonly maxBodyBytes?: number;
  /** Told of each error a listener threw (answered 500); nothing is logged otherwise. */
  readonly onError?: (error: unknown, event: WebhookEvent, request: Request) => void;
}

const OPTIONS = ['auth', 'headers', 'on', 'maxBodyBytes', 'onError'] as const;
/** The listeners `on` may hold, one per kind of event. */
export const LISTENERS = [
  'delivery',
  'bounce',
  'spamComplaint',
  'open',
  'click',
  'subscriptionChange',
  'inbound',
  'unknown',
] as const;
const EXAMPLE = "{ auth: { username: 'postmark', password }, on: { bounce: (event) => {} } }";

/**
 * A handler for Postmark's webhooks, `(Request) => Promise<Response>`: the shape of Cloudflare
 * Workers, Bun, Deno, Next.js route handlers and Hono (for node:http and Express, wrap it in
 * `toNodeHandler`). It answers, in this order: 405 for anything but POST; 401 without the basic
 * auth (and `headers`) it was given — checked before the body is read; 413 for a body over
 * `maxBodyBytes`; 400 for a body that is not a Postmark event (the issues in the answer); 500
 * when the listener throws, so that Postmark tries again; else 200, also for kinds with no
 * listener, so that Postmark does not retry what you do not want.
 *
 * @example
 * export default { fetch: webhookHandler({ auth: { username: 'postmark', password: env.SECRET }, on: { delivery: (e) => markDelivered(e.messageId) } }) };
 */
export function webhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const settings = readSettings(options);
  return async (request) => {
    if (request.method !== 'POST')
      return answer(405, 'Postmark posts its webhooks: use POST.', { Allow: 'POST' });
    if (!(await authorized(request, settings))) {
      await request.body?.cancel().catch(() => {});
      return answer(401, 'Unauthorized.', {
        'WWW-Authenticate': 'Basic realm="postmark-webhooks"',
      });
    }
    const body = await readCappedBody(request, settings.maxBodyBytes);
    if (body === undefined)
      return answer(413, `The body is over ${settings.maxBodyBytes} bytes (maxBodyBytes).`);
    let event: WebhookEvent;
    try {
      event = parseWebhook(new TextDecoder().decode(body));
    } catch (error) {
      if (!isWebhookPayloadError(error)) throw error;
      return answer(400, error.message, {}, error.issues);
    }
    const listener = settings.on[listenerName(event)] as Listener<WebhookEvent> | undefined;
    try {
      await listener?.(event, request);
    } catch (error) {
      settings.onError?.(error, event, request);
      return answer(500, 'The webhook listener failed; Postmark will try again.');
    }
    return answer(200, 'OK');
  };
}

interface Settings {
  readonly credentials: string | undefined;
  readonly headers: readonly (readonly [string, string])[];
  readonly on: WebhookListeners;
  readonly maxBodyBytes: number;
  readonly onError: WebhookHandlerOptions['onError'];
}

// Every option checked once, here: a typo in a listener's name would drop its events silently.
function readSettings(given: WebhookHandlerOptions): Settings {
  const options = readOptions(given, OPTIONS, 'webhookHandler option', EXAMPLE);
  const on = readOptions(options.on, LISTENERS, 'webhookHandler listener', EXAMPLE);
  if (options.on === undefined)
    throw new TypeError(`webhookHandler: "on" is required, such as ${EXAMPLE}`);
  for (const [name, listener] of Object.entries(on)) {
    if (typeof listener !== 'function')
      throw new TypeError(`webhookHandler: on.${name} must be a function`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || (maxBodyBytes as number) < 1)
    throw new RangeError(
      'webhookHandler: maxBodyBytes must be a whole number of bytes, at least 1',
    );
  if (options.onError !== undefined && typeof options.onError !== 'function')
    throw new TypeError('webhookHandler: onError must be a function');
  return {
    credentials: readAuth(options.auth),
    headers: readHeaders(options.headers),
    on: on as WebhookListeners,
    maxBodyBytes: maxBodyBytes as number,
    onError: options.onError as Settings['onError'],
  };
}

function readAuth(auth: unknown): string | undefined {
  if (auth === false) return undefined;
  const read = readOptions(auth, ['username', 'password'], 'webhookHandler auth', EXAMPLE);
  const { username, password } = read;
  if (auth === undefined || typeof username !== 'string')
    throw new TypeError(
      `webhookHandler: auth must be { username, password } (strings), or false to take posts without basic auth`,
    );
  if (typeof password !== 'string')
    throw new TypeError(
      `webhookHandler: auth.password must be a string, got ${password === undefined ? 'undefined (an unset environment variable?)' : typeof password}`,
    );
  if (username === '' || username.includes(':'))
    throw new TypeError(
      'webhookHandler: auth.username must be non-empty, without a colon (basic auth)',
    );
  // `postmark:` with no password is what anyone can send: an unset environment variable read
  // as `?? ''` would open the URL to forged events, so it fails here rather than in silence.
  if (password === '')
    throw new TypeError(
      `webhookHandler: auth.password is empty (an unset environment variable?): give the webhook's password, or auth: false to take posts without basic auth`,
    );
  return `${username}:${password}`;
}

function readHeaders(headers: unknown): Settings['headers'] {
  if (headers === undefined) return [];
  if (!isPlainObject(headers))
    throw new TypeError(
      "webhookHandler: headers must be an object such as { 'X-Webhook-Token': secret }",
    );
  return Object.entries(headers).map(([name, value]) => {
    // An empty value would match nothing worth checking: a required secret is never ''.
    if (typeof value !== 'string' || value === '')
      throw new TypeError(
        `webhookHandler: headers['${name}'] must be a non-empty string (the secret the header carries), got ${value === '' ? "''" : typeof value}`,
      );
    return [name, value] as const;
  });
}

// Every check runs, whatever the first found: the time taken says nothing about which failed.
async function authorized(request: Request, settings: Settings): Promise<boolean> {
  // A missing header fails whatever value is expected; it is still compared, to take the same time.
  const checks: Promise<boolean>[] = settings.headers.map(async ([name, value]) => {
    const given = request.headers.get(name);
    return (await sameSecret(given ?? '', value)) && given !== null;
  });
  if (settings.credentials !== undefined)
    checks.push(
      sameSecret(basicCredentials(request.headers.get('authorization')), settings.credentials),
    );
  return (await Promise.all(checks)).every(Boolean);
}

// `Bounce` → `bounce`, `SpamComplaint` → `spamComplaint`, `Unknown` → `unknown`.
function listenerName(event: WebhookEvent): (typeof LISTENERS)[number] {
  return (event.recordType.charAt(0).toLowerCase() +
    event.recordType.slice(1)) as (typeof LISTENERS)[number];
}

function answer(
  status: number,
  message: string,
  headers: Record<string, string> = {},
  issues?: readonly unknown[],
): Response {
  return new Response(JSON.stringify(issues ? { message, issues } : { message }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}
