import { readPostmarkDate } from '../postmark/dates.js';

/**
 * Postmark's JSON in camelCase, for answers checked by a schema first: every key through
 * `camelKey` (`MessageID` → `messageId`, `SMTPApiErrors` → `smtpApiErrors`), `null` and
 * absent values left out (Postmark sends `null` where a value is absent), and each date-time
 * under a key named `...At` or `...Date` turned into a `Date` (a day such as `2024-05-01`, or
 * a date written otherwise, stays text). Fields Postmark adds later come through the same
 * way. Frozen at every level.
 *
 * @example camelize({ ID: 1, CreatedAt: '2024-05-01T10:00:00Z', Name: null }) // { id: 1, createdAt: Date }
 */
export function camelize<T>(value: unknown): T {
  return convert(value, '') as T;
}

const DATE_KEY = /(At|Date)$/;

function convert(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map((item) => convert(item, '')));
  if (typeof value === 'string' && DATE_KEY.test(key)) return readPostmarkDate(value) ?? value;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[name];
    if (item === null || item === undefined) continue;
    out[camelKey(name)] = convert(item, name);
  }
  return Object.freeze(out);
}

/**
 * A Postmark key in camelCase, for maps whose keys Postmark chooses (event details):
 * `DestinationIP` → `destinationIp`, `BounceID` → `bounceId`, `ID` → `id`.
 */
export function camelKey(key: string): string {
  const words = key.replace(/([A-Z]+)(?=[A-Z][a-z]|$)/g, (run) =>
    run.length > 1 ? run[0] + run.slice(1).toLowerCase() : run,
  );
  return words.charAt(0).toLowerCase() + words.slice(1);
}
