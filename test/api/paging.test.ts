import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  iteratePages,
  MAX_PAGE_WINDOW,
  type Page,
  type Paging,
  SearchWindowError,
} from '../../src/api/paging.js';
import { createTemplatesApi } from '../../src/api/templates.js';
import { Server } from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { apis, postmarkBounce, postmarkMessage, rejection } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const { bounces, messages } = apis();

const bouncePage = (total: number, ids: number[]) => ({
  TotalCount: total,
  Bounces: ids.map((ID) => postmarkBounce({ ID })),
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('bounces.all()', () => {
  it('goes through every page and stops after a last short page', async () => {
    const scope = nock(API)
      .get('/bounces')
      .query({ count: '2', offset: '0', tag: 'welcome' })
      .reply(200, bouncePage(5, [1, 2]))
      .get('/bounces')
      .query({ count: '2', offset: '2', tag: 'welcome' })
      .reply(200, bouncePage(5, [3, 4]))
      .get('/bounces')
      .query({ count: '2', offset: '4', tag: 'welcome' })
      .reply(200, bouncePage(5, [5]));
    const all = await collect(bounces.all({ count: 2, tag: 'welcome' }));
    expect(all.map((bounce) => bounce.id)).toEqual([1, 2, 3, 4, 5]);
    scope.done(); // and resetNock would fail on a fourth interceptor left unused
  });

  it('asks for pages of 500 by default and stops at totalCount without an empty extra page', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => i);
    const scope = nock(API)
      .get('/bounces')
      .query({ count: '500', offset: '0' })
      .reply(200, bouncePage(500, ids));
    expect(await collect(bounces.all())).toHaveLength(500);
    scope.done();
  });

  it('yields nothing for no match', async () => {
    nock(API).get('/bounces').query({ count: '500', offset: '0' }).reply(200, bouncePage(0, []));
    expect(await collect(bounces.all())).toEqual([]);
  });

  it('starts at the given offset and shortens the last page to stay inside the 10,000 window', async () => {
    const scope = nock(API)
      .get('/bounces')
      .query({ count: '500', offset: '9300' })
      .reply(
        200,
        bouncePage(
          10_000,
          Array.from({ length: 500 }, (_, i) => 9300 + i),
        ),
      )
      .get('/bounces')
      .query({ count: '200', offset: '9800' })
      .reply(
        200,
        bouncePage(
          10_000,
          Array.from({ length: 200 }, (_, i) => 9800 + i),
        ),
      );
    const all = await collect(bounces.all({ offset: 9300 }));
    expect(all).toHaveLength(700);
    expect(all.at(-1)?.id).toBe(9999);
    scope.done();
  });

  it('says so, before yielding anything, when more than 10,000 match', async () => {
    nock(API)
      .get('/bounces')
      .query({ count: '500', offset: '0' })
      .reply(200, bouncePage(12_345, [1, 2]));
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const bounce of bounces.all()) seen.push(bounce.id);
      })(),
    );
    expect(error).toBeInstanceOf(SearchWindowError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe(
      'bounces.all(): 12345 results match, but Postmark shows only the first 10000 of a search. Narrow it with fromDate and toDate and go through each range.',
    );
    expect(error).toMatchObject({ totalCount: 12_345, yielded: 0 });
    expect(seen).toEqual([]);
  });

  it('says so as soon as a later page shows the search grew past the window', async () => {
    nock(API)
      .get('/bounces')
      .query({ count: '2', offset: '0' })
      .reply(200, bouncePage(3, [1, 2]))
      .get('/bounces')
      .query({ count: '2', offset: '2' })
      .reply(200, bouncePage(10_001, [3, 4]));
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const bounce of bounces.all({ count: 2 })) seen.push(bounce.id);
      })(),
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(seen).toEqual([1, 2]);
  });

  it('checks the filter when called, not at the first next()', () => {
    expect(() => bounces.all({ count: 501 })).toThrow(RangeError);
    expect(() => bounces.all({ typo: 1 } as never)).toThrow(TypeError);
  });

  it('fetches lazily: breaking out early asks for no further page', async () => {
    nock(API)
      .get('/bounces')
      .query({ count: '2', offset: '0' })
      .reply(200, bouncePage(10, [1, 2]));
    for await (const bounce of bounces.all({ count: 2 })) {
      expect(bounce.id).toBe(1);
      break;
    }
  });
});

describe('messages.all()', () => {
  it('pages through outbound messages with the mapped filters', async () => {
    const page = (total: number, ids: string[]) => ({
      TotalCount: total,
      Messages: ids.map((MessageID) => postmarkMessage({ MessageID })),
    });
    const scope = nock(API)
      .get('/messages/outbound')
      .query({ count: '2', offset: '0', recipient: 'ada@example.com', metadata_userId: '42' })
      .reply(200, page(3, ['a', 'b']))
      .get('/messages/outbound')
      .query({ count: '2', offset: '2', recipient: 'ada@example.com', metadata_userId: '42' })
      .reply(200, page(3, ['c']));
    const all = await collect(
      messages.all({ count: 2, recipient: 'ada@example.com', metadata: { userId: '42' } }),
    );
    expect(all.map((message) => message.messageId)).toEqual(['a', 'b', 'c']);
    scope.done();
  });
});

