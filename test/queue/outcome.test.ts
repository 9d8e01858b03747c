import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { InvalidTokenError } from '../../src/errors/invalid-token-error.js';
import { RateLimitError } from '../../src/errors/rate-limit-error.js';
import { ServerError } from '../../src/errors/server-error.js';
import { TimeoutError } from '../../src/errors/timeout-error.js';
import { outcomeOf, released, thrown } from '../../src/queue/outcome.js';
import type { BatchEntry } from '../../src/send/batch-entry.js';

const backoff = (attempt: number) => attempt * 1000;
const failed = (error: Error, errorCode?: number): BatchEntry => ({
  status: 'failed',
  index: 0,
  ...(errorCode === undefined ? {} : { errorCode }),
  message: error.message,
  error,
});

describe('what a worker records for a message', () => {
  it('sent: the MessageID and time', () => {
    const submittedAt = new Date(0);
    const entry: BatchEntry = {
      status: 'sent',
      index: 0,
      messageId: 'm-1',
      submittedAt,
      to: 'a@b.c',
    };
    expect(outcomeOf('job', 1, entry, backoff)).toEqual({
      settlement: { jobId: 'job', state: 'sent', messageId: 'm-1', submittedAt },
    });
  });

  it("refused: Postmark's ErrorCode, no new job", () => {
    const outcome = outcomeOf(
      'job',
      1,
      failed(new ApiError({ status: 422, errorCode: 300 }), 300),
      backoff,
    );
    expect(outcome.settlement).toMatchObject({
      state: 'refused',
      errorCode: 300,
      reason: 'ApiError',
    });
    expect(outcome.settlement.nextJobId).toBeUndefined();
  });

  it('unknown: a timeout or a 500, no new job', () => {
    for (const error of [
      new TimeoutError('slow', { timeout: 1 }),
      new ServerError({ status: 500 }),
    ]) {
      const outcome = outcomeOf('job', 1, failed(error), backoff);
      expect(outcome.settlement.state).toBe('unknown');
      expect(outcome.settlement.nextJobId).toBeUndefined();
      expect(outcome.delayMs).toBeUndefined();
    }
  });

  it('not taken (503): retrying under a new job, after the backoff of its attempt', () => {
    const outcome = outcomeOf(
      'job',
      3,
      failed(new ServerError({ status: 503, errorCode: 100 }), 100),
      backoff,
    );
    expect(outcome.settlement).toMatchObject({ state: 'retrying', reason: 'ServerError' });
    expect(outcome.settlement.nextJobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.settlement.nextJobId).not.toBe('job');
    expect(outcome.delayMs).toBe(3000);
    expect(outcome.rateLimited).toBeUndefined();
  });

  it("429: retrying, and the queue's workers are told to back off (with Retry-After when given)", () => {
    const error = new RateLimitError({ status: 429, errorCode: 429, retryAfterMs: 7000 });
    const outcome = outcomeOf('job', 1, failed(error, 429), backoff);
    expect(outcome.settlement.state).toBe('retrying');
    expect(outcome.rateLimited).toEqual({ retryAfterMs: 7000 });
  });

  it('refused for the account (401, ErrorCode 10, 405, 412, 413): retrying, and the queue backs off', () => {
    const refusals: [Error, number | undefined][] = [
      [new InvalidTokenError({ status: 401, errorCode: 10 }), 10],
      [new InvalidTokenError({ status: 401 }), undefined],
      [new ApiError({ status: 422, errorCode: 405 }), 405],
      [new ApiError({ status: 422, errorCode: 412 }), 412],
      [new ApiError({ status: 422, errorCode: 413 }), 413],
    ];
    for (const [error, code] of refusals) {
      const outcome = outcomeOf('job', 2, failed(error, code), backoff);
      expect(outcome.settlement).toMatchObject({ state: 'retrying', reason: error.name });
      expect(outcome.settlement.errorCode).toBe(code);
      expect(outcome.settlement.nextJobId).toMatch(/^[0-9a-f-]{36}$/);
      expect(outcome.delayMs).toBe(2000);
      expect(outcome.accountRefused).toBe(error);
    }
    // The message's own problems stay refused.
    for (const code of [300, 406, 400, 1101])
      expect(
        outcomeOf('job', 1, failed(new ApiError({ status: 422, errorCode: code }), code), backoff)
          .settlement.state,
      ).toBe('refused');
  });

  it('released unsent: queued again at once, and the attempt does not count', () => {
    expect(released('job')).toMatchObject({
      settlement: { jobId: 'job', state: 'queued', attemptsDelta: -1 },
      delayMs: 0,
    });
  });

  it('a batch call that threw: unknown', () => {
    expect(thrown('job', new Error('bug')).settlement).toMatchObject({
      state: 'unknown',
      reason: 'Error',
    });
  });
});
