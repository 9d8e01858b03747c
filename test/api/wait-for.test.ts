import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageDetails } from '../../src/api/message-results.js';
import { pollDelay, WAIT_FOR_DEFAULTS, waitForMessage } from '../../src/api/wait-for.js';
import { ApiError, InvalidTokenError, isTimeoutError, TimeoutError } from '../../src/index.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { apis, postmarkDetails, postmarkEvent, rejection } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const { messages } = apis();
const ID = 'f3ee3d6a-2cd8-4a4b-9d4e-5b4fd1d6f0a1';
const PATH = `/messages/outbound/${ID}/details`;
const fast = { interval: 1, maxInterval: 4 };
const one = {
  Recipients: ['ada@example.com'],
  To: [{ Email: 'ada@example.com', Name: null }],
  Bcc: [],
};

describe('messages.waitFor() over HTTP', () => {
  it('polls until the recipient is delivered and resolves to those details', async () => {
    const scope = nock(API)
      .get(PATH)
      .reply(200, postmarkDetails([], { ...one, Status: 'Queued' }))
      .get(PATH)
      .reply(200, postmarkDetails([postmarkEvent('Opened', 'ada@example.com')], one))
      .get(PATH)
      .reply(200, postmarkDetails([postmarkEvent('Delivered', 'ada@example.com')], one));
    const details = await messages.waitFor(ID, fast);
    expect(details.events.map((event) => event.type)).toEqual(['Delivered']);
    scope.done();
  });

  it('resolves on a bounce too', async () => {
    nock(API)
      .get(PATH)
      .reply(200, postmarkDetails([], one))
      .get(PATH)
      .reply(
        200,
        postmarkDetails([postmarkEvent('Bounced', 'ADA@example.com', { BounceID: '9' })], one),
      );
    const details = await messages.waitFor(ID, fast);
    expect(details.events[0]?.details.bounceId).toBe('9');
  });

  it('waits for every recipient; a Transient event is not the end', async () => {
    const scope = nock(API)
      .get(PATH)
      .reply(200, postmarkDetails([postmarkEvent('Delivered', 'ada@example.com')]))
      .get(PATH)
      .reply(
        200,
        postmarkDetails([
          postmarkEvent('Delivered', 'ada@example.com'),
          postmarkEvent('Transient', 'audit@example.com'),
        ]),
      )
      .get(PATH)
      .reply(
        200,
        postmarkDetails([
          postmarkEvent('Delivered', 'ada@example.com'),
          postmarkEvent('Transient', 'audit@example.com'),
          postmarkEvent('Delivered', 'audit@example.com'),
        ]),
      );
    const details = await messages.waitFor(ID, fast);
    expect(details.events).toHaveLength(3);
    scope.done();
  });

  it('treats 701 right after sending as "not yet"', async () => {
    const scope = nock(API)
      .get(PATH)
      .reply(422, { ErrorCode: 701, Message: 'Message not found.' })
      .get(PATH)
      .reply(200, postmarkDetails([postmarkEvent('Delivered', 'ada@example.com')], one));
    expect((await messages.waitFor(ID, fast)).messageId).toBe(
      '0ac29aee-e1cd-480d-b08d-4f48548ff48d',
    );
    scope.done();
  });

  it('accepts a list of event types or a predicate as `until`', async () => {
    nock(API)
      .get(PATH)
      .reply(200, postmarkDetails([postmarkEvent('Delivered', 'ada@example.com')], one))
      .get(PATH)
      .reply(200, postmarkDetails([postmarkEvent('Opened', 'ada@example.com')], one));
    expect((await messages.waitFor(ID, { ...fast, until: ['Opened'] })).events[0]?.type).toBe(
      'Opened',
    );

    nock(API)
      .get(PATH)
      .reply(200, postmarkDetails([], { ...one, Status: 'Queued' }))
      .get(PATH)
      .reply(200, postmarkDetails([], { ...one, Status: 'Sent' }));
    expect(
      (await messages.waitFor(ID, { ...fast, until: (details) => details.status === 'Sent' }))
        .status,
    ).toBe('Sent');
  });

  it('times out with a TimeoutError that says what it waited for and what it saw', async () => {
    nock(API)
      .get(PATH)
      .times(1000)
      .reply(200, postmarkDetails([postmarkEvent('Transient', 'ada@example.com')], one));
    const started = Date.now();
    // The checks ignore the signal, so the deadline never aborts a request nock is still
    // answering (on Node 20 that crashes undici under nock's interceptor); aborting a check in
    // flight is covered below with a fake check.
    const error = await rejection(
      // Long enough that a loaded machine still completes a check before the deadline.
      waitForMessage(() => messages.details(ID), ID, { interval: 5, timeout: 400 }),
    );
    nock.cleanAll();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 400 });
    expect((error as Error).message).toBe(
      `messages.waitFor('${ID}'): no Delivered or Bounced event for every recipient within 400 ms; last check: status Sent, events Transient (ada@example.com)`,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('names ErrorCode 701 when the message never showed up', async () => {
    nock(API).get(PATH).times(1000).reply(422, { ErrorCode: 701, Message: 'Message not found.' });
    const error = await rejection(
      waitForMessage(() => messages.details(ID), ID, { interval: 5, timeout: 400 }),
    );
    nock.cleanAll();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(
      /last check: Postmark does not know the message \(ErrorCode 701\)$/,
    );
  });

  it('ends at once on another error', async () => {
    nock(API).get(PATH).reply(401, { ErrorCode: 10, Message: 'Bad token' });
    expect(await rejection(messages.waitFor(ID, fast))).toBeInstanceOf(InvalidTokenError);
    nock(API).get(PATH).reply(422, { ErrorCode: 702, Message: 'Other' });
    expect(await rejection(messages.waitFor(ID, fast))).toMatchObject({
      name: 'ApiError',
      errorCode: 702,
    });
  });

  it('stops when the signal aborts, with the signal’s reason, and asks nothing when already aborted', async () => {
    const controller = new AbortController();
    nock(API).get(PATH).reply(200, postmarkDetails([], one));
    // The caller gives up once the first answer is in, so no request is aborted mid-answer.
    const check = async () => {
      const answer = await messages.details(ID);
      controller.abort(new Error('user left'));
      return answer;
    };
    expect(
      await rejection(waitForMessage(check, ID, { ...fast, signal: controller.signal })),
    ).toMatchObject({ message: 'user left' });

    const aborted = AbortSignal.abort(new Error('never mind'));
    expect(await rejection(messages.waitFor(ID, { signal: aborted }))).toMatchObject({
      message: 'never mind',
    });
  });

  it('checks the id and the options before any request', async () => {
    await expect(messages.waitFor('')).rejects.toThrow(RangeError);
    await expect(messages.waitFor(ID, { interval: 0 })).rejects.toThrow(
      /interval must be a number of milliseconds, more than 0 to 2147483647/,
    );
    await expect(messages.waitFor(ID, { timeout: Number.NaN })).rejects.toThrow(RangeError);
    await expect(messages.waitFor(ID, { timeout: 2 ** 31 })).rejects.toThrow(RangeError);
    await expect(messages.waitFor(ID, { interval: 500, maxInterval: 100 })).rejects.toThrow(
      /maxInterval \(100\) is less than interval/,
    );
    await expect(messages.waitFor(ID, { until: [] })).rejects.toThrow(TypeError);
    await expect(messages.waitFor(ID, { until: 3 as never })).rejects.toThrow(TypeError);
    // A misspelt type would never match: refused at the call, with the type meant.
    await expect(messages.waitFor(ID, { until: 'Deliverd' as never })).rejects.toThrow(
      /until 'Deliverd' is not an event type \(did you mean "Delivered"\?\)/,
    );
    await expect(messages.waitFor(ID, { until: ['Bounced', 'opened' as never] })).rejects.toThrow(
      /did you mean "Opened"/,
    );
    await expect(messages.waitFor(ID, { intervalMs: 5 } as never)).rejects.toThrow(
      /unknown .* option "intervalMs" \(did you mean "interval"\?\)/,
    );
    await expect(messages.waitFor(ID, { signal: 'stop' as never })).rejects.toThrow(TypeError);
  });
});

describe('waitForMessage() timing', () => {
  const details = (events: MessageDetails['events'] = []): MessageDetails => ({
    messageId: ID,
    from: 'app@example.com',
    to: [{ email: 'ada@example.com' }],
    cc: [],
    bcc: [],
    recipients: ['ada@example.com'],
    subject: 'Hi',
    receivedAt: new Date(),
    status: 'Queued',
    attachments: [],
    metadata: {},
    events,
  });
  const delivered = details([
    { type: 'Delivered', recipient: 'ada@example.com', receivedAt: new Date(), details: {} },
  ]);

  it('checks at once, then pauses interval, doubling up to maxInterval', async () => {
    const pauses: number[] = [];
    let checks = 0;
    const result = await waitForMessage(
      async () => (++checks === 7 ? delivered : details()),
      ID,
      {},
      async (ms) => {
        pauses.push(ms);
      },
    );
    expect(result).toBe(delivered);
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(WAIT_FOR_DEFAULTS).toMatchObject({
      interval: 1000,
      maxInterval: 10_000,
      timeout: 60_000,
    });
    expect(pollDelay(1, 250, 1000)).toBe(250);
    expect(pollDelay(4, 250, 1000)).toBe(1000);
  });

  it('aborts a check still in flight when the timeout passes', async () => {
    const started = Date.now();
    const error = await rejection(
      waitForMessage(
        (signal) =>
          new Promise<MessageDetails>((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason));
          }),
        ID,
        { timeout: 30 },
      ),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/within 30 ms; last check: no answer yet$/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('lets a thrown predicate end the wait', async () => {
    const error = await rejection(
      waitForMessage(async () => details(), ID, {
        until: () => {
          throw new ApiError({ status: 200 }, 'predicate failed');
        },
      }),
    );
    expect((error as Error).message).toBe('predicate failed');
  });

  it('matches the recipients of To, Cc and Bcc when Postmark lists no Recipients', async () => {
    const result = await waitForMessage(async () => ({ ...delivered, recipients: [] }), ID, {});
    expect(result.events).toHaveLength(1);
  });
});
