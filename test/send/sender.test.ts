import { describe, expect, it } from 'vitest';
import {
  isMessageValidationError,
  Message,
  MessageValidationError,
  Sender,
  send,
  sendBatch,
  sendBatchWithTemplates,
  sendWithTemplate,
} from '../../src/index.js';
import { assertSent, recordingTransport } from '../../src/testing/index.js';
import { plain, recordingSender, TOKEN, templated } from '../helpers/fixtures.js';

const make = recordingSender;

describe('new Sender()', () => {
  it('refuses a missing, empty or malformed token', () => {
    expect(() => new Sender({} as never)).toThrow(/serverToken is missing/);
    expect(() => new Sender({ serverToken: undefined as never })).toThrow(TypeError);
    expect(() => new Sender({ serverToken: '' })).toThrow(/serverToken is empty/);
    expect(() => new Sender({ serverToken: '   ' })).toThrow(/serverToken is empty/);
    expect(() => new Sender({ serverToken: 42 as never })).toThrow(/must be a string/);
    expect(() => new Sender({ serverToken: `${TOKEN}\n` })).toThrow(/whitespace or control/);
    expect(() => new Sender(undefined as never)).toThrow(TypeError);
  });

  it('refuses a non-positive timeout, a negative retry count and other bad numbers', () => {
    for (const timeout of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '10' as never]) {
      expect(() => new Sender({ serverToken: TOKEN, timeout })).toThrow(RangeError);
    }
    expect(() => new Sender({ serverToken: TOKEN, retry: { limit: -1 } })).toThrow(
      /retry.limit must be a whole number/,
    );
    expect(() => new Sender({ serverToken: TOKEN, retry: { limit: 1.5 } })).toThrow(RangeError);
    expect(() => new Sender({ serverToken: TOKEN, retry: { baseDelay: -5 } })).toThrow(RangeError);
    expect(() => new Sender({ serverToken: TOKEN, retry: { unsafe: 'yes' as never } })).toThrow(
      TypeError,
    );
    expect(() => new Sender({ serverToken: TOKEN, concurrency: 0 })).toThrow(RangeError);
    expect(() => new Sender({ serverToken: TOKEN, retry: { limit: 0 } })).not.toThrow();
  });

  it('refuses plain http unless it is loopback or allowInsecure', () => {
    expect(() => new Sender({ serverToken: TOKEN, baseUrl: 'http://api.postmarkapp.com' })).toThrow(
      /plain http/,
    );
    expect(() => new Sender({ serverToken: TOKEN, baseUrl: 'http://10.0.0.5:8080' })).toThrow(
      /allowInsecure/,
    );
    expect(() => new Sender({ serverToken: TOKEN, baseUrl: 'ftp://example.com' })).toThrow(/https/);
    expect(() => new Sender({ serverToken: TOKEN, baseUrl: 'not a url' })).toThrow(/absolute URL/);
    expect(
      () => new Sender({ serverToken: TOKEN, baseUrl: 'https://api.postmarkapp.com/?x=1' }),
    ).toThrow(/query/);
    for (const baseUrl of [
      'http://127.0.0.1:4000',
      'http://localhost:4000/',
      'http://[::1]:4000',
      'http://127.1.2.3',
    ]) {
      expect(new Sender({ serverToken: TOKEN, baseUrl }).baseUrl).toBe(baseUrl.replace(/\/$/, ''));
    }
    expect(
      new Sender({ serverToken: TOKEN, baseUrl: 'http://mail.internal', allowInsecure: true })
        .baseUrl,
    ).toBe('http://mail.internal');
  });

  it('refuses unknown options instead of ignoring them', () => {
    expect(() => new Sender({ serverToken: TOKEN, retries: 3 } as never)).toThrow(
      /unknown Sender option "retries"/,
    );
  });

  it('has sensible defaults', () => {
    const mailer = new Sender({ serverToken: TOKEN });
    expect(mailer.baseUrl).toBe('https://api.postmarkapp.com');
    expect(mailer.timeout).toBe(30_000);
    expect(mailer.retry).toEqual({
      limit: 2,
      unsafe: false,
      baseDelay: 500,
      maxDelay: 10_000,
      maxRetryAfter: 60_000,
    });
    expect(mailer.concurrency).toBe(4);
    expect(mailer.defaults).toBe(Message.empty());
    expect(mailer.limits.maxBatchMessages).toBe(500);
  });

  it('is immutable; with() derives a new Sender and merges retry', () => {
    const mailer = new Sender({
      serverToken: TOKEN,
      retry: { limit: 5 },
      defaults: { from: 'app@example.com' },
    });
    expect(Object.isFrozen(mailer)).toBe(true);
    expect(() => {
      (mailer as unknown as { timeout: number }).timeout = 1;
    }).toThrow(TypeError);
    const derived = mailer.with({ retry: { unsafe: true }, timeout: 5000 });
    expect(derived).not.toBe(mailer);
    expect(derived.retry).toMatchObject({ limit: 5, unsafe: true });
    expect(derived.timeout).toBe(5000);
    expect(mailer.retry.unsafe).toBe(false);
    expect(mailer.timeout).toBe(30_000);
    const eu = mailer.with({ defaults: mailer.defaults.stream('eu-outbound') });
    expect(eu.defaults.data).toMatchObject({
      from: { email: 'app@example.com' },
      stream: 'eu-outbound',
    });
    expect(mailer.defaults.data.stream).toBeUndefined();
  });

  it('with() keeps the token, and checks the new options', async () => {
    const { transport, mailer } = make();
    await mailer.with({ concurrency: 2 }).send(plain());
    expect(transport.calls).toHaveLength(1);
    expect(() => mailer.with({ timeout: -1 })).toThrow(RangeError);
    expect(() => mailer.with({ serverToken: '' })).toThrow(/empty/);
  });
});

