import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  InactiveRecipientError,
  InvalidTokenError,
  Message,
  Server,
} from '../../src/index.js';
import { postmarkTransport } from '../../src/nodemailer/index.js';
import { rejection } from '../api/helpers.js';
import { withTransporter } from './helpers.js';

// Postmark's refusals reach sendMail() as the Sender's typed errors, unchanged; verify()
// checks the token with a read.
const e2e = withTransporter();

describe('typed errors pass through', () => {
  it('406: an inactive recipient (a hard bounce of the bounce-testing domain)', async () => {
    const to = 'hardbounce@bounce-testing.postmarkapp.com';
    await e2e.transporter.sendMail({ to, subject: 'First', text: 'Hi' });
    e2e.sandbox.flushEvents(); // the bounce happens now, and deactivates the address
    const error = await rejection(e2e.transporter.sendMail({ to, subject: 'Again', text: 'Hi' }));
    expect(error).toBeInstanceOf(InactiveRecipientError);
    expect((error as InactiveRecipientError).recipients).toEqual([to]);
    expect(e2e.sandbox.messages()).toHaveLength(1);
  });

  it('401: a wrong token', async () => {
    const transporter = nodemailer.createTransport(
      postmarkTransport({ sender: e2e.mailer.with({ serverToken: 'not-the-sandbox-token' }) }),
    );
    const error = await rejection(transporter.sendMail({ to: 'ada@example.com', text: 'Hi' }));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(String(error)).not.toContain('not-the-sandbox-token');
    expect(e2e.sandbox.messages()).toEqual([]);
  });

  it('422: an unknown template, and an unknown stream', async () => {
    const template = await rejection(
      e2e.transporter.sendMail({
        to: 'ada@example.com',
        postmark: { template: 'no-such-template', templateModel: {} },
      } as never),
    );
    expect(template).toBeInstanceOf(ApiError);
    expect((template as ApiError).errorCode).toBe(1101);
    const stream = await rejection(
      e2e.transporter.sendMail({
        to: 'ada@example.com',
        text: 'Hi',
        postmark: { stream: 'nope' },
      } as never),
    );
    expect((stream as ApiError).errorCode).toBe(1235);
  });

  it('the callback form gets the same error', async () => {
    const error = await new Promise((resolve) =>
      e2e.transporter.sendMail({ to: 'ada@example.com', amp: '<p>x</p>', text: 'Hi' }, resolve),
    );
    expect(error).toMatchObject({ name: 'MessageValidationError', issues: [{ path: 'amp' }] });
  });

  it('aborting sendMail({ signal }) cancels the request to Postmark', async () => {
    let signalled: AbortSignal | undefined;
    const mailer = e2e.mailer.with({
      // Holds the request until it is aborted, as a slow network would.
      fetch: (input, init) =>
        new Promise((_, reject) => {
          signalled = (input instanceof Request ? input.signal : init?.signal) ?? undefined;
          signalled?.addEventListener('abort', () => reject(signalled?.reason));
        }),
    });
    const transporter = nodemailer.createTransport(postmarkTransport({ sender: mailer }));
    const controller = new AbortController();
    const sending = rejection(
      transporter.sendMail({ to: 'ada@example.com', text: 'Hi', signal: controller.signal }),
    );
    await expect.poll(() => signalled).toBeDefined();
    controller.abort();
    expect(await sending).toMatchObject({ name: 'AbortError' });
  });
});

describe('verify()', () => {
  it('resolves to true for the right token, as a promise and through a callback', async () => {
    expect(await e2e.transporter.verify()).toBe(true);
    const answer = await new Promise((resolve) =>
      e2e.transporter.verify((error, success) => resolve({ error, success })),
    );
    expect(answer).toEqual({ error: null, success: true });
    expect(e2e.sandbox.requests()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/server', status: 200 }),
      expect.objectContaining({ method: 'GET', path: '/server', status: 200 }),
    ]);
  });

  it('fails with InvalidTokenError for a wrong one', async () => {
    const transporter = nodemailer.createTransport(
      postmarkTransport({ serverToken: 'wrong-token-123', baseUrl: e2e.sandbox.url }),
    );
    expect(await rejection(transporter.verify())).toBeInstanceOf(InvalidTokenError);
    const error = await new Promise((resolve) => transporter.verify((e) => resolve(e)));
    expect(error).toBeInstanceOf(InvalidTokenError);
  });
});

describe('postmarkTransport()', () => {
  it('takes a Sender’s options instead of a Sender', async () => {
    const transporter = nodemailer.createTransport(
      postmarkTransport({
        serverToken: e2e.sandbox.token,
        baseUrl: e2e.sandbox.url,
        defaults: Message.from('own@example.com'),
      }),
    );
    const info = await transporter.sendMail({ to: 'ada@example.com', text: 'Hi' });
    expect(e2e.sandbox.messages()[0]).toMatchObject({
      From: 'own@example.com',
      MessageID: info.messageId,
    });
    expect(transporter.isIdle()).toBe(true);
    transporter.close();
  });

  it('refuses what is not a Sender, and a Sender with options beside it', () => {
    expect(() => postmarkTransport({ sender: Server.of(e2e.mailer) } as never)).toThrow(TypeError);
    expect(() =>
      postmarkTransport({ sender: e2e.mailer, serverToken: e2e.sandbox.token } as never),
    ).toThrow(/alone/);
    expect(() => postmarkTransport(undefined as never)).toThrow(TypeError);
  });

  it('names itself to Nodemailer', () => {
    const transport = postmarkTransport({ sender: e2e.mailer });
    expect(nodemailer.createTransport(transport).getVersionString()).toContain('postmark-fluent/');
  });
});
