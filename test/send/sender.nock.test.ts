import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  InactiveRecipientError,
  InvalidTokenError,
  Message,
  RateLimitError,
  Sender,
  ServerError,
} from '../../src/index.js';
import { accepted, many, plain, TOKEN, templated } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';

const reqheaders = {
  'x-postmark-server-token': TOKEN,
  accept: 'application/json',
  'content-type': 'application/json',
  'user-agent': /^postmark-fluent\/\d+\.\d+\.\d+/,
};

const mailer = new Sender({
  serverToken: TOKEN,
  retry: { baseDelay: 0 },
  defaults: Message.from('app@example.com'),
});

beforeEach(isolateNetwork);
afterEach(resetNock);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('endpoints', () => {
  it('send() posts the message to /email with every header', async () => {
    const scope = nock(API, { reqheaders })
      .post('/email', {
        From: 'app@example.com',
        To: 'ada@example.com',
        Subject: 'Hi',
        TextBody: 'Hello',
      })
      .reply(200, accepted('ada@example.com', 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817'));
    const result = await mailer.send(Message.to('ada@example.com').subject('Hi').text('Hello'));
    expect(result).toEqual({
      messageId: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817',
      submittedAt: new Date('2024-05-01T14:00:00.123Z'),
      to: 'ada@example.com',
    });
    scope.done();
  });

  it('sendWithTemplate() posts to /email/withTemplate', async () => {
    const scope = nock(API, { reqheaders })
      .post('/email/withTemplate', {
        From: 'app@example.com',
        To: 'ada@example.com',
        TemplateAlias: 'welcome',
        TemplateModel: { name: 'Ada' },
      })
      .reply(200, accepted('ada@example.com'));
    expect((await mailer.sendWithTemplate(templated())).messageId).toBe('id-ada@example.com');
    scope.done();
  });

  it('sendBatch() posts an array to /email/batch and reads every element', async () => {
    const scope = nock(API, { reqheaders })
      .post(
        '/email/batch',
        (body) => Array.isArray(body) && body.length === 3 && body[2].To === 'c@example.com',
      )
      .reply(200, [
        accepted('a@example.com'),
        {
          ErrorCode: 406,
          Message:
            'You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: b@example.com. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.',
        },
        accepted('c@example.com'),
      ]);
    const batch = await mailer.sendBatch([
      plain('a@example.com'),
      plain('b@example.com'),
      plain('c@example.com'),
    ]);
    expect(batch.results.map((r) => r.status)).toEqual(['sent', 'failed', 'sent']);
    expect(batch.failed[0]).toMatchObject({ index: 1, errorCode: 406 });
    expect((batch.failed[0]?.error as InactiveRecipientError | undefined)?.recipients).toEqual([
      'b@example.com',
    ]);
    scope.done();
  });

  it('sendBatchWithTemplates() posts { Messages } to /email/batchWithTemplates', async () => {
    const scope = nock(API, { reqheaders })
      .post(
        '/email/batchWithTemplates',
        (body) =>
          Array.isArray(body.Messages) &&
          body.Messages.length === 2 &&
          body.Messages[1].TemplateId === 7,
      )
      .reply(200, [accepted('a@example.com'), accepted('b@example.com')]);
    const batch = await mailer.sendBatchWithTemplates([
      templated('a@example.com'),
      templated('b@example.com', 7),
    ]);
    expect(batch.sent.map((s) => s.messageId)).toEqual(['id-a@example.com', 'id-b@example.com']);
    scope.done();
  });

  it('a custom baseUrl with a path prefix is honoured', async () => {
    const scope = nock('https://proxy.example.com')
      .post('/postmark/email')
      .reply(200, accepted('ada@example.com'));
    await mailer.with({ baseUrl: 'https://proxy.example.com/postmark/' }).send(plain());
    scope.done();
  });

  it('1 201 messages make exactly 3 requests of 500, 500 and 201', async () => {
    const sizes: number[] = [];
    const pending: { To: string }[][] = [];
    const scope = nock(API)
      .post('/email/batch', (body: { To: string }[]) => {
        sizes.push(body.length);
        pending.push(body);
        return true;
      })
      .times(3)
      .reply(200, () => (pending.shift() ?? []).map((m) => accepted(m.To)));
    const batch = await mailer.with({ concurrency: 1 }).sendBatch(many(1201));
    expect(sizes).toEqual([500, 500, 201]);
    expect(batch.sent).toHaveLength(1201);
    expect(batch.results[1200]).toMatchObject({
      index: 1200,
      to: 'user1200@example.com',
      messageId: 'id-user1200@example.com',
    });
    scope.done();
  });
});

describe('statuses and ErrorCodes', () => {
  it('401 → InvalidTokenError', async () => {
    nock(API)
      .post('/email')
      .reply(401, { ErrorCode: 10, Message: 'Request does not contain a valid Server token.' });
    const error = await rejection(mailer.send(plain()));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ status: 401, errorCode: 10 });
  });

  it('422 with ErrorCode 10 → InvalidTokenError', async () => {
    nock(API).post('/email').reply(422, { ErrorCode: 10, Message: 'bad token' });
    expect(await rejection(mailer.send(plain()))).toBeInstanceOf(InvalidTokenError);
  });

  it('422 with ErrorCode 406 → InactiveRecipientError with the recipients', async () => {
    nock(API).post('/email').reply(422, {
      ErrorCode: 406,
      Message:
        'You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ada@example.com. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.',
    });
    const error = await rejection(mailer.send(plain()));
    expect(error).toBeInstanceOf(InactiveRecipientError);
    expect((error as InactiveRecipientError).recipients).toEqual(['ada@example.com']);
  });

  const codes = [
    100, 300, 400, 401, 402, 403, 405, 409, 410, 411, 412, 413, 500, 505, 600, 701, 1003, 1101,
    1235,
  ];
  it.each(codes)(
    '422 with ErrorCode %i → ApiError with the code and Postmark message',
    async (code) => {
      nock(API)
        .post('/email')
        .reply(422, { ErrorCode: code, Message: `message for ${code}` });
      const error = await rejection(mailer.send(plain()));
      expect((error as Error).constructor).toBe(ApiError);
      expect(error).toMatchObject({
        status: 422,
        errorCode: code,
        apiMessage: `message for ${code}`,
        body: { ErrorCode: code },
      });
      expect((error as Error).message).toContain(`message for ${code}`);
    },
  );

  it('429 → RateLimitError after 3 requests', async () => {
    const scope = nock(API)
      .post('/email')
      .times(3)
      .reply(429, { ErrorCode: 429, Message: 'Rate limit exceeded.' });
    expect(await rejection(mailer.send(plain()))).toBeInstanceOf(RateLimitError);
    scope.done();
  });

  it('429 then 200: sent on the retry', async () => {
    nock(API).post('/email').reply(429, '').post('/email').reply(200, accepted('ada@example.com'));
    expect((await mailer.send(plain())).to).toBe('ada@example.com');
  });

  it('honours Retry-After over a long backoff', async () => {
    nock(API)
      .post('/email')
      .reply(429, '', { 'Retry-After': '0' })
      .post('/email')
      .reply(200, accepted('ada@example.com'));
    const started = Date.now();
    await mailer.with({ retry: { baseDelay: 60_000, maxDelay: 60_000 } }).send(plain());
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('503 → ServerError after 3 requests', async () => {
    const scope = nock(API).post('/email').times(3).reply(503, 'Service Unavailable');
    const error = await rejection(mailer.send(plain()));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, body: 'Service Unavailable' });
    scope.done();
  });

  it('500 → ServerError after exactly 1 request (a send may have been taken)', async () => {
    // A second interceptor that a retry would reach: it must still be waiting at the end.
    // (Without it, a retry would meet nock's 501 for an unmatched request, also a ServerError.)
    const scope = nock(API)
      .post('/email')
      .reply(500, { ErrorCode: 0, Message: 'oops' })
      .post('/email')
      .reply(200, accepted('ada@example.com'));
    const error = await rejection(mailer.send(plain()));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500 });
    expect(scope.pendingMocks()).toHaveLength(1);
    nock.cleanAll(); // the waiting interceptor is the point, not a forgotten one
  });

  it('500 is retried with retry.unsafe', async () => {
    const scope = nock(API)
      .post('/email')
      .times(2)
      .reply(500, '')
      .post('/email')
      .reply(200, accepted('ada@example.com'));
    await mailer.with({ retry: { unsafe: true } }).send(plain());
    scope.done();
  });

  it('413 → ApiError, not retried', async () => {
    const scope = nock(API).post('/email/batch').reply(413, 'Request Entity Too Large');
    const batch = await mailer.sendBatch([plain()]);
    expect(batch.failed[0]?.error).toMatchObject({
      name: 'ApiError',
      status: 413,
      body: 'Request Entity Too Large',
    });
    scope.done();
  });

  it('a non-JSON error body is kept as text', async () => {
    nock(API)
      .post('/email')
      .reply(502, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
    const error = await rejection(mailer.send(plain()));
    expect(error).toMatchObject({
      name: 'ServerError',
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
    });
  });

  it('a 200 with ErrorCode other than 0 is still an error', async () => {
    nock(API).post('/email').reply(200, { ErrorCode: 300, Message: 'Invalid email request' });
    expect(await rejection(mailer.send(plain()))).toMatchObject({
      name: 'ApiError',
      errorCode: 300,
    });
  });

  it('a 200 that is not JSON is an ApiError, not retried', async () => {
    const scope = nock(API).post('/email').reply(200, '<html>proxy page</html>');
    expect(await rejection(mailer.send(plain()))).toMatchObject({ name: 'ApiError', status: 200 });
    scope.done();
  });
});
