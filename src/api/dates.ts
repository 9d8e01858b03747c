import { easternText, parseDateParts, wallClock } from '../postmark/dates.js';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date filter in the form Postmark documents. A `Date`, or a string with a zone
 * (`2024-05-01T12:00:00Z`), is an instant and is sent as Eastern time
 * (`2024-05-01T08:00:00`), as Postmark reads its filters. A string without a zone is already
 * in Postmark's terms and is sent as it is: `2024-05-01` (a day) or `2024-05-01T08:00:00`.
 * Throws `TypeError` or `RangeError`, naming `field`, for anything else.
 */
export function filterDate(field: string, value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError(`${field} is an invalid Date`);
    return easternText(value.getTime());
  }
  if (typeof value !== 'string') {
    throw new TypeError(`${field} must be a Date or an ISO 8601 string such as '2024-05-01'`);
  }
  const parts = parseDateParts(value.trim());
  if (parts === undefined) {
    throw new RangeError(
      `${field} '${value}' is not a date: use a Date, 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm:ss' (Eastern time, as Postmark reads it) or an ISO string with a zone`,
    );
  }
  if (parts.offset !== undefined) return easternText(wallClock(parts) - parts.offset * 60_000);
  const day = `${parts.year}-${two(parts.month)}-${two(parts.day)}`;
  if (!parts.hasTime) return day;
  return `${day}T${two(parts.hour)}:${two(parts.minute)}:${two(parts.second)}`;
}
