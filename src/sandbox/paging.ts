import { instantOf, parseDateParts } from '../postmark/dates.js';
import { ERROR_CODES } from '../postmark/error-codes.js';
import { MAX_PAGE_COUNT, MAX_PAGE_WINDOW } from '../postmark/paging.js';
import { unprocessable } from './http.js';

export interface Paging {
  readonly count: number;
  readonly offset: number;
}

// Postmark names no ErrorCode for a bad query parameter; 300 ("invalid request") is used.
const badQuery = (message: string) => unprocessable(ERROR_CODES.invalidRequest, message);

/**
 * Reads `count` and `offset` (both required, as in Postmark's reference) and checks
 * count ≤ 500 and count + offset ≤ 10,000; throws a 422 `ApiFailure` otherwise. `narrowBy`
 * are the filters the endpoint takes (as its query names them): the way past the window
 * names only those, and a list that takes none is told of none.
 *
 * @example
 * readPaging(new URLSearchParams('count=50&offset=0')); // { count: 50, offset: 0 }
 * readPaging(query, ['fromdate', 'todate']); // past the window: "Narrow the search with fromdate and todate."
 */
export function readPaging(query: URLSearchParams, narrowBy: readonly string[] = []): Paging {
  const count = readInteger(query, 'count');
  const offset = readInteger(query, 'offset');
  if (count < 1 || count > MAX_PAGE_COUNT) {
    throw badQuery(`count must be between 1 and ${MAX_PAGE_COUNT}; got ${count}.`);
  }
  if (count + offset > MAX_PAGE_WINDOW) {
    throw badQuery(
      `count + offset must be at most ${MAX_PAGE_WINDOW}; got ${count + offset}.${howToNarrow(narrowBy)}`,
    );
  }
  return { count, offset };
}

/** The filters of the searches that take `fromdate` and `todate`, for `readPaging()`. */
export const BY_DATE: readonly string[] = Object.freeze(['fromdate', 'todate']);

// As the SDK's SearchWindowError says it (src/api/paging.ts), in the query's own names.
function howToNarrow(narrowBy: readonly string[]): string {
  if (narrowBy.includes('fromdate') && narrowBy.includes('todate'))
    return ' Narrow the search with fromdate and todate.';
  if (narrowBy.length === 0) return '';
  return ` Narrow the search with ${narrowBy.join(', ')} (each narrower search has its own window of ${MAX_PAGE_WINDOW}).`;
}

/** The page of `items` that `paging` asks for. */
export function page<T>(items: readonly T[], paging: Paging): T[] {
  return items.slice(paging.offset, paging.offset + paging.count);
}

/**
 * A `fromdate`/`todate` filter as a time in ms, read as Postmark reads it (src/postmark/dates.ts):
 * a time with a zone is that instant; one without is US Eastern time; a bare date
 * (`2024-05-01`) is the start of that Eastern day for `fromdate` and its end for `todate`.
 */
export function readDate(query: URLSearchParams, name: 'fromdate' | 'todate'): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const parts = parseDateParts(raw);
  if (parts === undefined)
    throw badQuery(`${name} '${raw}' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss).`);
  if (parts.hasTime || name === 'fromdate') return instantOf(parts);
  // The end of the day: the start of the next, less a millisecond.
  const next = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + 1));
  return (
    instantOf({
      ...parts,
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
    }) - 1
  );
}

/** A `true`/`false` filter; absent means "either". */
export function readBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw.toLowerCase() === 'true') return true;
  if (raw.toLowerCase() === 'false') return false;
  throw badQuery(`${name} must be true or false; got '${raw}'.`);
}

/** A filter that must be one of `values` (matched ignoring case); absent means "any". */
export function readChoice<T extends string>(
  query: URLSearchParams,
  name: string,
  values: readonly T[],
): T | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const found = values.find((value) => value.toLowerCase() === raw.toLowerCase());
  if (found === undefined) throw badQuery(`${name} '${raw}' is not one of ${values.join(', ')}.`);
  return found;
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
