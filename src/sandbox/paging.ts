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
 * A `fromdate`/`todate` filter as a time in ms. A bare date (`2024-05-01`) means the start of
 * that day for `fromdate` and its end for `todate`; times without a zone are read as UTC
 * (Postmark reads them in US Eastern time).
 */
export function readDate(query: URLSearchParams, name: 'fromdate' | 'todate'): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(raw);
  const time = Date.parse(dateOnly || hasZone ? raw : `${raw}Z`);
  if (Number.isNaN(time))
    throw badQuery(`${name} '${raw}' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss).`);
  return dateOnly && name === 'todate' ? time + 86_400_000 - 1 : time;
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
