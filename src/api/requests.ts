import type * as v from 'valibot';
import { callOptions } from '../options/call.js';
import type { Client, RequestOptions } from '../transport/client.js';
import type { Query } from '../transport/types.js';
import { type Rules, searchQuery } from './filters.js';
import { DEFAULT_LIST_COUNT, iteratePages, MAX_PAGE_COUNT, type Paging } from './paging.js';

/**
 * A write to the server (create, edit, delete, archive, suppress...): like a send, never
 * repeated once it may have been carried out; only what certainly was not taken (429, 503, a
 * refused connection) is retried.
 */
export function write<T>(
  client: Client,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: object | undefined,
  schema: v.GenericSchema<unknown, T>,
  options?: RequestOptions,
): Promise<T> {
  return client.request({
    ...options,
    method,
    path,
    body: body === undefined ? undefined : JSON.stringify(body),
    schema,
    idempotent: false,
  });
}

/**
 * Every item of a paged search, page after page within Postmark's 10,000 window (see
 * `iteratePages`): `items` picks the page's list from the answer.
 */
export function allPages<T, Page extends { readonly totalCount: number }>(
  client: Client,
  search: {
    readonly path: string;
    readonly query: Query;
    readonly paging: Paging;
    readonly narrowBy: readonly string[];
  },
  schema: v.GenericSchema<unknown, Page>,
  items: (page: Page) => readonly T[],
  what: string,
  options?: RequestOptions,
): AsyncGenerator<T, void, undefined> {
  return iteratePages(
    async (page) => {
      const answer = await client.get(search.path, { ...search.query, ...page }, schema, options);
      return { totalCount: answer.totalCount, items: items(answer) };
    },
    search.paging,
    what,
    search.narrowBy,
  );
}

/** One page of a search (`list()` or `search()`) and every page of it (`all()`). */
export interface PagedSearch<Filter, Item, Page> {
  page(filter?: Filter, options?: RequestOptions): Promise<Page>;
  all(filter?: Filter, options?: RequestOptions): AsyncGenerator<Item, void, undefined>;
}

/**
 * The two calls of a paged search at `path`: its filter checked against `rules` before any
 * request (`all()` checks at the call, not at the first `next()`), the call options too,
 * pages of 100 for one page and of 500 for `all()`. `names` name the calls in errors.
 *
 * @example
 * const { page, all } = pagedSearch(client, { path: '/templates', rules: FILTER, schema: ListReading, items: (page) => page.templates, names: ['templates.list()', 'templates.all()'] });
 */
export function pagedSearch<
  Filter extends object,
  Item,
  Page extends { readonly totalCount: number },
>(
  client: Client,
  search: {
    readonly path: string;
    readonly rules: Rules;
    readonly schema: v.GenericSchema<unknown, Page>;
    readonly items: (page: Page) => readonly Item[];
    readonly names: readonly [page: string, all: string];
  },
): PagedSearch<Filter, Item, Page> {
  const { path, rules, schema, items, names } = search;
  const request = (filter: Filter | undefined, defaultCount: number, what: string) => ({
    path,
    ...searchQuery(filter, rules, { defaultCount, what }),
  });
  return {
    async page(filter, options) {
      const { query, paging } = request(filter, DEFAULT_LIST_COUNT, names[0]);
      return client.get(path, { ...query, ...paging }, schema, callOptions(names[0], options));
    },
    all(filter, options) {
      const first = request(filter, MAX_PAGE_COUNT, names[1]);
      return allPages(client, first, schema, items, names[1], callOptions(names[1], options));
    },
  };
}