describe('send()', () => {
  it('merges defaults, serializes, posts to /email and reads the answer', async () => {
    const { transport, mailer } = make({
      defaults: Message.from('app@example.com').tag('app').stream('outbound'),
    });
    const result = await mailer.send(Message.to('ada@example.com').subject('Hi').text('Hello'));
    expect(result).toEqual({
      messageId: expect.any(String),
      submittedAt: expect.any(Date),
      to: 'ada@example.com',
    });
    expect(transport.calls).toHaveLength(1);
    expect(transport.calls[0]).toMatchObject({
      method: 'POST',
      endpoint: '/email',
      body: {
        From: 'app@example.com',
        To: 'ada@example.com',
        Subject: 'Hi',
        TextBody: 'Hello',
        Tag: 'app',
        MessageStream: 'outbound',
      },
    });
  });

  it('takes a plain object too', async () => {
    const { transport, mailer } = make({ defaults: { from: 'app@example.com' } });
    await mailer.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' });
    assertSent(transport, { to: 'ada@example.com', from: 'app@example.com', subject: 'Hi' });
  });

  it('posts a templated message to /email/withTemplate', async () => {
    const { transport, mailer } = make();
    await mailer.send(templated('ada@example.com', 'welcome'));
    await mailer.sendWithTemplate(templated('bob@example.com', 42));
    expect(transport.calls.map((call) => call.endpoint)).toEqual([
      '/email/withTemplate',
      '/email/withTemplate',
    ]);
    expect(transport.calls[0]?.body).toMatchObject({
      TemplateAlias: 'welcome',
      TemplateModel: { name: 'Ada' },
    });
    expect(transport.calls[1]?.body).toMatchObject({ TemplateId: 42 });
  });

  it('validates after merging and sends nothing for an invalid message', async () => {
    const { transport, mailer } = make();
    const error = await mailer
      .send(Message.to('ada@example.com').subject('Hi'))
      .catch((e: unknown) => e);
    expect(isMessageValidationError(error)).toBe(true);
    expect((error as MessageValidationError).issues.map((issue) => issue.code)).toEqual([
      'from.missing',
      'content.missing',
    ]);
    await expect(mailer.send({ to: 'not an address' })).rejects.toThrow(MessageValidationError);
    await expect(
      mailer.send({ from: 'app@example.com', to: 'a@example.com', text: 'x', limits: 1 } as never),
    ).rejects.toThrow(/not a message field/);
    expect(transport.calls).toHaveLength(0);
  });

  it('honours limits given to the Sender', async () => {
    const { transport, mailer } = make({ limits: { maxBodyBytes: 10 } });
    await expect(mailer.send(plain().text('more than ten bytes'))).rejects.toThrow(
      MessageValidationError,
    );
    expect(transport.calls).toHaveLength(0);
  });

  it('sendWithTemplate() refuses a message without a template', async () => {
    const { transport, mailer } = make();
    const error = await mailer.sendWithTemplate(plain()).catch((e: unknown) => e);
    expect((error as MessageValidationError).issues[0]?.code).toBe('template.missing');
    expect(transport.calls).toHaveLength(0);
  });

  it('refuses bad call options', async () => {
    const { mailer } = make();
    await expect(mailer.send(plain(), { timeout: 0 })).rejects.toThrow(RangeError);
    await expect(mailer.send(plain(), { signal: 'x' as never })).rejects.toThrow(/AbortSignal/);
  });
});

