import { isApiError } from '../errors/api-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { isAbortSignal } from '../options/call.js';
import { milliseconds } from '../options/timers.js';
import { ERROR_CODES } from '../postmark/error-codes.js';
import { MESSAGE_EVENT_TYPES } from '../postmark/message-events.js';
import { readOptions, suggest } from '../utils/read-options.js';
import type { MessageDetails, MessageEventType } from './message-results.js';

/** An event type to wait for, such as `Delivered` (one of Postmark's, checked at the call). */
export type WaitForEvent = MessageEventType;

/**
 * How `messages.waitFor()` waits.
 *
 * @example
 * await server.messages.waitFor(messageId, { until: ['Delivered'], timeout: 30_000, signal });
 */
export interface WaitForOptions {
  /**
   * When to stop: event types, of which **every recipient** must have one (default
   * `['Delivered', 'Bounced']`), or a predicate over the details, called after each check.
   */
  readonly until?:
    | WaitForEvent
    | readonly WaitForEvent[]
    | ((details: MessageDetails) => boolean)
    | undefined;
  /** Milliseconds between the first and second check; doubles after each (default 1000). */
  readonly interval?: number | undefined;
  /** The longest pause between two checks, in milliseconds (default 10,000). */
  readonly maxInterval?: number | undefined;
  /** The whole wait, in milliseconds (default 60,000); then a `TimeoutError`. */
  readonly timeout?: number | undefined;
  /** Stops the wait; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

export const WAIT_FOR_DEFAULTS = Object.freeze({
  until: Object.freeze(['Delivered', 'Bounced']) as readonly WaitForEvent[],
  interval: 1000,
  maxInterval: 10_000,
  timeout: 60_000,
});

const KNOWN_OPTIONS = ['until', 'interval', 'maxInterval', 'timeout', 'signal'] as const;

/** The pause after the `check`-th check (1 for the first): `interval` doubling up to `maxInterval`. */
export function pollDelay(check: number, interval: number, maxInterval: number): number {
  return Math.min(maxInterval, interval * 2 ** (check - 1));
}

/**
 * Polls `fetchDetails` until the `until` condition holds, and resolves to those details.
 *
 * - ErrorCode 701 (message not found) counts as "not yet": right after a send Postmark may
 *   not show the message. A wait that ends while it still answers 701 says so, since a
 *   mistyped id looks the same.
 * - Any other error (after the request layer's own retries) ends the wait at once.
 * - `timeout` covers the whole wait, a check in flight included: it then rejects with a
 *   `TimeoutError` naming the condition and what the last check saw.
 *
 * @example
 * const details = await waitForMessage((signal) => api.details(id, { signal }), id, { timeout: 5000 });
 */
export async function waitForMessage(
  fetchDetails: (signal: AbortSignal) => Promise<MessageDetails>,
  messageId: string,
  options: WaitForOptions = {},
  sleep: (ms: number, signal: AbortSignal) => Promise<void> = abortableSleep,
): Promise<MessageDetails> {
  const what = `messages.waitFor('${messageId}')`;
  const settings = readWaitOptions(what, options);
  const done = condition(settings.until);
  const caller = settings.signal;
  caller?.throwIfAborted();

  let last = 'no answer yet';
  const stop = new AbortController();
  const onAbort = () => stop.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  const deadline = setTimeout(() => {
    const message = `${what}: no ${describe(settings.until)} within ${settings.timeout} ms; last check: ${last}`;
    stop.abort(new TimeoutError(message, { timeout: settings.timeout }));
  }, settings.timeout);
  try {
    for (let check = 1; ; check++) {
      const details = await fetchDetails(stop.signal).catch((error: unknown) => {
        if (stop.signal.aborted) throw stop.signal.reason;
        if (isApiError(error) && error.errorCode === ERROR_CODES.messageNotFound) return undefined;
        throw error;
      });
      stop.signal.throwIfAborted();
      if (details !== undefined && done(details)) return details;
      last =
        details === undefined
          ? 'Postmark does not know the message (ErrorCode 701)'
          : seen(details);
      await sleep(pollDelay(check, settings.interval, settings.maxInterval), stop.signal);
    }
  } finally {
    clearTimeout(deadline);
    caller?.removeEventListener('abort', onAbort);
  }
}

interface Settings {
  readonly until: readonly WaitForEvent[] | ((details: MessageDetails) => boolean);
  readonly interval: number;
  readonly maxInterval: number;
  readonly timeout: number;
  readonly signal: AbortSignal | undefined;
}

function readWaitOptions(what: string, options: WaitForOptions): Settings {
  const read = readOptions(options, KNOWN_OPTIONS, `${what} option`, '{ timeout: 30_000 }');
  const ms = (name: string, value: unknown, fallback: number) =>
    value === undefined ? fallback : milliseconds(`${what}: ${name}`, value);
  const interval = ms('interval', read.interval, WAIT_FOR_DEFAULTS.interval);
  const maxInterval = ms(
    'maxInterval',
    read.maxInterval,
    Math.max(interval, WAIT_FOR_DEFAULTS.maxInterval),
  );
  if (maxInterval < interval) {
    throw new RangeError(
      `${what}: maxInterval (${maxInterval}) is less than interval (${interval})`,
    );
  }
  if (read.signal !== undefined && !isAbortSignal(read.signal))
    throw new TypeError(`${what}: signal must be an AbortSignal`);
  return {
    until: readUntil(what, read.until as WaitForOptions['until']),
    interval,
    maxInterval,
    timeout: ms('timeout', read.timeout, WAIT_FOR_DEFAULTS.timeout),
    signal: read.signal as AbortSignal | undefined,
  };
}

function readUntil(what: string, until: WaitForOptions['until']): Settings['until'] {
  if (until === undefined) return WAIT_FOR_DEFAULTS.until;
  if (typeof until === 'function') return until;
  const types = typeof until === 'string' ? [until] : until;
  if (
    !Array.isArray(types) ||
    types.length === 0 ||
    !types.every((type) => typeof type === 'string' && type !== '')
  ) {
    throw new TypeError(
      `${what}: until must be an event type, a non-empty list of them (such as ['Delivered', 'Bounced']) or a function`,
    );
  }
  for (const type of types) {
    if (!(MESSAGE_EVENT_TYPES as readonly string[]).includes(type)) {
      // A misspelt type would never match: the wait would run to its timeout.
      throw new RangeError(
        `${what}: until '${type}' is not an event type${suggest(type, MESSAGE_EVENT_TYPES)}; use ${MESSAGE_EVENT_TYPES.join(', ')}`,
      );
    }
  }
  return Object.freeze([...types]);
}

function condition(until: Settings['until']): (details: MessageDetails) => boolean {
  if (typeof until === 'function') return until;
  return (details) => {
    const covered = new Set(
      details.events
        .filter((event) => (until as readonly string[]).includes(event.type))
        .map((event) => event.recipient.toLowerCase()),
    );
    const recipients =
      details.recipients.length > 0
        ? details.recipients
        : [...details.to, ...details.cc, ...details.bcc].map((contact) => contact.email);
    // A message that lists no recipient is done at the first matching event.
    if (recipients.length === 0) return covered.size > 0;
    return recipients.every((recipient) => covered.has(recipient.toLowerCase()));
  };
}

function describe(until: Settings['until']): string {
  if (typeof until === 'function') return 'details matching `until`';
  return `${until.join(' or ')} event for every recipient`;
}

function seen(details: MessageDetails): string {
  const events = details.events.map((event) => `${event.type} (${event.recipient})`);
  return `status ${details.status}, ${events.length === 0 ? 'no events' : `events ${events.join(', ')}`}`;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
