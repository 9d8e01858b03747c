import { unprocessable } from './http.js';

/** Postmark's paging limits for /bounces and /messages/outbound. */
export const MAX_PAGE_COUNT = 500;
export const MAX_PAGE_WINDOW = 10_000;

export interface Paging {
  readonly count: number;
  readonly offset: number;
}

// Postmark names no ErrorCode for a bad query parameter; 300 ("invalid request") is used.
const badQuery = (message: string) => unprocessable(300, message);

/**
 * Reads `count` and `offset` (both required, as in Postmark's reference) and checks
 * count ≤ 500 and count + offset ≤ 10,000; throws a 422 `ApiFailure` otherwise.
 *
 * @example
 * readPaging(new URLSearchParams('count=50&offset=0')); // { count: 50, offset: 0 }
 */
export function readPaging(query: URLSearchParams): Paging {
  const count = readInteger(query, 'count');
  const offset = readInteger(query, 'offset');
  if (count < 1 || count > MAX_PAGE_COUNT) {
    throw badQuery(`count must be between 1 and ${MAX_PAGE_COUNT}; got ${count}.`);
  }
  if (count + offset > MAX_PAGE_WINDOW) {
    throw badQuery(
      `count + offset must be at most ${MAX_PAGE_WINDOW}; got ${count + offset}. Narrow the search with fromdate and todate.`,
    );
  }
  return { count, offset };
}

/** The page of `items` that `paging` asks for. */
export function page<T>(items: readonly T[], paging: Paging): T[] {
  return items.slice(paging.offset, paging.offset + paging.count);
}

/**
 * A `fromdate`/`todate` filter as a time in ms. Postmark reads a date without a zone in US
 * Eastern time, and so does the sandbox: a bare date (`2024-05-01`) is the start of that
 * Eastern day for `fromdate` and its end for `todate`, `2024-05-01T08:00:00` is 8 am in New
 * York. A time with a zone (`Z`, `-04:00`) is that instant. The zone arithmetic below is the
 * sandbox's own, not the SDK's (src/api/dates.ts), so that an end-to-end test can catch a
 * mistake in the SDK's conversion instead of repeating it.
 */
export function readDate(query: URLSearchParams, name: 'fromdate' | 'todate'): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(raw);
  // Without a zone, the wall-clock fields are read as if UTC, then moved to Eastern.
  const time = Date.parse(hasZone ? raw : dateOnly ? `${raw}T00:00:00Z` : `${raw}Z`);
  if (Number.isNaN(time))
    throw badQuery(`${name} '${raw}' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss).`);
  if (hasZone) return time;
  if (dateOnly && name === 'todate') return fromEasternWallClock(time + 86_400_000) - 1;
  return fromEasternWallClock(time);
}

let offsetFormat: Intl.DateTimeFormat | undefined;

/** Minutes that Eastern clocks are behind UTC at `instant`: 240 in summer, 300 in winter. */
function easternMinutesBehind(instant: number): number {
  offsetFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    timeZoneName: 'longOffset',
  });
  const zone = offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zone?.value ?? '');
  if (!match) return 0; // "GMT" alone: no offset
  return (match[1] === '-' ? 1 : -1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The instant at which Eastern clocks showed `wall` (its fields read as if UTC). */
function fromEasternWallClock(wall: number): number {
  // The offset depends on the instant, which is what is sought: a second look settles it.
  const first = wall + easternMinutesBehind(wall) * 60_000;
  return wall + easternMinutesBehind(first) * 60_000;
}

/** A `true`/`false` filter; absent means "either". */
export function readBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw.toLowerCase() === 'true') return true;
  if (raw.toLowerCase() === 'false') return false;
  throw badQuery(`${name} must be true or false; got '${raw}'.`);
}

/** Keeps what falls between the `fromdate` and `todate` of `query`. */
export function inDateRange(query: URLSearchParams): (time: number) => boolean {
  const from = readDate(query, 'fromdate') ?? Number.NEGATIVE_INFINITY;
  const to = readDate(query, 'todate') ?? Number.POSITIVE_INFINITY;
  return (time) => time >= from && time <= to;
}

function readInteger(query: URLSearchParams, name: string): number {
  const raw = query.get(name);
  if (raw === null || raw === '') throw badQuery(`The '${name}' query parameter is required.`);
  if (!/^\d+$/.test(raw)) throw badQuery(`${name} must be a whole number; got '${raw}'.`);
  return Number(raw);
}
