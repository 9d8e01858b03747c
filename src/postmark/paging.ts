/** The most results one page of a Postmark search (bounces, messages, ...) may hold. */
export const MAX_PAGE_COUNT = 500;

/**
 * How deep Postmark lets a search go: `count + offset` is at most 10,000, so results past
 * the 10,000th can only be reached by narrowing the search (`fromDate`/`toDate`).
 */
export const MAX_PAGE_WINDOW = 10_000;
