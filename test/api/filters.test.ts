import { describe, expect, it } from 'vitest';
import { filterDate } from '../../src/api/dates.js';
import { bounceQuery, messageQuery } from '../../src/api/filters.js';
import { checkPaging, MAX_PAGE_COUNT, MAX_PAGE_WINDOW } from '../../src/api/paging.js';
import { readPostmarkDate } from '../../src/postmark/dates.js';

const bounces = (filter: object) => bounceQuery(filter as never, 100, 'bounces.list()');
const messages = (filter: object) => messageQuery(filter as never, 100, 'messages.search()');

describe('bounce filters', () => {
  it('map every camelCase field to the query name Postmark documents', () => {
    const { query, paging } = bounces({
      count: 25,
      offset: 50,
      type: 'SpamComplaint',
      inactive: false,
      emailFilter: '@example.com',
      tag: 'welcome',
      messageId: 'abc-123',
      fromDate: '2024-05-01',
      toDate: '2024-05-02T12:30:00',
    });
    expect(query).toEqual({
      type: 'SpamComplaint',
      inactive: false,
      emailFilter: '@example.com',
      tag: 'welcome',
      messageID: 'abc-123',
      fromdate: '2024-05-01',
      todate: '2024-05-02T12:30:00',
    });
    expect(paging).toEqual({ count: 25, offset: 50 });
  });

  it('default to the given count and offset 0, and leave out undefined fields', () => {
    expect(bounces({})).toMatchObject({ query: {}, paging: { count: 100, offset: 0 } });
    expect(bounceQuery(undefined, 500, 'bounces.all()').paging).toEqual({ count: 500, offset: 0 });
    expect(bounces({ tag: undefined, type: undefined }).query).toEqual({});
  });

  it('refuse an unknown bounce type, listing the valid ones, and hint at a case slip', () => {
    expect(() => bounces({ type: 'Bounced' })).toThrow(RangeError);
    expect(() => bounces({ type: 'Bounced' })).toThrow(
      /type 'Bounced' is not a Postmark bounce type; use one of HardBounce, Transient, .*TemplateRenderingFailed/,
    );
    expect(() => bounces({ type: 'hardbounce' })).toThrow(/did you mean 'HardBounce'\?/);
    expect(() => bounces({ type: 1 })).toThrow(TypeError);
    expect(() => bounces({ type: 'toString' })).toThrow(RangeError);
  });

  it('refuse an unknown key instead of ignoring it, naming the known ones', () => {
    expect(() => bounces({ emailfilter: 'x' })).toThrow(TypeError);
    expect(() => bounces({ emailfilter: 'x' })).toThrow(
      'bounces.list(): unknown filter \'emailfilter\' (did you mean "emailFilter"?); known filters: count, offset, type, inactive, emailFilter',
    );
    // metadata is a message filter only
    expect(() => bounces({ metadata: { a: 'b' } })).toThrow(/unknown filter 'metadata'/);
  });

  it('refuse values of the wrong type or empty strings, naming the field', () => {
    expect(() => bounces({ inactive: 'yes' })).toThrow(
      'bounces.list(): inactive must be true or false',
    );
    expect(() => bounces({ tag: 7 })).toThrow('bounces.list(): tag must be a string');
    expect(() => bounces({ tag: '' })).toThrow(/tag is empty; leave it out/);
    expect(() => bounces(null as never)).toThrow(TypeError);
    expect(() => bounces([] as never)).toThrow(TypeError);
    expect(() => bounceQuery('tag' as never, 100, 'x')).toThrow(TypeError);
  });
});