describe('Sender.fromEnv()', () => {
  const env = {
    POSTMARK_SERVER_TOKEN: TOKEN,
    POSTMARK_DEFAULT_FROM: 'Team <team@example.com>',
    POSTMARK_DEFAULT_REPLY_TO: 'help@example.com',
    POSTMARK_MESSAGE_STREAM: 'broadcast',
    POSTMARK_BASE_URL: 'http://127.0.0.1:4010',
  };

  it('reads every variable', () => {
    const mailer = Sender.fromEnv({ env });
    expect(mailer.baseUrl).toBe('http://127.0.0.1:4010');
    expect(mailer.defaults.toJSON()).toEqual({
      From: 'Team <team@example.com>',
      ReplyTo: 'help@example.com',
      MessageStream: 'broadcast',
    });
  });

  it('explicit options win; explicit defaults are laid over the environment', () => {
    const mailer = Sender.fromEnv({
      env,
      baseUrl: 'https://example.com',
      defaults: { stream: 'outbound', tag: 'x' },
    });
    expect(mailer.baseUrl).toBe('https://example.com');
    expect(mailer.defaults.toJSON()).toMatchObject({
      From: 'Team <team@example.com>',
      MessageStream: 'outbound',
      Tag: 'x',
    });
  });

  it('fails clearly without a token, or with a bad value', () => {
    expect(() => Sender.fromEnv({ env: {} })).toThrow(/POSTMARK_SERVER_TOKEN/);
    expect(() =>
      Sender.fromEnv({ env: { ...env, POSTMARK_DEFAULT_FROM: 'not an address' } }),
    ).toThrow(/POSTMARK_DEFAULT_FROM is not valid/);
    expect(() => Sender.fromEnv({ env: { ...env, POSTMARK_TEST_MODE: 'maybe' } })).toThrow(
      /POSTMARK_TEST_MODE/,
    );
    expect(() =>
      Sender.fromEnv({ env: { ...env, POSTMARK_BASE_URL: 'http://example.com' } }),
    ).toThrow(/plain http/);
  });

  it('ignores empty variables', () => {
    const mailer = Sender.fromEnv({
      env: { POSTMARK_SERVER_TOKEN: TOKEN, POSTMARK_DEFAULT_FROM: '', POSTMARK_TEST_MODE: '' },
    });
    expect(mailer.defaults).toBe(Message.empty());
  });

  it('POSTMARK_TEST_MODE selects the dry run: answers like Postmark, no request leaves', async () => {
    for (const flag of ['1', 'true', 'YES', 'on']) {
      const mailer = Sender.fromEnv({
        env: {
          POSTMARK_TEST_MODE: flag,
          POSTMARK_DEFAULT_FROM: 'app@example.com',
          POSTMARK_BASE_URL: 'https://127.0.0.1:1',
        },
      });
      const result = await mailer.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' });
      expect(result).toMatchObject({
        to: 'ada@example.com',
        messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      const batch = await mailer.sendBatch([plain(), plain('bob@example.com')]);
      expect(batch.sent).toHaveLength(2);
    }
  });

  it('reads process.env by default', () => {
    const saved = process.env.POSTMARK_SERVER_TOKEN;
    process.env.POSTMARK_SERVER_TOKEN = TOKEN;
    try {
      expect(Sender.fromEnv().baseUrl).toBe('https://api.postmarkapp.com');
    } finally {
      if (saved === undefined) delete process.env.POSTMARK_SERVER_TOKEN;
      else process.env.POSTMARK_SERVER_TOKEN = saved;
    }
  });
});

describe('the simple API', () => {
  it('mirrors the Sender', async () => {
    const transport = recordingTransport();
    const options = { serverToken: TOKEN, transport, defaults: Message.from('app@example.com') };
    expect((await send({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' }, options)).to).toBe(
      'ada@example.com',
    );
    await sendWithTemplate(Message.to('bob@example.com').template('welcome', {}), options);
    expect(
      (await sendBatch([plain(), plain()], { ...options, requireAllValid: true })).sent,
    ).toHaveLength(2);
    expect((await sendBatchWithTemplates([templated()], options)).sent).toHaveLength(1);
    expect(transport.calls.map((call) => call.endpoint)).toEqual([
      '/email',
      '/email/withTemplate',
      '/email/batch',
      '/email/batchWithTemplates',
    ]);
  });

  it('passes the signal through and rejects (not throws) on bad options', async () => {
    const transport = recordingTransport();
    const reason = new Error('stop');
    await expect(
      send(plain(), { serverToken: TOKEN, transport, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    await expect(send(plain(), { serverToken: '' })).rejects.toThrow(/empty/);
    await expect(sendBatch([plain()], { serverToken: '' })).rejects.toThrow(/empty/);
    expect(transport.calls).toHaveLength(0);
  });
});
