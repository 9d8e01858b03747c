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
 * Checks `count` and `offset` against Postmark's limits before any request, so a search that
 * Postmark would refuse with a 422 fails here with the rule and the way out.
 */
export function checkPaging(count: unknown, offset: unknown, what: string): Paging {
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
      `${what}: count + offset must be at most ${MAX_PAGE_WINDOW} (Postmark's search window); got ${paging.count + paging.offset}. Narrow the search with fromDate and toDate.`,
    );
  }
  return paging;
}

/**
 * Every result of a search, page after page, from `start.offset` on. Stops after the last
 * page (a short or empty page, or `totalCount` reached). Postmark never shows a result past
 * its 10,000 window, so when more than that match, this throws a `RangeError` instead of
 * ending early as if it had seen them all: before the first result when the first page shows
 * it, or as soon as a later page does (results kept arriving).
 *
 * @example
 * for await (const bounce of iteratePages((count, offset) => fetchPage(count, offset), { count: 500, offset: 0 }, 'bounces.all()')) use(bounce);
 */
export async function* iteratePages<T>(
  fetchPage: (paging: Paging) => Promise<Page<T>>,
  start: Paging,
  what: string,
): AsyncGenerator<T, void, undefined> {
  let offset = start.offset;
  while (offset < MAX_PAGE_WINDOW) {
    // The last page reachable may be shorter than the rest: count + offset stays in the window.
    const count = Math.min(start.count, MAX_PAGE_WINDOW - offset);
    const page = await fetchPage({ count, offset });
    if (page.totalCount > MAX_PAGE_WINDOW) {
      throw new RangeError(
        `${what}: ${page.totalCount} results match, but Postmark shows only the first ${MAX_PAGE_WINDOW} of a search. Narrow it with fromDate and toDate and go through each range.`,
      );
    }
    yield* page.items;
    offset += page.items.length;
    if (page.items.length < count || offset >= page.totalCount) return;
  }
}
