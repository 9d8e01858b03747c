import { DEFAULT_LIMITS, type Limits, resolveLimits } from '../limits.js';
import { Message } from '../message/message.js';
import type { MessageInit } from '../message/types.js';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../transport/base-url.js';
import type { Hooks } from '../transport/hooks.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../transport/retry.js';
import type { Transport } from '../transport/types.js';

/** How the Sender retries; see docs/sending.md ("Retries") for why sends retry so little. */
export interface RetryOptions {
  /** Retries after the first request (default 2); 0 turns retries off. */
  readonly limit?: number | undefined;
  /** Also retry sends that may already have been delivered (default false). */
  readonly unsafe?: boolean | undefined;
  /** The first backoff, in milliseconds (default 500); doubles each retry, with full jitter. */
  readonly baseDelay?: number | undefined;
  /** The longest backoff, in milliseconds (default 10 000). */
  readonly maxDelay?: number | undefined;
  /** The longest Retry-After honoured, in milliseconds (default 60 000); longer ones end the retries. */
  readonly maxRetryAfter?: number | undefined;
}

/**
 * Everything a Sender is made of. Only `serverToken` is required.
 *
 * @example
 * new Sender({ serverToken: process.env.POSTMARK_SERVER_TOKEN!, timeout: 10_000, retry: { limit: 3 } });
 */
export interface SenderOptions {
  /** The server's API token (Servers → API Tokens). Kept private: it is never printed. */
  readonly serverToken: string;
  /** A message every send is laid over: a From, a stream, a tag... What a message sets wins. */
  readonly defaults?: Message | MessageInit | undefined;
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
  /** How many batch requests may be in flight at once (default 4). */
  readonly concurrency?: number | undefined;
  readonly hooks?: Hooks | undefined;
  /** Overrides of Postmark's limits (sizes, counts), should Postmark's behaviour change. */
  readonly limits?: Partial<Limits> | undefined;
}

export const DEFAULT_TIMEOUT = 30_000;
export const DEFAULT_CONCURRENCY = 4;
// setTimeout's ceiling: a longer delay fires at once.
const MAX_TIMER = 2_147_483_647;

const KNOWN_OPTIONS = new Set<string>([
  'serverToken',
  'defaults',
  'baseUrl',
  'allowInsecure',
  'timeout',
  'retry',
  'fetch',
  'transport',
  'concurrency',
  'hooks',
  'limits',
]);

/** The options, checked and completed with defaults, everything but the token. */
export interface Settings {
  readonly baseUrl: string;
  readonly allowInsecure: boolean;
  readonly timeout: number;
  readonly retry: RetryPolicy;
  readonly concurrency: number;
  readonly defaults: Message;
  readonly limits: Limits;
  readonly hooks: Hooks;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly transport: Transport | undefined;
}

/** Checks the token without ever putting it in an error message. */
export function checkToken(token: unknown): string {
  if (token === undefined || token === null) {
    throw new TypeError(
      'serverToken is missing: pass new Sender({ serverToken }), or set POSTMARK_SERVER_TOKEN for Sender.fromEnv()',
    );
  }
  if (typeof token !== 'string')
    throw new TypeError(`serverToken must be a string (got ${typeof token})`);
  if (token.trim() === '') throw new TypeError('serverToken is empty');
  if (
    /\s/.test(token) ||
    [...token].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  ) {
    throw new TypeError(
      'serverToken contains whitespace or control characters (a stray newline from a secrets file?)',
    );
  }
  return token;
}

/** Every option checked once, at construction, so a bad one fails at start-up and not at the first send. */
export function resolveSettings(options: SenderOptions): Settings {
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`unknown Sender option "${key}"`);
  }
  const { transport, fetch, hooks = {} } = options;
  if (transport !== undefined && typeof transport?.request !== 'function') {
    throw new TypeError('transport must have a request() method');
  }
  if (fetch !== undefined && typeof fetch !== 'function')
    throw new TypeError('fetch must be a function');
  if (typeof hooks !== 'object' || hooks === null) throw new TypeError('hooks must be an object');
  const allowInsecure = options.allowInsecure ?? false;
  return Object.freeze({
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, allowInsecure),
    allowInsecure,
    timeout: positiveNumber('timeout', options.timeout ?? DEFAULT_TIMEOUT),
    retry: resolveRetry(options.retry ?? {}),
    concurrency: positiveInteger('concurrency', options.concurrency ?? DEFAULT_CONCURRENCY),
    defaults: toDefaults(options.defaults),
    limits: options.limits ? resolveLimits(options.limits) : DEFAULT_LIMITS,
    hooks: Object.freeze({ ...hooks }),
    fetch,
    transport,
  });
}

function resolveRetry(retry: RetryOptions): RetryPolicy {
  if (typeof retry !== 'object' || retry === null)
    throw new TypeError('retry must be an object such as { limit: 2 }');
  const limit = retry.limit ?? DEFAULT_RETRY.limit;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(
      `retry.limit must be a whole number of retries, 0 or more (got ${String(limit)})`,
    );
  }
  const unsafe = retry.unsafe ?? DEFAULT_RETRY.unsafe;
  if (typeof unsafe !== 'boolean') throw new TypeError('retry.unsafe must be true or false');
  return Object.freeze({
    limit,
    unsafe,
    baseDelay: delay('retry.baseDelay', retry.baseDelay ?? DEFAULT_RETRY.baseDelay),
    maxDelay: delay('retry.maxDelay', retry.maxDelay ?? DEFAULT_RETRY.maxDelay),
    maxRetryAfter: delay('retry.maxRetryAfter', retry.maxRetryAfter ?? DEFAULT_RETRY.maxRetryAfter),
  });
}

function toDefaults(defaults: Message | MessageInit | undefined): Message {
  if (defaults === undefined) return Message.empty();
  return Message.isMessage(defaults) ? defaults : Message.create(defaults);
}

/** A time limit in milliseconds: positive and finite. */
export function positiveNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER) {
    throw new RangeError(
      `${name} must be a positive number of milliseconds, at most ${MAX_TIMER} (got ${String(value)})`,
    );
  }
  return value;
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number, 1 or more (got ${String(value)})`);
  }
  return value;
}

function delay(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER) {
    throw new RangeError(
      `${name} must be a number of milliseconds, 0 or more (got ${String(value)})`,
    );
  }
  return value;
}
