import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BatchResult,
  BatchSendError,
  InactiveRecipientError,
  InvalidTokenError,
  isApiError,
  isBatchSendError,
  isInactiveRecipientError,
  isInvalidTokenError,
  isNetworkError,
  isPostmarkError,
  isRateLimitError,
  isServerError,
  isTimeoutError,
  NetworkError,
  PostmarkError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import { isWebhookPayloadError, WebhookPayloadError } from '../../src/webhooks/index.js';

const details = {
  status: 422,
  errorCode: 300,
  apiMessage: 'Invalid email request',
  body: {},
  request: 'POST /email',
};

const cases = [
  { name: 'ApiError', make: () => new ApiError(details), guard: isApiError },
  {
    name: 'InvalidTokenError',
    make: () => new InvalidTokenError({ ...details, status: 401, errorCode: 10 }),
    guard: isInvalidTokenError,
  },
  {
    name: 'InactiveRecipientError',
    make: () => new InactiveRecipientError({ ...details, errorCode: 406, recipients: ['a@b.co'] }),
    guard: isInactiveRecipientError,
  },
  {
    name: 'RateLimitError',
    make: () => new RateLimitError({ ...details, status: 429 }),
    guard: isRateLimitError,
  },
  {
    name: 'ServerError',
    make: () => new ServerError({ ...details, status: 500 }),
    guard: isServerError,
  },
  {
    name: 'NetworkError',
    make: () => new NetworkError('no answer', { safeToRetry: false }),
    guard: isNetworkError,
  },
  {
    name: 'TimeoutError',
    make: () => new TimeoutError('too slow', { timeout: 10 }),
    guard: isTimeoutError,
  },
  { name: 'BatchSendError', make: () => new BatchSendError([]), guard: isBatchSendError },
  {
    name: 'WebhookPayloadError',
    make: () => new WebhookPayloadError([{ path: 'BouncedAt', message: 'expected a date-time' }]),
    guard: isWebhookPayloadError,
  },
] as const;

describe('error classes', () => {
  it.each(cases)(
    '$name sets its own name and is recognised by its guard',
    ({ name, make, guard }) => {
      const error = make();
      expect(error.name).toBe(name);
      expect(Object.hasOwn(error, 'name')).toBe(true); // set explicitly, not read from the constructor
      expect(error).toBeInstanceOf(PostmarkError);
      expect(isPostmarkError(error)).toBe(true);
      expect(guard(error)).toBe(true);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
      expect(error.stack?.split('\n')[0]).toMatch(new RegExp(`^${name}: `));
    },
  );

  it('each guard rejects the other classes', () => {
    for (const { guard, name } of cases) {
      for (const other of cases) {
        if (other.name === name) continue;
        const isSubclassOfApiError =
          name === 'ApiError' &&
          ['InvalidTokenError', 'InactiveRecipientError', 'RateLimitError', 'ServerError'].includes(
            other.name,
          );
        expect(guard(other.make())).toBe(isSubclassOfApiError);
      }
    }
  });

  it('the ApiError family extends ApiError and keeps what Postmark said', () => {
    const error = new InactiveRecipientError({
      status: 422,
      errorCode: 406,
      apiMessage: 'inactive',
      body: { ErrorCode: 406 },
      recipients: ['a@b.co'],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      errorCode: 406,
      apiMessage: 'inactive',
      body: { ErrorCode: 406 },
      recipients: ['a@b.co'],
    });
    expect(Object.isFrozen(error.recipients)).toBe(true);
    expect(new ApiError(details).message).toBe(
      'POST /email: Postmark answered 422, ErrorCode 300: Invalid email request',
    );
  });

  it('an ApiError without a JSON message quotes the start of the text body', () => {
    const error = new ApiError({ status: 502, body: `<html>${'x'.repeat(500)}</html>` });
    expect(error.message).toMatch(/^Postmark answered 502: <html>x+…$/);
    expect(error.body).toHaveLength(513);
  });

  it('guards reject look-alikes: plain objects, DOM errors, other errors', () => {
    const domTimeout = new DOMException('timed out', 'TimeoutError');
    expect(isTimeoutError(domTimeout)).toBe(false);
    expect(isApiError({ name: 'ApiError', status: 422 })).toBe(false);
    expect(isNetworkError(new TypeError('fetch failed'))).toBe(false);
    for (const { guard } of cases) {
      expect(guard(null)).toBe(false);
      expect(guard(undefined)).toBe(false);
      expect(guard('ApiError')).toBe(false);
    }
  });

  it('NetworkError keeps its cause and says whether a retry is safe', () => {
    const cause = new Error('connect ECONNREFUSED');
    const error = new NetworkError('no answer', { cause, safeToRetry: true });
    expect(error.cause).toBe(cause);
    expect(error.safeToRetry).toBe(true);
  });

  it('BatchSendError lists the failures', () => {
    const boom = new Error('boom');
    const result = new BatchResult([
      { status: 'sent', index: 0, messageId: 'a', submittedAt: new Date(0), to: 'a@b.co' },
      { status: 'failed', index: 1, errorCode: 406, message: 'inactive', error: boom },
    ]);
    const error = new BatchSendError(result.results);
    expect(error.message).toBe('1 of 2 messages failed: [1] inactive');
    expect(error.failed).toEqual([result.results[1]]);
    expect(error.results).toBe(result.results);
  });
});

