// Postmark's dates. Its answers carry an offset (`2024-05-01T10:00:00.1234567-04:00`); the
// dates of its search filters carry none (`2014-02-01T00:00:00`) and Postmark reads them as
// US Eastern time. One reading, for the SDK's filters and answers and the sandbox's queries;
// Intl knows the daylight-saving rules.
export const POSTMARK_TIME_ZONE = 'America/New_York';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO 8601 date or date-time, taken apart. */
export interface DateParts {
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

/**
 * `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss[.fraction]]` with an optional zone, taken apart; or
 * `undefined` for anything else, including dates the calendar does not have (2024-02-30,
 * which `Date.parse` would roll over into March).
 */
export function parseDateParts(text: string): DateParts | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const part = (index: number) => Number(match[index] ?? 0);
  const parts: DateParts = {
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
export function wallClock(parts: DateParts): number {
  const { year, month, day, hour, minute, second, millisecond } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

let eastern: Intl.DateTimeFormat | undefined;

/** The Eastern wall-clock time of an instant, as `YYYY-MM-DDTHH:mm:ss`. */
export function easternText(instant: number): string {
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
export function fromEastern(wall: number): number {
  // wall - instant is the zone offset, which itself depends on the instant: two rounds settle it.
  const offsetAt = (instant: number) => {
    const whole = Math.floor(instant / 1000) * 1000;
    return Date.parse(`${easternText(whole)}Z`) - whole;
  };
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

/** The instant the parts stand for: their zone, or Postmark's Eastern time when they have none. */
export function instantOf(parts: DateParts): number {
  const wall = wallClock(parts);
  return parts.offset === undefined ? fromEastern(wall) : wall - parts.offset * 60_000;
}

/**
 * A date-time of a Postmark answer as a `Date`; one without an offset is read as Eastern
 * time, as Postmark reads its own zone-less dates. `undefined` when the text is not an ISO
 * 8601 date-time.
 *
 * @example readPostmarkDate('2024-05-01T10:00:00-04:00')?.toISOString() // '2024-05-01T14:00:00.000Z'
 */
export function readPostmarkDate(text: string): Date | undefined {
  const parts = parseDateParts(text);
  if (parts === undefined || !parts.hasTime) return undefined;
  return new Date(instantOf(parts));
}
