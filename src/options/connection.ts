import { MIN_TOKEN_LENGTH } from '../postmark/answers.js';
import { controlIn } from '../postmark/text.js';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../transport/base-url.js';
import { type Client, createClient } from '../transport/client.js';
import type { Hooks } from '../transport/hooks.js';
import { kyTransport } from '../transport/ky-transport.js';
import type { RetryPolicy } from '../transport/retry.js';
import type { Transport } from '../transport/types.js';
import { isPlainObject } from '../utils/own.js';
import { readOptions } from '../utils/read-options.js';
import { type RetryOptions, resolveRetry } from './retry.js';
import { milliseconds } from './timers.js';

/** How to reach Postmark: what a Sender, a Server and an Account share. */
export interface ConnectionOptions {
  /** Default `https://api.postmarkapp.com`. Plain http is refused except on loopback. */
  readonly baseUrl?: string | undefined;
  /** Allow a plain-http `baseUrl` that is not loopback (the token then travels unencrypted). */
  readonly allowInsecure?: boolean | undefined;
  /** The time limit of each HTTP request, in milliseconds (default 30 000). */
  readonly timeout?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /** The fetch the built-in transport uses (default: the global one). */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Replaces HTTP altogether, e.g. `recordingTransport()` or `dryRunTransport()`. */
  readonly transport?: Transport | undefined;
  readonly hooks?: Hooks | undefined;
}

export const CONNECTION_KEYS = [
  'baseUrl',
  'allowInsecure',
  'timeout',
  'retry',
  'fetch',
  'transport',
  'hooks',
] as const;

export const DEFAULT_TIMEOUT = 30_000;

/** The connection options, checked and completed with defaults. */
export interface Connection {
  readonly baseUrl: string;
  readonly allowInsecure: boolean;
  readonly timeout: number;
  readonly retry: RetryPolicy;
  readonly hooks: Hooks;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly transport: Transport | undefined;
}

const HOOK_KEYS = ['beforeRequest', 'afterResponse', 'onRetry'] as const;

/**
 * Checks the connection options of `read` (own properties, already read by `readOptions`):
 * at construction, so a bad one fails at start-up and not at the first request.
 */
export function resolveConnection(read: Partial<Record<string, unknown>>): Connection {
  const { transport, fetch } = read;
  if (
    transport !== undefined &&
    (typeof transport !== 'object' ||
      transport === null ||
      typeof (transport as Transport).request !== 'function')
  ) {
    throw new TypeError('transport must have a request() method');
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new TypeError('fetch must be a function');
  }
  const allowInsecure = read.allowInsecure ?? false;
  if (typeof allowInsecure !== 'boolean')
    throw new TypeError('allowInsecure must be true or false');
  const baseUrl = read.baseUrl ?? DEFAULT_BASE_URL;
  if (typeof baseUrl !== 'string') throw new TypeError('baseUrl must be a string');
  return Object.freeze({
    baseUrl: checkBaseUrl(baseUrl, allowInsecure),
    allowInsecure,
    timeout: milliseconds('timeout', read.timeout ?? DEFAULT_TIMEOUT),
    retry: resolveRetry(read.retry),
    hooks: resolveHooks(read.hooks),
    fetch: fetch as typeof globalThis.fetch | undefined,
    transport: transport as Transport | undefined,
  });
}

function resolveHooks(hooks: unknown): Hooks {
  if (hooks !== undefined && !isPlainObject(hooks)) throw new TypeError('hooks must be an object');
  const read = readOptions(hooks, HOOK_KEYS, 'hook', '{ onRetry }');
  for (const [name, hook] of Object.entries(read)) {
    if (typeof hook !== 'function') throw new TypeError(`hooks.${name} must be a function`);
  }
  // Without a prototype: a hook the caller did not give must not be found on Object.prototype.
  return Object.freeze(Object.assign(Object.create(null), read)) as Hooks;
}

/**
 * Checks a token without ever putting it in an error message. `name` is the option
 * (`serverToken`), `variable` the environment variable `fromEnv()` reads it from.
 */
export function checkToken(token: unknown, name: string, variable: string): string {
  if (token === undefined || token === null) {
    throw new TypeError(`${name} is missing: pass { ${name} }, or set ${variable} for fromEnv()`);
  }
  if (typeof token !== 'string')
    throw new TypeError(`${name} must be a string (got ${typeof token})`);
  if (token.trim() === '') throw new TypeError(`${name} is empty`);
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new TypeError(
      `${name} is too short to be a Postmark token (at least ${MIN_TOKEN_LENGTH} characters)`,
    );
  }
  if (/\s/.test(token) || controlIn(token) !== undefined) {
    throw new TypeError(
      `${name} contains whitespace or control characters (a stray newline from a secrets file?)`,
    );
  }
  return token;
}

/** Who a set of options belongs to, as `resolveTokenOptions` names it in errors. */
export interface TokenOptionsOwner<K extends string> {
  /** `Server`, `Account`. */
  readonly name: string;
  /** The token's option, such as `serverToken`. */
  readonly tokenKey: K;
  /** The environment variable `fromEnv()` reads it from. */
  readonly variable: string;
}

/**
 * The options of an owner made of a token and a connection (a Server, an Account), checked
 * once, at construction: own properties only, unknown names refused, each value checked.
 *
 * @example resolveTokenOptions({ accountToken }, { name: 'Account', tokenKey: 'accountToken', variable: 'POSTMARK_ACCOUNT_TOKEN' })
 */
export function resolveTokenOptions<K extends string>(
  options: unknown,
  owner: TokenOptionsOwner<K>,
): Connection & { readonly token: string } {
  const { name, tokenKey, variable } = owner;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`new ${name}() takes an options object: new ${name}({ ${tokenKey} })`);
  }
  const given = readOptions(
    options,
    [tokenKey, ...CONNECTION_KEYS],
    `${name} option`,
    `{ ${tokenKey} }`,
  ) as Partial<Record<string, unknown>>;
  return Object.freeze({
    token: checkToken(given[tokenKey], tokenKey, variable),
    ...resolveConnection(given),
  });
}

/** The request layer for `connection`, sending `token` in `tokenHeader`. */
export function connect(connection: Connection, token: string, tokenHeader: string): Client {
  const { transport, baseUrl, fetch, timeout, retry, hooks } = connection;
  return createClient({
    transport: transport ?? kyTransport({ baseUrl, fetch }),
    token,
    tokenHeader,
    timeout,
    retry,
    hooks,
  });
}