describe('errors built by a minified copy of the package, in another realm', () => {
  async function minifiedBundle(format: 'esm' | 'iife'): Promise<string> {
    const result = await build({
      stdin: {
        contents:
          "export * from './src/errors/api-error.ts'; export * from './src/errors/invalid-token-error.ts'; export * from './src/errors/inactive-recipient-error.ts'; export * from './src/errors/rate-limit-error.ts'; export * from './src/errors/server-error.ts'; export * from './src/errors/network-error.ts'; export * from './src/errors/timeout-error.ts'; export * from './src/send/batch-send-error.ts'; export * from './src/errors/webhook-payload-error.ts';",
        resolveDir: new URL('../..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      write: false,
      format,
      globalName: format === 'iife' ? 'copy' : undefined,
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text ?? '';
  }

  it('keeps every name through minification', async () => {
    const code = await minifiedBundle('esm');
    const copy = await import(
      `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    );
    const made = [
      new copy.ApiError(details),
      new copy.InvalidTokenError(details),
      new copy.InactiveRecipientError({ ...details, recipients: [] }),
      new copy.RateLimitError(details),
      new copy.ServerError(details),
      new copy.NetworkError('x', { safeToRetry: false }),
      new copy.TimeoutError('x', { timeout: 1 }),
      new copy.BatchSendError([]),
      new copy.WebhookPayloadError([]),
    ];
    expect(made.map((error) => error.name)).toEqual(cases.map((c) => c.name));
    // This copy's guards recognise the other copy's errors, by brand and name.
    made.forEach((error, i) => {
      expect(cases[i]?.guard(error)).toBe(true);
      expect(error).not.toBeInstanceOf(PostmarkError);
    });
  });

  it('recognises errors made in another realm (a vm context)', async () => {
    const code = await minifiedBundle('iife');
    const context: { copy?: Record<string, new (...args: unknown[]) => Error> } = {};
    runInNewContext(`${code};this.copy = copy;`, context);
    const copy = context.copy ?? {};
    const ApiErrorThere = copy.ApiError as new (d: unknown) => Error;
    const TimeoutErrorThere = copy.TimeoutError as new (m: string, o: unknown) => Error;
    const apiError = new ApiErrorThere(details);
    expect(apiError).not.toBeInstanceOf(Error); // another realm's Error
    expect(isApiError(apiError)).toBe(true);
    expect(isPostmarkError(apiError)).toBe(true);
    expect(isTimeoutError(new TimeoutErrorThere('x', { timeout: 1 }))).toBe(true);
    expect(isServerError(apiError)).toBe(false);
  });
});
