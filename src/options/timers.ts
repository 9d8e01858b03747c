/** setTimeout's ceiling: a longer delay fires at once, which would turn a long wait into none. */
export const MAX_TIMER = 2_147_483_647;

/**
 * A number of milliseconds, checked: finite, at most `MAX_TIMER`, and above 0 (or at least 0
 * when `zero` is allowed, as for a backoff). Throws a `RangeError` naming `name`.
 *
 * @example milliseconds('timeout', 30_000) // 30000
 */
export function milliseconds(name: string, value: unknown, zero = false): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (zero ? value >= 0 : value > 0) &&
    value <= MAX_TIMER;
  if (!ok) {
    throw new RangeError(
      `${name} must be a number of milliseconds, ${zero ? '0' : 'more than 0'} to ${MAX_TIMER} (got ${String(value)})`,
    );
  }
  return value as number;
}
