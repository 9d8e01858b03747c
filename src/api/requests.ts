import type * as v from 'valibot';
import type { Client, RequestOptions } from '../transport/client.js';
import type { Query } from '../transport/types.js';
import { iteratePages, type Paging } from './paging.js';

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
  search: { readonly path: string; readonly query: Query; readonly paging: Paging },
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
  );
}
