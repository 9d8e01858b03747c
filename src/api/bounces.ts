import { callOptions } from '../options/call.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import {
  type Bounce,
  type BounceActivation,
  BounceActivationReading,
  type BounceList,
  BounceListReading,
  BounceReading,
  BounceTagsReading,
  DumpReading,
} from './bounce-results.js';
import { checkId } from './checks.js';
import { type BounceFilter, bounceQuery } from './filters.js';
import { DEFAULT_LIST_COUNT, iteratePages, MAX_PAGE_COUNT } from './paging.js';

/** Postmark's bounce ids are numbers; a string is taken as it is (and URL-encoded). */
export type BounceId = number | string;

/**
 * The Bounce API of one server: `server.bounces`. Reads retry on 5xx, 429 and timeouts.
 *
 * @example
 * const { totalCount, bounces } = await server.bounces.list({ type: 'HardBounce', count: 50 });
 */
export interface BouncesApi {
  /**
   * One page of bounces, newest first. `count` defaults to 100 and `offset` to 0; the filter
   * is checked before any request (`TypeError`/`RangeError` naming the field).
   * @example await server.bounces.list({ emailFilter: '@example.com', inactive: true });
   */
  list(filter?: BounceFilter, options?: RequestOptions): Promise<BounceList>;
  /**
   * Every matching bounce, fetching pages of `count` (default 500) as the loop goes. Throws
   * a `RangeError` when more than Postmark's window of 10,000 match, instead of stopping
   * quietly at the 10,000th (see docs/bounces-and-status.md).
   * @example for await (const bounce of server.bounces.all({ type: 'HardBounce' })) console.log(bounce.email);
   */
  all(filter?: BounceFilter, options?: RequestOptions): AsyncGenerator<Bounce, void, undefined>;
  /** @example const bounce = await server.bounces.get(692560173); */
  get(id: BounceId, options?: RequestOptions): Promise<Bounce>;
  /**
   * The raw bounce message (its source), or `''` when Postmark kept none (`dumpAvailable`).
   * @example const source = await server.bounces.dump(bounce.id);
   */
  dump(id: BounceId, options?: RequestOptions): Promise<string>;
  /**
   * Reactivates the bounced address so it can be sent to again (PUT). Postmark answers
   * ErrorCode 1003 (an `ApiError`) when the bounce cannot be activated (`canActivate`).
   * @example const { bounce } = await server.bounces.activate(bounce.id);
   */
  activate(id: BounceId, options?: RequestOptions): Promise<BounceActivation>;
  /** Tags of messages that bounced. @example const tags = await server.bounces.tags(); */
  tags(options?: RequestOptions): Promise<readonly string[]>;
}

/**
 * The Bounce API over `client`.
 * @example const bounces = createBouncesApi(client);
 */
export function createBouncesApi(client: Client): BouncesApi {
  return Object.freeze({
    async list(filter?: BounceFilter, options?: RequestOptions) {
      const { query, paging } = bounceQuery(filter, DEFAULT_LIST_COUNT, 'bounces.list()');
      options = callOptions('bounces.list()', options);
      return client.get('/bounces', { ...query, ...paging }, BounceListReading, options);
    },

    all(filter?: BounceFilter, options?: RequestOptions) {
      // Checked now, not at the first `next()`: a bad filter fails where it was written.
      const { query, paging, narrowBy } = bounceQuery(filter, MAX_PAGE_COUNT, 'bounces.all()');
      options = callOptions('bounces.all()', options);
      return iteratePages(
        async (page) => {
          const list = await client.get(
            '/bounces',
            { ...query, ...page },
            BounceListReading,
            options,
          );
          return { totalCount: list.totalCount, items: list.bounces };
        },
        paging,
        'bounces.all()',
        narrowBy,
      );
    },

    async get(id: BounceId, options?: RequestOptions) {
      const checked = checkId('bounces.get()', id, true);
      options = callOptions('bounces.get()', options);
      return client.get(pathTo`/bounces/${checked}`, {}, BounceReading, options);
    },

    async dump(id: BounceId, options?: RequestOptions) {
      const checked = checkId('bounces.dump()', id, true);
      options = callOptions('bounces.dump()', options);
      return client.get(pathTo`/bounces/${checked}/dump`, {}, DumpReading, options);
    },

    async activate(id: BounceId, options?: RequestOptions) {
      const checked = checkId('bounces.activate()', id, true);
      options = callOptions('bounces.activate()', options);
      // Activating twice leaves the address active, so a lost answer may be retried. A retry
      // after an activation that did happen can answer 1003 for a bounce that no longer
      // can be activated; that error is then reported as it came.
      return client.request({
        ...options,
        method: 'PUT',
        path: pathTo`/bounces/${checked}/activate`,
        schema: BounceActivationReading,
        idempotent: true,
      });
    },

    async tags(options?: RequestOptions) {
      options = callOptions('bounces.tags()', options);
      return client.get('/bounces/tags', {}, BounceTagsReading, options);
    },
  });
}
