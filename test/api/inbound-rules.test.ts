import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Server } from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { apis, rejection, reqheaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const { inboundRules } = apis();

describe('inboundRules.list() and all()', () => {
  it('reads GET /triggers/inboundrules in camelCase, 100 from offset 0 by default', async () => {
    const scope = nock(API, { reqheaders })
      .get('/triggers/inboundrules')
      .query({ count: '100', offset: '0' })
      .reply(200, {
        TotalCount: 2,
        InboundRules: [
          { ID: 3, Rule: 'someone@example.com' },
          { ID: 7, Rule: 'baddomain.com', CreatedBy: 'api' },
        ],
      });
    expect(await inboundRules.list()).toEqual({
      totalCount: 2,
      inboundRules: [
        { id: 3, rule: 'someone@example.com' },
        { id: 7, rule: 'baddomain.com', createdBy: 'api' },
      ],
    });
    scope.done();
  });

  it('pages with count and offset; all() goes through every page', async () => {
    const scope = nock(API)
      .get('/triggers/inboundrules')
      .query({ count: '2', offset: '4' })
      .reply(200, { TotalCount: 6, InboundRules: [] })
      .get('/triggers/inboundrules')
      .query({ count: '2', offset: '0' })
      .reply(200, {
        TotalCount: 3,
        InboundRules: [
          { ID: 1, Rule: 'a.example' },
          { ID: 2, Rule: 'b.example' },
        ],
      })
      .get('/triggers/inboundrules')
      .query({ count: '2', offset: '2' })
      .reply(200, { TotalCount: 3, InboundRules: [{ ID: 3, Rule: 'c.example' }] });
    expect((await inboundRules.list({ count: 2, offset: 4 })).totalCount).toBe(6);
    const rules: string[] = [];
    for await (const { rule } of inboundRules.all({ count: 2 })) rules.push(rule);
    expect(rules).toEqual(['a.example', 'b.example', 'c.example']);
    scope.done();
  });

  it('refuses a filter it does not take, before any request', async () => {
    await expect(inboundRules.list({ rule: 'x' } as never)).rejects.toThrow(
      /unknown filter 'rule'; known filters: count, offset/,
    );
    expect(() => inboundRules.all({ count: 501 })).toThrow(RangeError);
  });

  it('reports a malformed answer and retries a read after a 500', async () => {
    nock(API).get('/triggers/inboundrules').query(true).reply(500, {});
    nock(API)
      .get('/triggers/inboundrules')
      .query(true)
      .reply(200, { TotalCount: 0, InboundRules: [] });
    expect(await inboundRules.list()).toEqual({ totalCount: 0, inboundRules: [] });

    const strict = apis({ retry: { limit: 0 } }).inboundRules;
    nock(API)
      .get('/triggers/inboundrules')
      .query(true)
      .reply(200, { TotalCount: 1, InboundRules: [{ ID: 1, Rule: null }] });
    expect(await rejection(strict.list())).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/InboundRules\[0\]\.Rule: expected a /),
    });
  });
});

describe('inboundRules.create() and delete()', () => {
  it('create() sends { Rule } (trimmed) and reads the rule back', async () => {
    const input = { rule: ' spammer@example.com ' };
    const scope = nock(API, { reqheaders })
      .post('/triggers/inboundrules', { Rule: 'spammer@example.com' })
      .reply(200, { ID: 15, Rule: 'spammer@example.com' })
      .post('/triggers/inboundrules', { Rule: 'example.co.uk' })
      .reply(200, { ID: 16, Rule: 'example.co.uk' });
    expect(await inboundRules.create(input)).toEqual({ id: 15, rule: 'spammer@example.com' });
    expect(input).toEqual({ rule: ' spammer@example.com ' });
    expect((await inboundRules.create({ rule: 'example.co.uk' })).id).toBe(16);
    scope.done();
  });

  it('refuses what is neither an address nor a domain, before any request', async () => {
    for (const rule of ['localhost', '*.example.com', 'a b@example.com', '@example.com', 'x@']) {
      await expect(inboundRules.create({ rule })).rejects.toThrow(
        /inboundRules.create\(\): rule '.*' is neither an email address nor a domain/,
      );
    }
    await expect(inboundRules.create({ rule: '' })).rejects.toThrow(RangeError);
    await expect(inboundRules.create({} as never)).rejects.toThrow('rule is required');
    await expect(inboundRules.create({ rules: 'a.example' } as never)).rejects.toThrow(
      /unknown field 'rules' \(did you mean "rule"\?\)/,
    );
    await expect(inboundRules.create('a.example' as never)).rejects.toThrow(
      /expected an object such as/,
    );
  });

  it('create() is not repeated after a 500; a duplicate is Postmark’s 810', async () => {
    const scope = nock(API).post('/triggers/inboundrules').reply(500, {});
    expect(await rejection(inboundRules.create({ rule: 'a.example' }))).toMatchObject({
      name: 'ServerError',
      status: 500,
    });
    scope.done();

    nock(API)
      .post('/triggers/inboundrules')
      .reply(422, { ErrorCode: 810, Message: 'This inbound rule already exists.' });
    expect(await rejection(inboundRules.create({ rule: 'a.example' }))).toMatchObject({
      name: 'ApiError',
      errorCode: 810,
    });
  });

  it('delete() sends DELETE with a numeric id and reads the confirmation; not repeated after a 500', async () => {
    const scope = nock(API, { reqheaders })
      .delete('/triggers/inboundrules/15')
      .reply(200, { ErrorCode: 0, Message: 'Rule someone@example.com removed.' });
    expect(await inboundRules.delete(15)).toEqual({ message: 'Rule someone@example.com removed.' });
    scope.done();

    const once = nock(API).delete('/triggers/inboundrules/16').reply(500, {});
    expect(await rejection(inboundRules.delete(16))).toMatchObject({ status: 500 });
    once.done();

    await expect(inboundRules.delete('15' as never)).rejects.toThrow(
      'inboundRules.delete(): the id must be a number',
    );
    await expect(inboundRules.delete(-2)).rejects.toThrow(RangeError);
  });

  it('on a Server: server.inboundRules', async () => {
    const server = new Server({ serverToken: TOKEN, retry: { baseDelay: 0 } });
    const scope = nock(API, { reqheaders })
      .get('/triggers/inboundrules')
      .query(true)
      .reply(200, { TotalCount: 0, InboundRules: [] });
    expect((await server.inboundRules.list()).totalCount).toBe(0);
    scope.done();
  });
});
