import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY,
  type Outcome,
  parseRetryAfter,
  retryDelay,
  shouldRetry,
} from '../../src/transport/retry.js';

const status = (code: number, errorCode?: number): Outcome => ({
  kind: 'status',
  status: code,
  errorCode,
});
const safe = DEFAULT_RETRY;
const unsafe = { ...DEFAULT_RETRY, unsafe: true };

describe('shouldRetry', () => {
  const table: [string, Outcome, { send: boolean; unsafeSend: boolean; read: boolean }][] = [
    ['429', status(429), { send: true, unsafeSend: true, read: true }],
    ['422 with ErrorCode 429', status(422, 429), { send: true, unsafeSend: true, read: true }],
    ['503', status(503), { send: true, unsafeSend: true, read: true }],
    [
      'connection refused',
      { kind: 'network', safeToRetry: true },
      { send: true, unsafeSend: true, read: true },
    ],
    ['500', status(500), { send: false, unsafeSend: true, read: true }],
    ['502', status(502), { send: false, unsafeSend: true, read: true }],
    ['504', status(504), { send: false, unsafeSend: true, read: true }],
    ['timeout', { kind: 'timeout' }, { send: false, unsafeSend: true, read: true }],
    [
      'connection reset',
      { kind: 'network', safeToRetry: false },
      { send: false, unsafeSend: true, read: true },
    ],
    ['broken 200', { kind: 'broken' }, { send: false, unsafeSend: true, read: true }],
    ['401', status(401, 10), { send: false, unsafeSend: false, read: false }],
    ['413', status(413), { send: false, unsafeSend: false, read: false }],
    ['422', status(422, 300), { send: false, unsafeSend: false, read: false }],
    ['404', status(404), { send: false, unsafeSend: false, read: false }],
  ];

  it.each(table)('%s', (_name, outcome, expected) => {
    expect(shouldRetry(outcome, 1, safe, false)).toBe(expected.send);
    expect(shouldRetry(outcome, 1, unsafe, false)).toBe(expected.unsafeSend);
    expect(shouldRetry(outcome, 1, safe, true)).toBe(expected.read);
  });

  it('stops after `limit` retries', () => {
    const policy = { ...DEFAULT_RETRY, limit: 2 };
    expect([1, 2, 3].map((attempt) => shouldRetry(status(429), attempt, policy, false))).toEqual([
      true,
      true,
      false,
    ]);
    expect(shouldRetry(status(429), 1, { ...DEFAULT_RETRY, limit: 0 }, false)).toBe(false);
  });
});

describe('backoff', () => {
  const policy = { ...DEFAULT_RETRY, baseDelay: 100, maxDelay: 1000 };

  it('doubles the ceiling each attempt up to maxDelay', () => {
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, policy, almostOne))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('uses full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });

  it('Retry-After replaces the backoff, unjittered, unless it is over maxRetryAfter', () => {
    expect(retryDelay(1, policy, () => 0.5, 3000)).toBe(3000);
    expect(retryDelay(1, { ...policy, maxRetryAfter: 2000 }, () => 0.5, 3000)).toBeUndefined();
    expect(retryDelay(1, policy, () => 0.5, undefined)).toBe(50);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
