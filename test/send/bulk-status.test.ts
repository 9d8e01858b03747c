import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, Sender, TimeoutError } from '../../src/index.js';
import { waitForBulk } from '../../src/send/bulk-status.js';
import { createClient } from '../../src/transport/client.js';
import { kyTransport } from '../../src/transport/ky-transport.js';
import { DEFAULT_RETRY } from '../../src/transport/retry.js';
import { rejection, reqheaders } from '../api/helpers.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const mailer = () => new Sender({ serverToken: TOKEN, retry: { baseDelay: 0 }, timeout: 2000 });
const client = () =>
  createClient({
    transport: kyTransport({ baseUrl: API }),
    token: TOKEN,
    timeout: 2000,
    retry: { ...DEFAULT_RETRY, baseDelay: 0 },
  });

// As Postmark answers it, with a null and a field the SDK does not know.
const status = (Status: string, PercentageCompleted: number) => ({
  Id: 'f24af63c-533d-4b7a-ad65-4a7b3202d3a7',
  SubmittedAt: '2024-03-05T18:07:16.2836669-05:00',
  TotalMessages: 100,
  PercentageCompleted,
  Status,
  Subject: null,
  Shiny: true,
});
const ID = 'f24af63c-533d-4b7a-ad65-4a7b3202d3a7';

describe('bulkStatus()', () => {
  it('reads GET /email/bulk/{id} in camelCase with a Date, without nulls', async () => {
    nock(API, { reqheaders }).get(`/email/bulk/${ID}`).reply(200, status('Processing', 40));
    expect(await mailer().bulkStatus(ID)).toEqual({
      id: ID,
      status: 'Processing',
      submittedAt: new Date('2024-03-05T23:07:16.283Z'),
      totalMessages: 100,
      percentageCompleted: 40,
    });
  });

  it('URL-encodes the id, retries as a read, and checks the id before any request', async () => {
    nock(API)
      .get('/email/bulk/a%2Fb')
      .reply(503)
      .get('/email/bulk/a%2Fb')
      .reply(200, { ...status('Completed', 100), Id: 'a/b' });
    expect((await mailer().bulkStatus('a/b')).id).toBe('a/b');
    await expect(mailer().bulkStatus('')).rejects.toThrow('bulkStatus(): the id is empty');
    await expect(mailer().bulkStatus(7 as never)).rejects.toThrow(/must be a string/);
  });
});

describe('waitForBulk()', () => {
  it('polls until Completed, pausing interval doubling up to maxInterval', async () => {
    nock(API)
      .get(`/email/bulk/${ID}`)
      .reply(200, status('Accepted', 0))
      .get(`/email/bulk/${ID}`)
      .reply(200, status('Processing', 10))
      .get(`/email/bulk/${ID}`)
      .reply(200, status('Processing', 90))
      .get(`/email/bulk/${ID}`)
      .reply(200, status('Completed', 100));
    const pauses: number[] = [];
    const done = await waitForBulk(
      client(),
      ID,
      { interval: 100, maxInterval: 300 },
      async (ms) => {
        pauses.push(ms);
      },
    );
    expect(done.status).toBe('Completed');
    expect(pauses).toEqual([100, 200, 300]);
  });

  it('ends at once with an ApiError when the request Failed, unless until asks for it', async () => {
    nock(API).get(`/email/bulk/${ID}`).twice().reply(200, status('Failed', 30));
    const error = await rejection(mailer().waitForBulk(ID, { interval: 1 }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toBe(
      `waitForBulk('${ID}'): the bulk request is Failed; it will not become Completed`,
    );
    expect((await mailer().waitForBulk(ID, { until: ['Completed', 'Failed'] })).status).toBe(
      'Failed',
    );
  });

  it('takes a predicate, and times out saying what it last saw', async () => {
    nock(API).get(`/email/bulk/${ID}`).reply(200, status('Processing', 60));
    const half = await mailer().waitForBulk(ID, {
      until: (s) => (s.percentageCompleted ?? 0) >= 50,
    });
    expect(half.percentageCompleted).toBe(60);

    // A transport that answers at once and ignores the signal: the deadline never aborts a
    // request nock is still answering (which crashes undici under nock on Node 20).
    const processing = createClient({
      transport: {
        request: async () => ({
          status: 200,
          headers: {},
          body: JSON.stringify(status('Processing', 60)),
        }),
      },
      token: TOKEN,
      timeout: 2000,
      retry: DEFAULT_RETRY,
    });
    const error = await rejection(waitForBulk(processing, ID, { interval: 5, timeout: 60 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(
      /not Completed within 60 ms; last check: Processing, 60% of 100 messages$/,
    );
  });

  it('checks its options before any request', async () => {
    const sender = mailer();
    await expect(sender.waitForBulk(ID, { until: 'Done' as never })).rejects.toThrow(
      /until must be one of Accepted, Processing, Completed, Failed/,
    );
    await expect(sender.waitForBulk(ID, { timeout: -1 })).rejects.toThrow(RangeError);
    await expect(sender.waitForBulk(ID, { untill: 'Completed' } as never)).rejects.toThrow(
      /did you mean "until"/,
    );
    await expect(sender.waitForBulk('')).rejects.toThrow(/the id is empty/);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(sender.waitForBulk(ID, { signal: controller.signal })).rejects.toThrow('stop');
  });
});
