import { Message } from '../message/message.js';
import type { MessageInit } from '../model/types.js';
import { type Limits, resolveLimits } from '../postmark/limits.js';
import { readOptions } from '../utils/read-options.js';
import {
  CONNECTION_KEYS,
  type Connection,
  type ConnectionOptions,
  checkToken,
  resolveConnection,
} from './connection.js';

/**
 * Everything a Sender is made of. Only `serverToken` is required.
 *
 * @example
 * new Sender({ serverToken: process.env.POSTMARK_SERVER_TOKEN!, timeout: 10_000, retry: { limit: 3 } });
 */
export interface SenderOptions extends ConnectionOptions {
  /** The server's API token (Servers → API Tokens). Kept private: it is never printed. */
  readonly serverToken: string;
  /** A message every send is laid over: a From, a stream, a tag... What a message sets wins. */
  readonly defaults?: Message | MessageInit | undefined;
  /** How many batch requests may be in flight at once (default 4). */
  readonly concurrency?: number | undefined;
  /** Overrides of Postmark's limits (sizes, counts), should Postmark's behaviour change. */
  readonly limits?: Partial<Limits> | undefined;
}

export const SENDER_KEYS = [
  'serverToken',
  'defaults',
  ...CONNECTION_KEYS,
  'concurrency',
  'limits',
] as const;

export const DEFAULT_CONCURRENCY = 4;

/** A Sender's options, checked and completed with defaults; the token apart. */
export interface SenderSettings extends Connection {
  readonly token: string;
  readonly defaults: Message;
  readonly concurrency: number;
  readonly limits: Limits;
  /** The options as given (own properties only), for `with()` to derive from. */
  readonly given: Readonly<Partial<Record<(typeof SENDER_KEYS)[number], unknown>>>;
}

/**
 * Every Sender option checked once, at construction: own properties only, unknown names
 * refused (with a "did you mean"), each value checked.
 */
export function resolveSenderOptions(options: unknown): SenderSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('new Sender() takes an options object: new Sender({ serverToken })');
  }
  const given = readOptions(options, SENDER_KEYS, 'Sender option', '{ serverToken }');
  return Object.freeze({
    token: checkToken(given.serverToken, 'serverToken', 'POSTMARK_SERVER_TOKEN'),
    ...resolveConnection(given),
    defaults: toDefaults(given.defaults),
    concurrency: positiveInteger('concurrency', given.concurrency ?? DEFAULT_CONCURRENCY),
    limits: resolveLimits(given.limits as Partial<Limits> | undefined),
    given: Object.freeze(given),
  });
}

function toDefaults(defaults: unknown): Message {
  if (defaults === undefined) return Message.empty();
  return Message.isMessage(defaults) ? defaults : Message.create(defaults as MessageInit);
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number, 1 or more (got ${String(value)})`);
  }
  return value;
}
