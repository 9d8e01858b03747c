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

// The `Date` of an inbound message is the mail's own Date header (RFC 5322 section 3.3):
// `Thu, 5 Apr 2012 16:59:01 +0200`. Read leniently, as mail writes it: the day of the week
// and the seconds may be missing, a comment may follow (`+0000 (UTC)`), and the obsolete
// zones of RFC 5322 section 4.3 (`GMT`, `EST`, ...) are taken.
const MAIL_DATE =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,3})?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Hours east of UTC. A military letter (`Z` aside) is unreliable (RFC 5322: "SHOULD be
// considered equivalent to -0000"), so every one but the known names reads as UTC.
const OBSOLETE_ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  gmt: 0,
  z: 0,
  edt: -4,
  est: -5,
  cdt: -5,
  cst: -6,
  mdt: -6,
  mst: -7,
  pdt: -7,
  pst: -8,
};
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * A mail Date header (RFC 5322) as a `Date`, or `undefined` when the text is not one (mail
 * can carry any Date header at all, so a caller must be ready for that).
 *
 * @example readMailDate('Thu, 5 Apr 2012 16:59:01 +0200')?.toISOString() // '2012-04-05T14:59:01.000Z'
 */
export function readMailDate(text: string): Date | undefined {
  const match = MAIL_DATE.exec(text.replace(/\s*\([^()]*\)\s*$/, '').trim());
  if (!match) return undefined;
  const [, dayText, monthText, yearText, hourText, minuteText, secondText, zone] = match;
  const month = MONTHS.indexOf((monthText as string).toLowerCase()) + 1;
  let year = Number(yearText);
  // RFC 5322 4.3: a two-digit year below 50 is 20xx, else 19xx; a three-digit one adds 1900.
  if ((yearText as string).length === 2) year += year < 50 ? 2000 : 1900;
  else if ((yearText as string).length === 3) year += 1900;
  const parts = parseDateParts(
    `${String(year).padStart(4, '0')}-${two(month)}-${two(Number(dayText))}T${two(Number(hourText))}:${minuteText}:${secondText ?? '00'}Z`,
  );
  if (month === 0 || parts === undefined) return undefined;
  const offset = zoneMinutes(zone);
  if (offset === undefined) return undefined;
  return new Date(wallClock(parts) - offset * 60_000);
}

// `+0200`, and `-04:00`, which is not RFC 5322 but what Postmark's own inbound example writes.
function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  if (/^[+-]\d{2}:?\d{2}$/.test(zone)) {
    const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2));
    return zone.startsWith('-') ? -minutes : minutes;
  }
  const known = OBSOLETE_ZONES[zone.toLowerCase()];
  if (known !== undefined) return known * 60;
  return zone.length === 1 ? 0 : undefined;
}

/**
 * An instant as a mail Date header in UTC, the form Postmark passes on in an inbound message's
 * `Date`: `Thu, 05 Apr 2012 14:59:01 +0000`.
 *
 * @example mailDate(Date.UTC(2012, 3, 5, 14, 59, 1)) // 'Thu, 05 Apr 2012 14:59:01 +0000'
 */
export function mailDate(instant: number): string {
  const date = new Date(instant);
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(two).join(':');
  return `${WEEKDAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()} ${time} +0000`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
