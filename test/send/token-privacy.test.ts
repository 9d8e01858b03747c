import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Message, Sender } from '../../src/index.js';
import { recordingTransport } from '../../src/testing/index.js';
import { plain, TOKEN } from '../helpers/fixtures.js';
import { everyView } from '../helpers/views.js';

describe('the server token stays private', () => {
  const mailer = new Sender({
    serverToken: TOKEN,
    defaults: Message.from('app@example.com'),
    retry: { baseDelay: 0 },
  });

  it('in String(), util.inspect, util.format and JSON.stringify of a Sender', () => {
    for (const view of [...everyView(mailer), ...everyView(mailer.with({ timeout: 1000 }))])
      expect(view).not.toContain(TOKEN);
    expect(String(mailer)).toBe(
      'Sender(https://api.postmarkapp.com, from app@example.com, stream outbound)',
    );
    // Two Senders of one app tell apart by their defaults, still without the token.
    const eu = mailer.with({ defaults: Message.from('EU <eu@example.com>').stream('eu-outbound') });
    expect(String(eu)).toBe(
      'Sender(https://api.postmarkapp.com, from EU <eu@example.com>, stream eu-outbound)',
    );
    expect(String(new Sender({ serverToken: TOKEN }))).toBe(
      'Sender(https://api.postmarkapp.com, stream outbound)',
    );
    expect(JSON.parse(JSON.stringify(mailer))).toMatchObject({
      serverToken: '[redacted]',
      baseUrl: 'https://api.postmarkapp.com',
    });
    expect(inspect(mailer)).toMatch(/^Sender \{/);
  });

  it('in a Sender nested in another object', () => {
    expect(inspect({ app: { mailer } }, { depth: 10 })).not.toContain(TOKEN);
    expect(JSON.stringify({ app: { mailer } })).not.toContain(TOKEN);
  });

  it('in construction errors', () => {
    for (const serverToken of [`${TOKEN}\n`, ` ${TOKEN}`, `${TOKEN}\u0000`]) {
      const error = (() => {
        try {
          return new Sender({ serverToken });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TypeError);
      for (const view of everyView(error)) expect(view).not.toContain(TOKEN.trim());
      expect((error as Error).stack).not.toContain(TOKEN);
    }
    expect(() => new Sender({ serverToken: TOKEN, timeout: -1 })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(TOKEN) }),
    );
  });

  it('in every error and hook output of a failing send', async () => {
    const transport = recordingTransport();
    const logs: unknown[] = [];
    const hooks = {
      beforeRequest: (i: unknown) => void logs.push(i),
      afterResponse: (i: unknown) => void logs.push(i),
      onRetry: (i: unknown) => void logs.push(i),
    };
    const sender = new Sender({ serverToken: TOKEN, transport, hooks, retry: { baseDelay: 0 } });
    transport.failCall(0, 503).failCall(1, 'connection-refused').failCall(2, 'timeout');
    transport
      .failCall(3, 401)
      .failCall(4, { status: 422, body: { ErrorCode: 300, Message: `token ${TOKEN} echoed` } });
    transport.failCall(5, 'connection-reset').failCall(6, 500);
    const errors: unknown[] = [];
    for (let i = 0; i < 4; i++) errors.push(await sender.send(plain()).catch((e: unknown) => e));
    const batch = await sender.sendBatch([plain(), { to: 'bad' }]);
    errors.push(batch, ...batch.failed.map((f) => f.error));
    expect(errors.map((e) => (e instanceof Error ? e.name : 'batch'))).toEqual([
      'TimeoutError',
      'InvalidTokenError',
      'ApiError',
      'NetworkError',
      'batch',
      'ServerError',
      'MessageValidationError',
    ]);
    for (const value of [...errors, logs]) {
      for (const view of everyView(value)) expect(view).not.toContain(TOKEN);
      for (const error of Array.isArray(value) ? value : [value]) {
        if (error instanceof Error) expect(error.stack ?? '').not.toContain(TOKEN);
      }
    }
    // The recorder itself never holds the token either.
    expect(inspect(transport.calls, { depth: 10 })).not.toContain(TOKEN);
    expect(transport.calls[0]?.headers['x-postmark-server-token']).toBe('[redacted]');
  });
});

describe('the token in any form it comes back in', () => {
  // An echo of the token as a proxy or test server might give it back.
  const upper = TOKEN.toUpperCase();
  const escaped = [...TOKEN].map((c) => (c === '-' ? '\\u002d' : c)).join('');
  const percent = encodeURIComponent(TOKEN).replace(/-/g, '%2D');
  const forms = [TOKEN, upper, escaped, percent];
  const leaks = (text: string) =>
    forms.some((form) => text.includes(form)) ||
    text.toLowerCase().includes(TOKEN.toLowerCase()) ||
    JSON.stringify(text).includes(TOKEN);

  it('is redacted from errors when echoed upper-cased, JSON-escaped or percent-encoded', async () => {
    for (const form of forms) {
      const transport = recordingTransport().failCall(0, {
        status: 422,
        body: `{"ErrorCode":300,"Message":"bad token ${form}"}`,
        headers: { 'content-type': 'application/json' },
      });
      const sender = new Sender({ serverToken: TOKEN, transport });
      const error = await sender.send(plain()).catch((e: unknown) => e);
      for (const view of everyView(error)) expect(leaks(view)).toBe(false);
      expect((error as Error).message).toContain('[redacted]');
    }
  });

  it('is kept out of a custom fetch error that carries the request headers', async () => {
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      const error = new Error('proxy refused') as Error & { headers?: Headers; request?: unknown };
      error.headers = new Headers(init?.headers);
      error.request = new Request('https://api.postmarkapp.com/email', { headers: init?.headers });
      throw error;
    };
    const sender = new Sender({ serverToken: TOKEN, fetch, retry: { limit: 0 } });
    const error = await sender.send(plain()).catch((e: unknown) => e);
    expect((error as Error).name).toBe('NetworkError');
    for (const view of everyView(error)) expect(leaks(view)).toBe(false);
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
  });

  it('is never short enough to be mistaken for a word: shorter tokens are refused', () => {
    expect(() => new Sender({ serverToken: 'abc' })).toThrow(/too short to be a Postmark token/);
    expect(() => new Sender({ serverToken: 'abcdefgh' })).not.toThrow();
  });
});
