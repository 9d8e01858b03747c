import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BatchSendError,
  InactiveRecipientError,
  isBatchSendError,
  Message,
  MessageValidationError,
  Sender,
  ServerError,
  TimeoutError,
  type Transport,
  type TransportRequest,
} from '../../src/index.js';
import { recordingTransport } from '../../src/testing/index.js';
import {
  accepted,
  bodyText,
  many,
  plain,
  recordingSender,
  TOKEN,
  templated,
} from '../helpers/fixtures.js';

const make = recordingSender;

describe('sendBatch()', () => {
  it('sends an empty list without a request', async () => {
    const { transport, mailer } = make();
    const batch = await mailer.sendBatch([]);
    expect(batch.results).toEqual([]);
    expect(transport.calls).toHaveLength(0);
    expect(batch.throwIfFailed()).toBe(batch);
  });

  it('takes an array (or another iterable) of messages, never a string or one message', async () => {
    const { transport, mailer } = make();
    for (const wrong of ['x', 42, undefined, null, plain(), { to: 'a@example.com' }]) {
      await expect(mailer.sendBatch(wrong as never)).rejects.toThrow(
        /^messages must be an array \(or another iterable\) of messages/,
      );
    }
    await expect(mailer.sendBatchWithTemplates('x' as never)).rejects.toThrow(TypeError);
    expect(transport.calls).toHaveLength(0);
    const fromSet = await mailer.sendBatch(new Set([plain('a@example.com')]));
    expect(fromSet.sent).toHaveLength(1);
  });

  it("reports a hole, undefined or null as that index's failure, never as a message of defaults", async () => {
    const { transport, mailer } = make({
      defaults: Message.from('app@example.com').to('everyone@example.com').text('Hi'),
    });
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    const sparse = [plain('a@example.com'), , plain('c@example.com'), undefined, null];
    const batch = await mailer.sendBatch(sparse as never);
    expect(batch.results.map((entry) => entry.status)).toEqual([
      'sent',
      'failed',
      'sent',
      'failed',
      'failed',
    ]);
    for (const index of [1, 3, 4]) {
      const entry = batch.results[index];
      expect(entry?.status === 'failed' && entry.error).toBeInstanceOf(MessageValidationError);
      expect(
        entry?.status === 'failed' && (entry.error as MessageValidationError).issues[0]?.code,
      ).toBe('message.missing');
    }
    expect(transport.messages.map((m) => m.To)).toEqual(['a@example.com', 'c@example.com']);
  });

  it('fails a plain object whose getter throws on its own, and sends the others', async () => {
    const { transport, mailer } = make();
    const hostile = {
      from: 'app@example.com',
      get to(): string {
        throw new Error('boom');
      },
      text: 'Hi',
    };
    const batch = await mailer.sendBatch([plain('a@example.com'), hostile, plain('c@example.com')]);
    expect(batch.results.map((entry) => entry.status)).toEqual(['sent', 'failed', 'sent']);
    const failed = batch.results[1];
    expect(failed?.status === 'failed' && failed.error).toBeInstanceOf(MessageValidationError);
    expect(failed?.status === 'failed' && failed.message).toContain(
      'reading this message threw Error: boom',
    );
    expect(transport.messages).toHaveLength(2);
    await expect(mailer.sendBatch([hostile], { requireAllValid: true })).rejects.toThrow(
      MessageValidationError,
    );
  });

  it('splits 1 201 messages into requests of 500, 500 and 201, results in input order', async () => {
    const { transport, mailer } = make();
    const batch = await mailer.sendBatch(many(1201));
    expect(transport.calls.map((call) => call.messages.length)).toEqual([500, 500, 201]);
    expect(transport.calls.every((call) => call.endpoint === '/email/batch')).toBe(true);
    expect(batch.results).toHaveLength(1201);
    expect(batch.sent).toHaveLength(1201);
    batch.results.forEach((entry, i) => {
      expect(entry).toMatchObject({ status: 'sent', index: i, to: `user${i}@example.com` });
    });
    // The messages went out in input order across the chunks, too.
    expect(transport.messages.map((m) => m.To)).toEqual(many(1201).map((m) => m.data.to[0]?.email));
  });

  it('reports each message Postmark refused, under an HTTP 200, and never as sent', async () => {
    const { transport, mailer } = make();
    transport.failMessage(1, 406).failMessage(3, 300, "Invalid 'To' address");
    const batch = await mailer.sendBatch(many(5));
    expect(batch.results.map((entry) => entry.status)).toEqual([
      'sent',
      'failed',
      'sent',
      'failed',
      'sent',
    ]);
    expect(batch.failed).toHaveLength(2);
    const [inactive, invalid] = batch.failed;
    expect(inactive).toMatchObject({ index: 1, errorCode: 406 });
    expect(inactive?.error).toBeInstanceOf(InactiveRecipientError);
    expect((inactive?.error as InactiveRecipientError | undefined)?.recipients).toEqual([
      'user1@example.com',
    ]);
    expect(invalid).toMatchObject({
      index: 3,
      errorCode: 300,
      message: "POST /email/batch: Postmark answered 200, ErrorCode 300: Invalid 'To' address",
    });
    expect(() => batch.throwIfFailed()).toThrow(BatchSendError);
    try {
      batch.throwIfFailed();
    } catch (error) {
      expect(isBatchSendError(error)).toBe(true);
      expect((error as BatchSendError).results).toBe(batch.results);
      expect((error as BatchSendError).failed.map((f) => f.index)).toEqual([1, 3]);
    }
  });

  it('fails invalid messages without sending them and still sends the valid ones', async () => {
    const { transport, mailer } = make({ defaults: Message.from('app@example.com') });
    const batch = await mailer.sendBatch([
      plain('a@example.com'),
      Message.to('b@example.com').subject('no body'),
      { to: 'not an address', text: 'x' },
      plain('d@example.com'),
      templated('e@example.com'),
    ]);
    expect(batch.results.map((entry) => entry.status)).toEqual([
      'sent',
      'failed',
      'failed',
      'sent',
      'failed',
    ]);
    for (const failure of batch.failed) {
      expect(failure.error).toBeInstanceOf(MessageValidationError);
      expect(failure).not.toHaveProperty('errorCode');
    }
    expect((batch.failed[2]?.error as MessageValidationError | undefined)?.issues[0]?.code).toBe(
      'template.unexpected',
    );
    expect(transport.calls).toHaveLength(1);
    expect(transport.messages.map((m) => m.To)).toEqual(['a@example.com', 'd@example.com']);
  });

  it('with requireAllValid sends nothing when any message is invalid', async () => {
    const { transport, mailer } = make();
    const error = await mailer
      .sendBatch([plain(), Message.to('b@example.com').text('x'), plain(), { from: 'x' }], {
        requireAllValid: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageValidationError);
    expect((error as MessageValidationError).issues.map((issue) => issue.path)).toEqual([
      '[1].from',
      '[3].from',
    ]);
    expect(transport.calls).toHaveLength(0);
  });

  it('fails every message of a request that failed as a whole, with the typed error', async () => {
    const { transport, mailer } = make();
    // Chunk 2 (call index 1) answers 500: a send is not retried after a 500.
    transport.failCall(1, 500);
    const batch = await mailer.sendBatch(many(1100));
    expect(transport.calls).toHaveLength(3);
    const failed = batch.failed.map((f) => f.index);
    expect(failed).toEqual(Array.from({ length: 500 }, (_, i) => 500 + i));
    expect(batch.failed[0]?.error).toBeInstanceOf(ServerError);
    expect(batch.failed[0]).not.toHaveProperty('errorCode');
    expect(batch.sent).toHaveLength(600);
  });

  it('keeps the ErrorCode of a whole request refused with one', async () => {
    const { transport, mailer } = make();
    transport.failCall(0, 401);
    const batch = await mailer.sendBatch(many(2));
    expect(batch.failed.map((f) => f.errorCode)).toEqual([10, 10]);
    expect(batch.failed[0]?.error.name).toBe('InvalidTokenError');
  });

  it('retries a chunk after a 503 and reports its messages sent', async () => {
    const { transport, mailer } = make();
    transport.failCall(0, 503);
    const batch = await mailer.sendBatch(many(3));
    expect(transport.calls).toHaveLength(2);
    expect(batch.sent).toHaveLength(3);
  });

  it('a chunk that timed out is failed (it may have been sent) and not retried', async () => {
    const { transport, mailer } = make();
    transport.failCall(0, 'timeout');
    const batch = await mailer.sendBatch(many(2));
    expect(transport.calls).toHaveLength(1);
    expect(batch.failed.map((f) => f.error)).toEqual([
      expect.any(TimeoutError),
      expect.any(TimeoutError),
    ]);
  });

  it('an answer with the wrong number of elements fails the whole chunk', async () => {
    const { transport, mailer } = make();
    transport.failCall(0, {
      status: 200,
      body: [{ ErrorCode: 0, MessageID: 'x', SubmittedAt: '2024-01-01T00:00:00Z', To: 'a' }],
    });
    const batch = await mailer.sendBatch(many(2));
    expect(batch.sent).toHaveLength(0);
    expect(batch.failed[0]?.message).toMatch(/answered 1 results for 2 messages/);
    expect(batch.failed[0]?.error).toBeInstanceOf(ApiError);
  });

  it('answers matched by position only when they fit: a reversed answer sends nothing', async () => {
    const { transport, mailer } = make();
    // u0, u1, u2 answered as u2, u1, u0: by position, u0 would be "sent" with u2's MessageID.
    transport.failCall(0, {
      status: 200,
      body: [2, 1, 0].map((i) => accepted(`user${i}@example.com`, `id-${i}`)),
    });
    const batch = await mailer.sendBatch(many(3));
    expect(batch.sent).toHaveLength(0);
    expect(batch.failed.map((f) => f.message)).toEqual(
      Array(3).fill(
        expect.stringMatching(/\[0\] names "user2@example.com".*which were sent is unknown/),
      ),
    );
  });

  it('an answer naming someone else entirely is never a sent message', async () => {
    const { transport, mailer } = make();
    transport.failCall(0, {
      status: 200,
      body: [accepted('user0@example.com'), accepted('stranger@elsewhere.test')],
    });
    const batch = await mailer.sendBatch(many(2));
    expect(batch.sent).toHaveLength(0);
    // Names, case and order of a message's own addresses are fine.
    transport.reset().failCall(0, {
      status: 200,
      body: [accepted('"User" <USER0@example.com>'), accepted('user1@example.com')],
    });
    expect((await mailer.sendBatch(many(2))).sent).toHaveLength(2);
  });

  it('a single send answered for another recipient fails, as possibly sent', async () => {
    const { transport, mailer } = make();
    transport.failCall(0, { status: 200, body: accepted('stranger@elsewhere.test') });
    await expect(mailer.send(plain('ada@example.com'))).rejects.toThrow(
      /names "stranger@elsewhere.test", not a recipient of this message/,
    );
  });

  it('an element accepted without a MessageID is not reported as sent', async () => {
    const { transport, mailer } = make();
    transport.failCall(0, { status: 200, body: [{ ErrorCode: 0, Message: 'OK' }] });
    const batch = await mailer.sendBatch(many(1));
    expect(batch.failed[0]?.message).toMatch(/no MessageID/);
  });

  it('splits by size: a batch over 50 MB goes in several requests', async () => {
    const { transport, mailer } = make();
    // 6 messages of ~9.4 MB each once base64-encoded: 56 MB in all.
    const bytes = new Uint8Array(7_000_000);
    const big = plain().attach({ name: 'data.dat', content: bytes });
    const batch = await mailer.sendBatch(Array.from({ length: 6 }, () => big));
    expect(transport.calls.map((call) => call.messages.length)).toEqual([5, 1]);
    for (const call of transport.calls)
      expect(JSON.stringify(call.body).length).toBeLessThanOrEqual(50_000_000);
    expect(batch.sent).toHaveLength(6);
  });

  it('fails a message too large for any batch request (with lowered limits), without sending it', async () => {
    const { transport, mailer } = make({ limits: { maxBatchBytes: 400 } });
    const batch = await mailer.sendBatch([
      plain('a@example.com'),
      plain().text('x'.repeat(500)),
      plain('c@example.com'),
    ]);
    expect(batch.results.map((entry) => entry.status)).toEqual(['sent', 'failed', 'sent']);
    expect((batch.failed[0]?.error as MessageValidationError | undefined)?.issues[0]?.code).toBe(
      'batch.tooLarge',
    );
    expect(transport.messages).toHaveLength(2);
  });

  it('packs requests by exact size when the size bounds are loose, each message as its own JSON', async () => {
    const bodies: string[] = [];
    const transport: Transport = {
      async request(request) {
        bodies.push(bodyText(request.body));
        const sent = JSON.parse(bodyText(request.body) || '[]') as { To: string }[];
        return { status: 200, headers: {}, body: JSON.stringify(sent.map((m) => accepted(m.To))) };
      },
    };
    const maxBatchBytes = 1000;
    const mailer = new Sender({ serverToken: TOKEN, transport, limits: { maxBatchBytes } });
    // Quotes and line breaks: JSON writes 2 bytes for each, the cheap bound counts 6.
    const messages = Array.from({ length: 12 }, (_, i) =>
      plain(`u${i}@example.com`).text('"\n'.repeat(20 + i)),
    );

    const batch = await mailer.sendBatch(messages);

    // What packing by exact sizes gives: as many whole messages per request as fit.
    const expected: string[] = [];
    let current: string[] = [];
    for (const json of messages.map((message) => JSON.stringify(message))) {
      if (current.length > 0 && `[${[...current, json].join(',')}]`.length > maxBatchBytes) {
        expected.push(`[${current.join(',')}]`);
        current = [];
      }
      current.push(json);
    }
    expected.push(`[${current.join(',')}]`);
    expect(expected.length).toBeLessThan(messages.length / 2); // bounds alone would send 12
    expect(bodies).toEqual(expected);
    expect(batch.sent).toHaveLength(12);
  });

  it('honours a lowered maxBatchMessages', async () => {
    const { transport, mailer } = make({ limits: { maxBatchMessages: 2 } });
    await mailer.sendBatch(many(5));
    expect(transport.calls.map((call) => call.messages.length)).toEqual([2, 2, 1]);
  });

  it('takes any iterable', async () => {
    const { mailer } = make();
    function* generate() {
      yield plain('a@example.com');
      yield plain('b@example.com');
    }
    expect((await mailer.sendBatch(generate())).sent.map((s) => s.to)).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
  });
});

describe('sendBatchWithTemplates()', () => {
  it('posts { Messages: [...] } to /email/batchWithTemplates, chunked', async () => {
    const { transport, mailer } = make();
    const list = Array.from({ length: 501 }, (_, i) => templated(`u${i}@example.com`));
    const batch = await mailer.sendBatchWithTemplates(list);
    expect(transport.calls.map((call) => [call.endpoint, call.messages.length])).toEqual([
      ['/email/batchWithTemplates', 500],
      ['/email/batchWithTemplates', 1],
    ]);
    expect(transport.calls[1]?.body).toEqual({
      Messages: [
        {
          From: 'app@example.com',
          To: 'u500@example.com',
          TemplateAlias: 'welcome',
          TemplateModel: { name: 'Ada' },
        },
      ],
    });
    expect(batch.sent).toHaveLength(501);
  });

  it('fails a message without a template', async () => {
    const { mailer } = make();
    const batch = await mailer.sendBatchWithTemplates([templated(), plain()]);
    expect(batch.results.map((entry) => entry.status)).toEqual(['sent', 'failed']);
    expect((batch.failed[0]?.error as MessageValidationError | undefined)?.issues[0]?.code).toBe(
      'template.missing',
    );
  });
});

describe('concurrency and order', () => {
  // Answers each request after a delay set per call, so later chunks can finish first.
  function slowTransport(
    delays: number[],
  ): Transport & { inFlight: number; maxInFlight: number; calls: number } {
    const inner = recordingTransport();
    const state = {
      inFlight: 0,
      maxInFlight: 0,
      calls: 0,
      async request(request: TransportRequest) {
        const delay = delays[state.calls++] ?? 0;
        state.inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        await new Promise((resolve) => setTimeout(resolve, delay));
        state.inFlight--;
        return inner.request(request);
      },
    };
    return state;
  }

  it('keeps input order when chunks finish out of order', async () => {
    const transport = slowTransport([60, 30, 0]);
    const mailer = new Sender({
      serverToken: TOKEN,
      transport,
      limits: { maxBatchMessages: 2 },
      concurrency: 3,
    });
    const batch = await mailer.sendBatch(many(6));
    expect(transport.maxInFlight).toBe(3);
    expect(
      batch.results.map((entry) => [entry.index, entry.status === 'sent' && entry.to]),
    ).toEqual(many(6).map((m, i) => [i, m.data.to[0]?.email]));
  });

  it('never has more requests in flight than `concurrency`', async () => {
    for (const concurrency of [1, 2, 4]) {
      const transport = slowTransport(Array.from({ length: 10 }, () => 5));
      const mailer = new Sender({
        serverToken: TOKEN,
        transport,
        limits: { maxBatchMessages: 1 },
        concurrency,
      });
      await mailer.sendBatch(many(10));
      expect(transport.calls).toBe(10);
      expect(transport.maxInFlight).toBe(concurrency);
    }
  });

  it('aborting fails the messages not yet answered, and keeps those that were sent', async () => {
    const controller = new AbortController();
    const inner = recordingTransport();
    const transport: Transport = {
      async request(request) {
        const answer = await inner.request(request);
        controller.abort(new Error('shutting down')); // after the first chunk was answered
        return answer;
      },
    };
    const mailer = new Sender({
      serverToken: TOKEN,
      transport,
      limits: { maxBatchMessages: 2 },
      concurrency: 1,
    });
    const batch = await mailer.sendBatch(many(6), { signal: controller.signal });
    expect(inner.calls).toHaveLength(1);
    expect(batch.results.map((entry) => entry.status)).toEqual([
      'sent',
      'sent',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(batch.failed[0]?.error.name).toBe('AbortError');
    expect(batch.failed[0]?.message).toMatch(/before this message was sent/);
    expect((batch.failed[0]?.error.cause as Error | undefined)?.message).toBe('shutting down');
  });

  it('an abort during a request fails that chunk as "may have been sent"', async () => {
    const controller = new AbortController();
    const transport: Transport = {
      request: (request) =>
        new Promise((_resolve, reject) => {
          request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
          controller.abort(new Error('deadline'));
        }),
    };
    const mailer = new Sender({ serverToken: TOKEN, transport });
    const batch = await mailer.sendBatch(many(2), { signal: controller.signal });
    expect(batch.failed).toHaveLength(2);
    expect(batch.failed[0]?.message).toMatch(/in flight \(it may have been sent\)/);
  });
});

describe('onProgress', () => {
  it('reports after each request, counting invalid messages from the start', async () => {
    const transport = recordingTransport().failMessage(1, 406);
    const mailer = new Sender({
      serverToken: TOKEN,
      transport,
      limits: { maxBatchMessages: 2 },
      concurrency: 1,
    });
    const seen: unknown[] = [];
    await mailer.sendBatch([...many(4), { to: 'bad' }], { onProgress: (p) => void seen.push(p) });
    expect(seen).toEqual([
      { done: 3, total: 5, sent: 1, failed: 2 },
      { done: 5, total: 5, sent: 3, failed: 2 },
    ]);
  });

  it('a throwing onProgress changes nothing', async () => {
    const { mailer } = make();
    const batch = await mailer.sendBatch(many(2), {
      onProgress: () => {
        throw new Error('display broke');
      },
    });
    expect(batch.sent).toHaveLength(2);
  });
});