describe('iteratePages()', () => {
  it('never asks past the window, even when pages keep coming full', async () => {
    const asked: Paging[] = [];
    const fetchPage = async (paging: Paging): Promise<Page<number>> => {
      asked.push(paging);
      return {
        totalCount: MAX_PAGE_WINDOW,
        items: Array.from({ length: paging.count }, (_, i) => paging.offset + i),
      };
    };
    const items = await collect(iteratePages(fetchPage, { count: 300, offset: 9000 }, 'test', []));
    expect(items).toHaveLength(1000);
    expect(asked).toEqual([
      { count: 300, offset: 9000 },
      { count: 300, offset: 9300 },
      { count: 300, offset: 9600 },
      { count: 100, offset: 9900 },
    ]);
  });

  it('stops at an empty page even if totalCount says more', async () => {
    let calls = 0;
    const items = await collect(
      iteratePages(
        async () => {
          calls++;
          return { totalCount: 50, items: [] };
        },
        { count: 10, offset: 0 },
        'test',
        [],
      ),
    );
    expect(items).toEqual([]);
    expect(calls).toBe(1);
  });
});

describe('all() of a search that takes no date filter, past the window', () => {
  const server = () => new Server({ serverToken: TOKEN, retry: { baseDelay: 0 }, timeout: 2000 });
  const open = (i: number) => ({
    RecordType: 'Open',
    MessageID: `m-${i}`,
    Recipient: 'ada@example.com',
    ReceivedAt: '2024-06-01T12:00:00.0000000-04:00',
  });

  it('yields every result of the window, then says how many it could not reach and what narrows it', async () => {
    const asked: Paging[] = [];
    const fetchPage = async (paging: Paging): Promise<Page<number>> => {
      asked.push(paging);
      return {
        totalCount: 12_345,
        items: Array.from({ length: paging.count }, (_, i) => paging.offset + i),
      };
    };
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of iteratePages(fetchPage, { count: 500, offset: 0 }, 'x.all()', [
          'tag',
        ]))
          seen.push(item);
      })(),
    );
    expect(seen).toHaveLength(MAX_PAGE_WINDOW);
    expect(seen.at(-1)).toBe(9999);
    expect(asked).toHaveLength(20);
    expect(error).toBeInstanceOf(SearchWindowError);
    expect(error).toMatchObject({ totalCount: 12_345, yielded: 10_000, narrowBy: ['tag'] });
  });

  it('opens.all() names the filters opens take, never fromDate', async () => {
    nock(API)
      .get('/messages/outbound/opens')
      .query({ count: '500', offset: '9500' })
      .reply(200, { TotalCount: 12_345, Opens: Array.from({ length: 500 }, (_, i) => open(i)) });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of server().opens.all({ offset: 9500 })) seen.push(event.messageId);
      })(),
    );
    expect(seen).toHaveLength(500);
    expect(error).toBeInstanceOf(SearchWindowError);
    expect((error as Error).message).toBe(
      'opens.all(): 12345 results match, but Postmark shows only the first 10000 of a search. It yielded the 500 it could reach; the 2345 past the 10000th were not reached. opens.all() takes no date filter: narrow it with recipient, tag, clientName, clientCompany, clientFamily, osName, osFamily, osCompany, platform, country, region, city, stream (each narrower search has its own window of 10000).',
    );
  });

  it('inboundRules.all() says that nothing narrows it', async () => {
    nock(API)
      .get('/triggers/inboundrules')
      .query({ count: '100', offset: '9900' })
      .reply(200, {
        TotalCount: 10_001,
        InboundRules: Array.from({ length: 100 }, (_, i) => ({ ID: i + 1, Rule: 'example.com' })),
      });
    const error = await rejection(
      (async () => {
        for await (const _ of server().inboundRules.all({ count: 100, offset: 9900 }));
      })(),
    );
    expect((error as Error).message).toMatch(
      /It yielded the 100 it could reach; the 1 past the 10000th were not reached\. inboundRules\.all\(\) takes no filter, so the API cannot reach the rest\.$/,
    );
  });

  it('a count + offset past the window names the filters of that search', () => {
    const templates = createTemplatesApi({} as never);
    expect(() => templates.all({ offset: 9600 })).toThrow(
      "templates.all(): count + offset must be at most 10000 (Postmark's search window); got 10100. templates.all() takes no date filter: narrow it with templateType, layoutTemplate (each narrower search has its own window of 10000).",
    );
    expect(() => bounces.all({ offset: 9600 })).toThrow(
      /got 10100\. Narrow it with fromDate and toDate/,
    );
  });
});
