import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isPostmarkError,
  isSuppressionBatchError,
  MAX_SUPPRESSIONS_PER_REQUEST,
  Server,
  ServerError,
  SuppressionBatchError,
} from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { rejection, reqheaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const { suppressions } = new Server({ serverToken: TOKEN, retry: { baseDelay: 0 } });

const PATH = '/message-streams/outbound/suppressions';

/** `count` distinct addresses. */
const addresses = (count: number) =>
  Array.from({ length: count }, (_, index) => `user${index}@example.com`);

/** The body Postmark takes for `emails`, and its answer giving each address `Status`. */
const request = (emails: readonly string[]) => ({
  Suppressions: emails.map((EmailAddress) => ({ EmailAddress })),
});
const answer = (emails: readonly string[], Status = 'Suppressed') => ({
  Suppressions: emails.map((EmailAddress) => ({ EmailAddress, Status, Message: null })),
});

describe('suppressions.list()', () => {
  it('sends the filter under Postmark’s names and reads camelCase with Dates', async () => {
    const scope = nock(API, { reqheaders })
      .get(`${PATH}/dump`)
      .query({
        SuppressionReason: 'HardBounce',
        Origin: 'Recipient',
        fromdate: '2019-12-01',
        todate: '2019-12-17T12:00:00',
        EmailAddress: 'bounce.address@wildbit.com',
      })
      .reply(200, {
        Suppressions: [
          {
            EmailAddress: 'bounce.address@wildbit.com',
            SuppressionReason: 'HardBounce',
            Origin: 'Recipient',
            CreatedAt: '2019-12-17T08:58:33-05:00',
            Added: 'later',
          },
        ],
        More: null,
      });
    const list = await suppressions.list('outbound', {
      suppressionReason: 'HardBounce',
      origin: 'Recipient',
      fromDate: '2019-12-01',
      toDate: new Date('2019-12-17T17:00:00Z'),
      emailAddress: ' bounce.address@wildbit.com ',
    });
    expect(list).toEqual({
      suppressions: [
        {
          emailAddress: 'bounce.address@wildbit.com',
          suppressionReason: 'HardBounce',
          origin: 'Recipient',
          createdAt: new Date('2019-12-17T13:58:33Z'),
          added: 'later',
        },
      ],
    });
    expect(list.suppressions[0]?.createdAt).toBeInstanceOf(Date);
    scope.done();
  });

  it('retries a read', async () => {
    nock(API).get(`${PATH}/dump`).reply(500, {});
    nock(API).get(`${PATH}/dump`).reply(200, { Suppressions: [] });
    expect(await suppressions.list('outbound')).toEqual({ suppressions: [] });
  });

  it('refuses a bad filter or stream id before any request', async () => {
    await expect(suppressions.list('outbound', { reason: 'HardBounce' } as never)).rejects.toThrow(
      /unknown filter 'reason'/,
    );
    await expect(
      suppressions.list('outbound', { suppressionReason: 'hardbounce' as never }),
    ).rejects.toThrow(/did you mean "HardBounce"/);
    await expect(suppressions.list('outbound', { origin: 'Postmark' as never })).rejects.toThrow(
      /'Postmark' is not one of Recipient, Customer, Admin/,
    );
    await expect(suppressions.list('outbound', { emailAddress: 'nobody' })).rejects.toThrow(
      /'nobody' is not an email address/,
    );
    await expect(
      suppressions.list('outbound', { fromDate: '2024-02-01', toDate: '2024-01-01' }),
    ).rejects.toThrow(/fromDate .* is after toDate/);
    await expect(suppressions.list('Outbound')).rejects.toThrow(
      /suppressions.list\(\): the stream id 'Outbound' must be lower-case/,
    );
    await expect(suppressions.list('../bounces')).rejects.toThrow(RangeError);
  });
});

describe('suppressions.add() and remove()', () => {
  it('add() POSTs { Suppressions: [{ EmailAddress }] } and reads each status', async () => {
    const scope = nock(API, { reqheaders })
      .post(PATH, {
        Suppressions: [
          { EmailAddress: 'good.address@wildbit.com' },
          { EmailAddress: 'x@example.com' },
        ],
      })
      .reply(200, {
        Suppressions: [
          { EmailAddress: 'good.address@wildbit.com', Status: 'Suppressed', Message: null },
          { EmailAddress: 'x@example.com', Status: 'Failed', Message: 'Something went wrong.' },
        ],
      });
    expect(
      await suppressions.add('outbound', ['good.address@wildbit.com', 'x@example.com']),
    ).toEqual({
      suppressions: [
        { emailAddress: 'good.address@wildbit.com', status: 'Suppressed' },
        { emailAddress: 'x@example.com', status: 'Failed', message: 'Something went wrong.' },
      ],
    });
    scope.done();
  });

  it('remove() POSTs to .../suppressions/delete', async () => {
    const scope = nock(API, { reqheaders })
      .post(`${PATH}/delete`, { Suppressions: [{ EmailAddress: 'spammy.address@wildbit.com' }] })
      .reply(200, {
        Suppressions: [
          {
            EmailAddress: 'spammy.address@wildbit.com',
            Status: 'Failed',
            Message: 'You do not have the required authority to change this suppression.',
          },
        ],
      });
    const { suppressions: [result] = [] } = await suppressions.remove('outbound', [
      'spammy.address@wildbit.com',
    ]);
    expect(result).toEqual({
      emailAddress: 'spammy.address@wildbit.com',
      status: 'Failed',
      message: 'You do not have the required authority to change this suppression.',
    });
    scope.done();
  });

  it(`splits 120 addresses into requests of ${MAX_SUPPRESSIONS_PER_REQUEST}, in order, and returns one result per address`, async () => {
    const emails = Object.freeze(addresses(120));
    const chunks = [emails.slice(0, 50), emails.slice(50, 100), emails.slice(100)];
    // Each interceptor takes only its own chunk, so a request out of order or of another size
    // finds none; the answers come back in the order the requests went.
    const scopes = chunks.map((chunk) =>
      nock(API, { reqheaders }).post(PATH, request(chunk)).reply(200, answer(chunk)),
    );
    const result = await suppressions.add('outbound', emails);
    expect(result.suppressions.map((entry) => entry.emailAddress)).toEqual(emails);
    expect(result.suppressions.every((entry) => entry.status === 'Suppressed')).toBe(true);
    expect(Object.isFrozen(result.suppressions)).toBe(true);
    for (const scope of scopes) scope.done();
  });

  it('keeps what was done when a later request fails, and sends nothing after it', async () => {
    const emails = addresses(120);
    nock(API)
      .post(`${PATH}/delete`, request(emails.slice(0, 50)))
      .reply(200, answer(emails.slice(0, 50), 'Deleted'));
    nock(API)
      .post(`${PATH}/delete`, request(emails.slice(50, 100)))
      .reply(500, { Message: 'Internal server error.' });
    nock(API).post(`${PATH}/delete`).reply(200, { Suppressions: [] }); // never asked for
    const error = await rejection(suppressions.remove('outbound', emails));
    expect(error).toBeInstanceOf(SuppressionBatchError);
    expect(isSuppressionBatchError(error)).toBe(true);
    expect(isPostmarkError(error)).toBe(true);
    const batch = error as SuppressionBatchError<'Deleted'>;
    expect(batch.name).toBe('SuppressionBatchError');
    expect(batch.done.suppressions.map((entry) => entry.emailAddress)).toEqual(emails.slice(0, 50));
    expect(batch.done.suppressions[0]).toEqual({
      emailAddress: 'user0@example.com',
      status: 'Deleted',
    });
    expect(batch.remaining).toEqual(emails.slice(50));
    expect(batch.cause).toBeInstanceOf(ServerError);
    expect(batch.message).toMatch(
      /^suppressions.remove\(\): a request failed after 50 addresses were done; .* the 70 others/,
    );
    // The failed write was not repeated, and the third request never went.
    expect(nock.pendingMocks()).toHaveLength(1);
    nock.cleanAll();
  });

  it('throws the request’s own error when the first request fails, and does not repeat a write', async () => {
    nock(API).post(PATH).reply(500, {});
    nock(API).post(PATH).reply(200, { Suppressions: [] });
    const error = await rejection(suppressions.add('outbound', addresses(120)));
    expect(error).toBeInstanceOf(ServerError);
    expect(nock.pendingMocks()).toHaveLength(1);
    nock.cleanAll();
  });

  it('checks every address before the first request, and leaves the list as it was', async () => {
    const emails = addresses(120);
    emails[110] = 'not-an-address';
    const copy = [...emails];
    await expect(suppressions.add('outbound', emails)).rejects.toThrow(
      "suppressions.add(): emails[110] 'not-an-address' is not an email address",
    );
    expect(emails).toEqual(copy);
    // A hole in a sparse list is not skipped.
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    await expect(suppressions.add('outbound', [, 'a@example.com'] as never)).rejects.toThrow(
      /emails\[0\] must be a string/,
    );
    await expect(suppressions.add('outbound', 'a@example.com' as never)).rejects.toThrow(
      /emails must be a list/,
    );
    await expect(suppressions.remove('out bound', ['a@example.com'])).rejects.toThrow(RangeError);
    await expect(suppressions.add('outbound', ['a@example.com'], { timeout: -1 })).rejects.toThrow(
      RangeError,
    );
  });

  it('sends no request for an empty list', async () => {
    expect(await suppressions.add('outbound', [])).toEqual({ suppressions: [] });
  });

  it('reports a malformed answer as an ApiError naming the field', async () => {
    nock(API)
      .post(PATH)
      .reply(200, { Suppressions: [{ EmailAddress: 'a@example.com', Status: 3 }] });
    expect(await rejection(suppressions.add('outbound', ['a@example.com']))).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/Suppressions\[0\]\.Status: expected a /),
    });
  });
});

describe('SuppressionBatchError', () => {
  it('keeps its name through minification, and the guard knows it only', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [new URL('../../src/api/suppression-batch-error.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const copy = await import(
      `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    );
    const error = new copy.SuppressionBatchError(
      'suppressions.add()',
      { suppressions: [] },
      ['a@example.com'],
      new Error('boom'),
    );
    expect(error.name).toBe('SuppressionBatchError');
    expect(isSuppressionBatchError(error)).toBe(true);
    expect(error).not.toBeInstanceOf(SuppressionBatchError);
    expect(error.remaining).toEqual(['a@example.com']);
    expect(error.message).toMatch(/Cause: boom$/);
    expect(isSuppressionBatchError(new Error('x'))).toBe(false);
    expect(
      isSuppressionBatchError(
        new ServerError({ status: 500, body: {}, request: 'POST /x' } as never),
      ),
    ).toBe(false);
  });
});
