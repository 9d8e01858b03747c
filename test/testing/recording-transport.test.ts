import { describe, expect, it } from 'vitest';
import {
  InactiveRecipientError,
  InvalidTokenError,
  Message,
  NetworkError,
  RateLimitError,
  Sender,
  TimeoutError,
} from '../../src/index.js';
import { recordingTransport } from '../../src/testing/index.js';
import { many, plain, TOKEN, templated } from '../helpers/fixtures.js';

const sender = (transport = recordingTransport()) => ({
  transport,
  mailer: new Sender({ serverToken: TOKEN, transport, retry: { baseDelay: 0 } }),
});

describe('recordingTransport()', () => {
  it('records requests with attachments, which arrive as bytes, as parsed JSON too', async () => {
    const { transport, mailer } = sender();
    const content = new Uint8Array([0, 1, 2, 250, 255]);
    await mailer.send(plain('a@example.com').attach({ name: 'a.pdf', content }));
    await mailer.sendBatch([plain('b@example.com').attach({ name: 'b.pdf', content })]);
    const attachments = [{ Name: 'a.pdf', Content: 'AAEC+v8=', ContentType: 'application/pdf' }];
    expect(transport.calls[0]?.body).toMatchObject({
      To: 'a@example.com',
      Attachments: attachments,
    });
    expect(transport.messages.map((m) => m.Attachments?.[0]?.Content)).toEqual([
      'AAEC+v8=',
      'AAEC+v8=',
    ]);
  });

  it('records endpoint, method, headers (token hidden), JSON body and messages of every call', async () => {
    const { transport, mailer } = sender();
    await mailer.send(plain('a@example.com'));
    await mailer.sendBatchWithTemplates([templated('b@example.com'), templated('c@example.com')]);
    const [single, batch] = transport.calls;
    expect(single).toEqual({
      method: 'POST',
      endpoint: '/email',
      query: undefined,
      headers: {
        'x-postmark-server-token': '[redacted]',
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': expect.stringMatching(/^postmark-fluent\//),
      },
      body: { From: 'app@example.com', To: 'a@example.com', Subject: 'Hi', TextBody: 'Hello' },
      messages: [
        { From: 'app@example.com', To: 'a@example.com', Subject: 'Hi', TextBody: 'Hello' },
      ],
    });
    expect(batch?.endpoint).toBe('/email/batchWithTemplates');
    expect(batch?.messages.map((m) => m.To)).toEqual(['b@example.com', 'c@example.com']);
    expect(transport.messages.map((m) => m.To)).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
  });

  it('answers like Postmark: a MessageID per message, the To, the time', async () => {
    const { mailer } = sender();
    const result = await mailer.send(plain());
    expect(result.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(result.submittedAt.getTime() - Date.now())).toBeLessThan(5000);
  });

  it('failMessage(n) refuses the nth message: in a batch, under a 200', async () => {
    const { transport, mailer } = sender();
    transport.failMessage(2, 406);
    const batch = await mailer.sendBatch(many(3));
    expect(batch.results.map((r) => r.status)).toEqual(['sent', 'sent', 'failed']);
    expect(batch.failed[0]?.error).toBeInstanceOf(InactiveRecipientError);
    expect((batch.failed[0]?.error as InactiveRecipientError | undefined)?.recipients).toEqual([
      'user2@example.com',
    ]);
  });

  it('failMessage(n) on a single send answers as Postmark does', async () => {
    const { transport, mailer } = sender();
    transport
      .failMessage(0, 406)
      .failMessage(1, 10)
      .failMessage(2, 429)
      .failMessage(3, 1101, 'Template not found');
    await expect(mailer.send(plain())).rejects.toBeInstanceOf(InactiveRecipientError);
    await expect(mailer.send(plain())).rejects.toBeInstanceOf(InvalidTokenError);
    // Message 2 is refused with 429, so it is retried; the retry is message 3, refused with 1101.
    await expect(mailer.send(plain())).rejects.toMatchObject({
      name: 'ApiError',
      errorCode: 1101,
      apiMessage: 'Template not found',
    });
    expect(transport.calls).toHaveLength(4);
    transport.reset().failMessage(0, 429).failMessage(1, 429).failMessage(2, 429);
    await expect(mailer.send(plain())).rejects.toBeInstanceOf(RateLimitError);
    expect(transport.calls).toHaveLength(3);
  });

  it('counts messages across calls', async () => {
    const { transport, mailer } = sender();
    transport.failMessage(3, 300);
    const first = await mailer.sendBatch(many(2));
    const second = await mailer.sendBatch(many(2));
    expect(first.failed).toHaveLength(0);
    expect(second.failed.map((f) => f.index)).toEqual([1]);
  });

  it('failCall(n) scripts statuses, answers and failures, under the same retry rules as HTTP', async () => {
    const { transport, mailer } = sender();
    transport.failCall(0, 503).failCall(1, { status: 429, headers: { 'retry-after': '0' } });
    await mailer.send(plain());
    expect(transport.calls).toHaveLength(3);
    transport.reset().failCall(0, 'timeout');
    await expect(mailer.send(plain())).rejects.toBeInstanceOf(TimeoutError);
    transport.reset().failCall(0, 'connection-reset');
    await expect(mailer.send(plain())).rejects.toMatchObject({
      name: 'NetworkError',
      safeToRetry: false,
    });
    transport.reset().failCall(0, 'connection-refused');
    await mailer.send(plain());
    expect(transport.calls).toHaveLength(2);
    transport
      .reset()
      .failCall(0, { status: 422, body: { ErrorCode: 1235, Message: 'stream does not exist' } });
    await expect(mailer.send(plain())).rejects.toMatchObject({
      errorCode: 1235,
      apiMessage: 'stream does not exist',
    });
    transport.reset().failCall(0, { status: 502, body: '<html>bad gateway</html>' });
    await expect(mailer.send(plain())).rejects.toMatchObject({
      name: 'ServerError',
      body: '<html>bad gateway</html>',
    });
  });

  it('reset() forgets calls and scripts', async () => {
    const { transport, mailer } = sender();
    transport.failCall(0, 500);
    transport.reset();
    await mailer.send(plain());
    expect(transport.calls).toHaveLength(1);
  });

  it('returns copies, so a test cannot change what was recorded', async () => {
    const { transport, mailer } = sender();
    await mailer.send(plain());
    (transport.calls as unknown[]).length = 0;
    expect(transport.calls).toHaveLength(1);
    expect(Object.isFrozen(transport.calls[0])).toBe(true);
  });

  it('holds no global state: two recorders run side by side', async () => {
    const a = sender();
    const b = sender();
    a.transport.failCall(0, 500);
    await Promise.all([
      a.mailer.send(plain()).catch(() => {}),
      b.mailer.send(plain()),
      b.mailer.send(Message.from('x@example.com').to('y@example.com').text('z')),
    ]);
    expect(a.transport.calls).toHaveLength(1);
    expect(b.transport.calls).toHaveLength(2);
  });

  it('an aborted signal is honoured', async () => {
    const { transport } = sender();
    const reason = new Error('stop');
    await expect(
      transport.request({
        method: 'POST',
        path: '/email',
        headers: {},
        body: '{}',
        signal: AbortSignal.abort(reason),
      }),
    ).rejects.toBe(reason);
  });

  it('NetworkError from a script is marked safe or not', async () => {
    const { transport } = sender();
    transport.failCall(0, 'connection-refused');
    const error = await transport
      .request({ method: 'POST', path: '/email', headers: {}, body: '{}' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).safeToRetry).toBe(true);
  });
});