describe('paging limits', () => {
  it('accept the edges and refuse past them before any request', () => {
    expect(checkPaging(MAX_PAGE_COUNT, MAX_PAGE_WINDOW - MAX_PAGE_COUNT, 'x')).toEqual({
      count: 500,
      offset: 9500,
    });
    expect(() => bounces({ count: 501 })).toThrow(
      /count must be a whole number from 1 to 500; got 501/,
    );
    expect(() => bounces({ count: 0 })).toThrow(RangeError);
    expect(() => bounces({ count: 1.5 })).toThrow(RangeError);
    expect(() => bounces({ count: '10' })).toThrow(RangeError);
    expect(() => bounces({ offset: -1 })).toThrow(/offset must be a whole number ≥ 0/);
    expect(() => bounces({ count: 500, offset: 9501 })).toThrow(
      /count \+ offset must be at most 10000 \(Postmark's search window\); got 10001/,
    );
    expect(() => messages({ count: 1, offset: 10_000 })).toThrow(RangeError);
  });
});

describe('message filters', () => {
  it('map every field, metadata to metadata_<key>', () => {
    const { query, paging } = messages({
      recipient: 'ada@example.com',
      fromEmail: 'app@example.com',
      tag: 'welcome',
      status: 'sent',
      fromDate: '2024-05-01',
      toDate: '2024-05-01',
      subject: 'Hi there',
      stream: 'outbound',
      metadata: { userId: '42', 'order id': 'A&B' },
    });
    expect(query).toEqual({
      recipient: 'ada@example.com',
      fromemail: 'app@example.com',
      tag: 'welcome',
      status: 'sent',
      fromdate: '2024-05-01',
      todate: '2024-05-01',
      subject: 'Hi there',
      messagestream: 'outbound',
      metadata_userId: '42',
      'metadata_order id': 'A&B',
    });
    expect(paging).toEqual({ count: 100, offset: 0 });
  });

  it('refuse an unknown status, bad metadata and unknown keys', () => {
    expect(() => messages({ status: 'delivered' })).toThrow(
      "messages.search(): status 'delivered' is not a status; use one of queued, sent, processed",
    );
    expect(() => messages({ status: 'Sent' })).toThrow(RangeError);
    expect(() => messages({ metadata: { userId: 42 } })).toThrow(
      'messages.search(): metadata.userId must be a string',
    );
    expect(() => messages({ metadata: 'userId=42' })).toThrow(TypeError);
    expect(() => messages({ metadata: { '': 'x' } })).toThrow(/empty key/);
    expect(() => messages({ messageStream: 'outbound' })).toThrow(
      /unknown filter 'messageStream'.*stream.*metadata/,
    );
  });
});

describe('filters are only read', () => {
  it('never change the caller’s object, frozen or not', () => {
    const metadata = Object.freeze({ userId: '42' });
    const filter = Object.freeze({
      tag: 'welcome',
      fromDate: new Date('2024-01-15T17:00:00Z'),
      metadata,
    });
    const copy = structuredClone(filter);
    messages(filter);
    expect(filter).toEqual(copy);
    const plain = { type: 'HardBounce', count: 10 };
    bounces(plain);
    expect(plain).toEqual({ type: 'HardBounce', count: 10 });
    expect(Object.isFrozen(bounces(plain).query)).toBe(true);
  });
});

describe('date filters', () => {
  it('send a Date as the Eastern wall-clock time Postmark reads, across daylight saving', () => {
    expect(filterDate('fromDate', new Date('2024-01-15T17:00:00Z'))).toBe('2024-01-15T12:00:00'); // EST
    expect(filterDate('fromDate', new Date('2024-07-01T16:00:00.999Z'))).toBe(
      '2024-07-01T12:00:00',
    ); // EDT
    expect(filterDate('fromDate', new Date('2024-03-10T06:59:59Z'))).toBe('2024-03-10T01:59:59');
    expect(filterDate('fromDate', new Date('2024-03-10T07:00:00Z'))).toBe('2024-03-10T03:00:00');
    expect(filterDate('toDate', new Date('2024-01-01T04:00:00Z'))).toBe('2023-12-31T23:00:00');
  });

  it('convert strings with a zone, and pass zone-less ones through in Postmark’s form', () => {
    expect(filterDate('fromDate', '2024-01-15T17:00:00Z')).toBe('2024-01-15T12:00:00');
    expect(filterDate('fromDate', '2024-01-15T17:00:00.123+01:00')).toBe('2024-01-15T11:00:00');
    expect(filterDate('fromDate', '2024-01-15T12:00')).toBe('2024-01-15T12:00:00');
    expect(filterDate('fromDate', '2024-01-15T12:00:05.5')).toBe('2024-01-15T12:00:05');
    expect(filterDate('fromDate', '2024-01-15')).toBe('2024-01-15');
  });

  it('refuse what is not a date, naming the field', () => {
    expect(() => filterDate('fromDate', 'yesterday')).toThrow(/fromDate 'yesterday' is not a date/);
    expect(() => filterDate('fromDate', '2024-02-30')).toThrow(RangeError);
    expect(() => filterDate('fromDate', '2024-01-15T24:00:00')).toThrow(RangeError);
    expect(() => filterDate('toDate', new Date('nope'))).toThrow('toDate is an invalid Date');
    expect(() => filterDate('toDate', 1_700_000_000_000)).toThrow(TypeError);
    expect(() => bounces({ fromDate: 'soon' })).toThrow(/bounces.list\(\): fromDate 'soon'/);
  });

  it('refuse a fromDate after the toDate', () => {
    expect(() => bounces({ fromDate: '2024-05-02', toDate: '2024-05-01' })).toThrow(
      'bounces.list(): fromDate (2024-05-02) is after toDate (2024-05-01)',
    );
    expect(() => bounces({ fromDate: '2024-05-01T10:00:00', toDate: '2024-05-01' })).not.toThrow();
    expect(() => bounces({ fromDate: '2024-05-01', toDate: '2024-05-01T00:00:00' })).not.toThrow();
  });
});

describe('dates in answers', () => {
  it('read Postmark’s offsets and up to 7 fractional digits', () => {
    expect(readPostmarkDate('2024-01-15T16:09:19.6421112-05:00')?.toISOString()).toBe(
      '2024-01-15T21:09:19.642Z',
    );
    expect(readPostmarkDate('2019-11-05T16:33:54.9070259Z')?.toISOString()).toBe(
      '2019-11-05T16:33:54.907Z',
    );
    expect(readPostmarkDate('2024-05-01T10:00:00+0530')?.toISOString()).toBe(
      '2024-05-01T04:30:00.000Z',
    );
  });

  it('read a zone-less time as Eastern, as Postmark writes its own', () => {
    expect(readPostmarkDate('2024-01-15T12:00:00')?.toISOString()).toBe('2024-01-15T17:00:00.000Z');
    expect(readPostmarkDate('2024-07-01T12:00:00.250')?.toISOString()).toBe(
      '2024-07-01T16:00:00.250Z',
    );
  });

  it('give undefined for what is not a date-time', () => {
    expect(readPostmarkDate('2024-01-15')).toBeUndefined();
    expect(readPostmarkDate('2024-13-01T00:00:00Z')).toBeUndefined();
    expect(readPostmarkDate('Mon, 15 Jan 2024 12:00:00 GMT')).toBeUndefined();
  });
});
