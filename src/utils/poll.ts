/** How a poll paces itself and when it gives up; checked by `readPollOptions` (src/options/wait.ts). */
export interface PollSettings {
  /** Milliseconds between the first and second check; doubles after each. */
  readonly interval: number;
  /** The longest pause between two checks. */
  readonly maxInterval: number;
  /** The whole wait, a check in flight included. */
  readonly timeout: number;
  /** Stops the wait; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** The pause after the `check`-th check (1 for the first): `interval` doubling up to `maxInterval`. */
export function pollDelay(check: number, interval: number, maxInterval: number): number {
  return Math.min(maxInterval, interval * 2 ** (check - 1));
}

/**
 * Calls `check` until it resolves to something other than `undefined`, pausing as `settings`
 * say, and resolves to that. What `check` throws ends the wait. At `settings.timeout` the
 * check in flight is aborted and the wait rejects with `timedOut()` (called then, so it can
 * say what the last check saw); an aborted `signal` rejects with its reason.
 *
 * @example
 * const done = await poll(async (signal) => (await read(signal)).done || undefined, settings, () => new Error('not yet'));
 */
export async function poll<T>(
  check: (signal: AbortSignal) => Promise<T | undefined>,
  settings: PollSettings,
  timedOut: () => Error,
  sleep: (ms: number, signal: AbortSignal) => Promise<void> = abortableSleep,
): Promise<T> {
  const caller = settings.signal;
  caller?.throwIfAborted();
  const stop = new AbortController();
  const onAbort = () => stop.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  const deadline = setTimeout(() => stop.abort(timedOut()), settings.timeout);
  try {
    for (let count = 1; ; count++) {
      const found = await check(stop.signal).catch((error: unknown) => {
        throw stop.signal.aborted ? stop.signal.reason : error;
      });
      stop.signal.throwIfAborted();
      if (found !== undefined) return found;
      await sleep(pollDelay(count, settings.interval, settings.maxInterval), stop.signal);
    }
  } finally {
    clearTimeout(deadline);
    caller?.removeEventListener('abort', onAbort);
  }
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
