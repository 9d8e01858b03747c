import { MAX_PAGE_COUNT, MAX_PAGE_WINDOW } from '../postmark/paging.js';

export { MAX_PAGE_COUNT, MAX_PAGE_WINDOW };

/** Page size of `list()` and `search()` when the filter gives no `count`. */
export const DEFAULT_LIST_COUNT = 100;

export interface Paging {
  readonly count: number;
  readonly offset: number;
}

/** One page of results and how many match in all. */
export interface Page<T> {
  readonly totalCount: number;
  readonly items: readonly T[];
}

/**
 * How to get past Postmark's window: the filters a search takes (its rule names, camelCase).
 * A search with `fromDate` and `toDate` can be cut into date ranges that each fit the window;
 * a search without them can only be narrowed by its other filters, if it has any.
 */
const byDate = (narrowBy: readonly string[]) =>
  narrowBy.includes('fromDate') && narrowBy.includes('toDate');

function howToNarrow(what: string, narrowBy: readonly string[]): string {
  if (byDate(narrowBy)) return 'Narrow it with fromDate and toDate and go through each range.';
  if (narrowBy.length === 0) return `${what} takes no filter, so the API cannot reach the rest.`;
  return `${what} takes no date filter: narrow it with ${narrowBy.join(', ')} (each narrower search has its own window of ${MAX_PAGE_WINDOW}).`;
}

/**
 * More results match a search than Postmark's window of 10,000 shows. A `RangeError`, so code
 * that catches those keeps working. `yielded` says how many `all()` gave before it threw: none
 * when the search takes `fromDate`/`toDate` and the first page showed it (cut the search
 * into ranges and go through each), every reachable one otherwise.
 *
 * @example
 * try { for await (const open of server.opens.all()) use(open); }
 * catch (error) { if (error instanceof SearchWindowError) console.warn(`${error.totalCount - error.yielded} not reached`); }
 */
export class SearchWindowError extends RangeError {
  override name = 'SearchWindowError';
  /** How many results matched, as Postmark's last page said. */
  readonly totalCount: number;
  /** How many results `all()` yielded before throwing. */
  readonly yielded: number;
  /** The filters the search takes (camelCase), the only ways to narrow it. */
  readonly narrowBy: readonly string[];

  constructor(what: string, totalCount: number, yielded: number, narrowBy: readonly string[]) {
    const shown = byDate(narrowBy)
      ? ''
      : ` It yielded the ${yielded} it could reach; the ${totalCount - MAX_PAGE_WINDOW} past the ${MAX_PAGE_WINDOW}th were not reached.`;
    super(
      `${what}: ${totalCount} results match, but Postmark shows only the first ${MAX_PAGE_WINDOW} of a search.${shown} ${howToNarrow(what, narrowBy)}`,
    );
    this.totalCount = totalCount;
    this.yielded = yielded;
    this.narrowBy = Object.freeze([...narrowBy]);
  }
}

/**
 * Checks `count` and `offset` against Postmark's limits before any request, so a search that
 * Postmark would refuse with a 422 fails here with the rule and the way out. `narrowBy` are
 * the search's filters, named in that way out.
 */
export function checkPaging(
  count: unknown,
  offset: unknown,
  what: string,
  narrowBy: readonly string[] = [],
): Paging {
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_PAGE_COUNT) {
    throw new RangeError(
      `${what}: count must be a whole number from 1 to ${MAX_PAGE_COUNT}; got ${String(count)}`,
    );
  }
  if (!Number.isInteger(offset) || (offset as number) < 0) {
    throw new RangeError(`${what}: offset must be a whole number ≥ 0; got ${String(offset)}`);
  }
  const paging = { count: count as number, offset: offset as number };
  if (paging.count + paging.offset > MAX_PAGE_WINDOW) {
    throw new RangeError(
      `${what}: count + offset must be at most ${MAX_PAGE_WINDOW} (Postmark's search window); got ${paging.count + paging.offset}. ${howToNarrow(what, narrowBy)}`,
    );
  }
  return paging;
}

/**
 * Every result of a search, page after page, from `start.offset` on. Stops after the last
 * page (a short or empty page, or `totalCount` reached). Postmark never shows a result past
 * its 10,000 window, so when more than that match, this never ends as if it had seen them
 * all; it throws a `SearchWindowError`. A search that takes `fromDate`/`toDate` (`narrowBy`)
 * throws before the first result when the first page shows it (or as soon as a later page
 * does): cut into date ranges, every result can be reached, so none is given twice. Any
 * other search yields the results Postmark shows, then throws saying how many were not
 * reached: they cannot be, and the reachable ones are still worth having.
 *
 * @example
 * for await (const bounce of iteratePages((paging) => fetchPage(paging), { count: 500, offset: 0 }, 'bounces.all()', ['fromDate', 'toDate'])) use(bounce);
 */
export async function* iteratePages<T>(
  fetchPage: (paging: Paging) => Promise<Page<T>>,
  start: Paging,
  what: string,
  narrowBy: readonly string[],
): AsyncGenerator<T, void, undefined> {
  const dated = byDate(narrowBy);
  let offset = start.offset;
  let totalCount = 0;
  while (offset < MAX_PAGE_WINDOW) {
    // The last page reachable may be shorter than the rest: count + offset stays in the window.
    const count = Math.min(start.count, MAX_PAGE_WINDOW - offset);
    const page = await fetchPage({ count, offset });
    totalCount = page.totalCount;
    if (dated && totalCount > MAX_PAGE_WINDOW)
      throw new SearchWindowError(what, totalCount, offset - start.offset, narrowBy);
    yield* page.items;
    offset += page.items.length;
    if (page.items.length < count || offset >= totalCount) return;
  }
  // Every page was full up to the window's end, and more match than it shows.
  if (totalCount > MAX_PAGE_WINDOW)
    throw new SearchWindowError(what, totalCount, offset - start.offset, narrowBy);
}
