import type { PollSettings } from '../utils/poll.js';
import { readOptions } from '../utils/read-options.js';
import { isAbortSignal } from './call.js';
import { milliseconds } from './timers.js';

/** How a wait paces its checks and when it gives up: what every `waitFor` takes besides `until`. */
export interface PollOptions {
  /** Milliseconds between the first and second check; doubles after each (default 1000). */
  readonly interval?: number | undefined;
  /** The longest pause between two checks, in milliseconds (default 10,000). */
  readonly maxInterval?: number | undefined;
  /** The whole wait, in milliseconds (default 60,000); then a `TimeoutError`. */
  readonly timeout?: number | undefined;
  /** Stops the wait; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** The defaults of every wait (`messages.waitFor()`, `waitForBulk()`). */
export const WAIT_DEFAULTS = Object.freeze({
  interval: 1000,
  maxInterval: 10_000,
  timeout: 60_000,
});

const WAIT_KEYS = ['until', 'interval', 'maxInterval', 'timeout', 'signal'] as const;

/**
 * The options of a wait, checked once: `interval`, `maxInterval` and `timeout` usable
 * numbers of milliseconds (`maxInterval` not below `interval`), `signal` an AbortSignal,
 * unknown names refused. `until` is handed back as given, for the caller to read. `what`
 * names the call in errors (`messages.waitFor('abc')`).
 *
 * @example readPollOptions('waitForBulk()', { timeout: 5000 }).settings.timeout // 5000
 */
export function readPollOptions(
  what: string,
  options: unknown,
): { readonly settings: PollSettings; readonly until: unknown } {
  const read = readOptions(options, WAIT_KEYS, `${what} option`, '{ timeout: 30_000 }');
  const ms = (name: string, value: unknown, fallback: number) =>
    value === undefined ? fallback : milliseconds(`${what}: ${name}`, value);
  const interval = ms('interval', read.interval, WAIT_DEFAULTS.interval);
  const maxInterval = ms(
    'maxInterval',
    read.maxInterval,
    Math.max(interval, WAIT_DEFAULTS.maxInterval),
  );
  if (maxInterval < interval) {
    throw new RangeError(
      `${what}: maxInterval (${maxInterval}) is less than interval (${interval})`,
    );
  }
  if (read.signal !== undefined && !isAbortSignal(read.signal))
    throw new TypeError(`${what}: signal must be an AbortSignal`);
  return {
    settings: {
      interval,
      maxInterval,
      timeout: ms('timeout', read.timeout, WAIT_DEFAULTS.timeout),
      signal: read.signal as AbortSignal | undefined,
    },
    until: read.until,
  };
}
