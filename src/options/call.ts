import type { RequestOptions } from '../transport/client.js';
import { readOptions } from '../utils/read-options.js';
import { milliseconds } from './timers.js';

const CALL_KEYS = ['signal', 'timeout'] as const;

/**
 * The options of one call, checked once: `signal` an AbortSignal, `timeout` a usable number
 * of milliseconds. `what` names the call in errors (`bounces.list()`); `extra` names the
 * call's own options (a batch's `onProgress`), passed through unchecked here.
 *
 * @example callOptions('send()', { timeout: 5000 }).timeout // 5000
 */
export function callOptions<T extends RequestOptions>(
  what: string,
  options: T | undefined,
  extra: readonly string[] = [],
): T {
  const read = readOptions(options, [...CALL_KEYS, ...extra], `${what} option`, '{ signal }');
  if (read.signal !== undefined && !isAbortSignal(read.signal)) {
    throw new TypeError(`${what}: signal must be an AbortSignal`);
  }
  if (read.timeout !== undefined) milliseconds(`${what}: timeout`, read.timeout);
  return read as unknown as T;
}

/** True for an AbortSignal, from any realm (a duck check: `aborted` and event listeners). */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}
