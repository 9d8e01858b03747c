/**
 * Checks an id before it goes into a path. An empty or missing id would turn
 * `/bounces/{id}` into `/bounces/`, another endpoint; odd characters are fine, because
 * `pathTo` encodes them.
 */
export function checkId(what: string, id: unknown, numeric: boolean): string | number {
  if (typeof id === 'number' && numeric) {
    if (Number.isSafeInteger(id) && id >= 0) return id;
    throw new RangeError(`${what}: the id must be a whole number ≥ 0; got ${id}`);
  }
  if (typeof id !== 'string') {
    throw new TypeError(`${what}: the id must be a ${numeric ? 'number or a ' : ''}string`);
  }
  if (id.trim() === '') throw new RangeError(`${what}: the id is empty`);
  return id;
}

/** Checks the per-call options (`signal`, `timeout`) the way the Sender checks a send's. */
export function checkOptions(what: string, options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${what}: options must be an object such as { signal }`);
  }
  const { signal, timeout } = options as { signal?: unknown; timeout?: unknown };
  if (
    signal !== undefined &&
    !(typeof signal === 'object' && signal !== null && 'aborted' in signal)
  ) {
    throw new TypeError(`${what}: signal must be an AbortSignal`);
  }
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)
  ) {
    throw new RangeError(`${what}: timeout must be a number of milliseconds > 0`);
  }
}
