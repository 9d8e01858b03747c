// Postmark reads the dates of its search filters, which carry no zone
// (`2014-02-01T00:00:00`), as US Eastern time. A `Date` is an instant, so it is sent as
// the Eastern wall-clock time of that instant; Intl knows the daylight-saving rules.
const POSTMARK_TIME_ZONE = 'America/New_York';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Whether a time was written at all. */
  readonly hasTime: boolean;
  /** Minutes east of UTC; `undefined` when the text had no zone. */
  readonly offset: number | undefined;
}

function parse(text: string): Parts | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const part = (index: number) => Number(match[index] ?? 0);
  const parts: Parts = {
    year: part(1),
    month: part(2),
    day: part(3),
    hour: part(4),
    minute: part(5),
    second: part(6),
    millisecond: Number((match[7] ?? '').padEnd(3, '0').slice(0, 3)),
    hasTime: match[4] !== undefined,
    offset: zoneOffset(match[8]),
  };
  const days = new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate();
  const valid =
    parts.month >= 1 &&
    parts.month <= 12 &&
    parts.day >= 1 &&
    parts.day <= days &&
    parts.hour <= 23 &&
    parts.minute <= 59 &&
    parts.second <= 59;
  return valid ? parts : undefined;
}

function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return undefined;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/** The parts as if they were UTC, in ms. */
function wallClock(parts: Parts): number {
  const { year, month, day, hour, minute, second, millisecond } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

let eastern: Intl.DateTimeFormat | undefined;

/** The Eastern wall-clock time of an instant, as `YYYY-MM-DDTHH:mm:ss`. */
function easternText(instant: number): string {
  eastern ??= new Intl.DateTimeFormat('en-US', {
    timeZone: POSTMARK_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts: Record<string, string> = {};
  for (const { type, value } of eastern.formatToParts(instant)) parts[type] = value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The instant at which Eastern clocks showed `wall` (ms as if UTC). */
function fromEastern(wall: number): number {
  // wall - instant is the zone offset, which itself depends on the instant: two rounds settle it.
  const offsetAt = (instant: number) => {
    const whole = Math.floor(instant / 1000) * 1000;
    return Date.parse(`${easternText(whole)}Z`) - whole;
  };
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date filter in the form Postmark documents. A `Date`, or a string with a zone
 * (`2024-05-01T12:00:00Z`), is an instant and is sent as Eastern time
 * (`2024-05-01T08:00:00`). A string without a zone is already in Postmark's terms and is sent
 * as it is: `2024-05-01` (a day) or `2024-05-01T08:00:00`.
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
  const parts = parse(value.trim());
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

/**
 * A date-time of a Postmark answer as a `Date`. Postmark writes an offset; one without is
 * read as Eastern time, as Postmark reads its own zone-less dates. `undefined` when the text
 * is not an ISO 8601 date-time.
 */
export function readPostmarkDate(text: string): Date | undefined {
  const parts = parse(text);
  if (parts === undefined || !parts.hasTime) return undefined;
  const wall = wallClock(parts);
  return new Date(parts.offset === undefined ? fromEastern(wall) : wall - parts.offset * 60_000);
}
