import { describe, expect, it } from 'vitest';
import { isApiError, Sender, Server } from '../../src/index.js';
import { dryRunTransport } from '../../src/testing/index.js';
import { many, plain, TOKEN, templated } from '../helpers/fixtures.js';

describe('dryRunTransport()', () => {
  const mailer = new Sender({ serverToken: TOKEN, transport: dryRunTransport() });

  it('answers every send endpoint like Postmark', async () => {
    expect(await mailer.send(plain('a@example.com'))).toMatchObject({
      to: 'a@example.com',
      messageId: expect.any(String),
      submittedAt: expect.any(Date),
    });
    expect((await mailer.sendWithTemplate(templated('b@example.com'))).to).toBe('b@example.com');
    const batch = await mailer.sendBatch(many(3));
    expect(batch.sent.map((s) => s.to)).toEqual([
      'user0@example.com',
      'user1@example.com',
      'user2@example.com',
    ]);
    expect(new Set(batch.sent.map((s) => s.messageId)).size).toBe(3);
    expect((await mailer.sendBatchWithTemplates([templated(), templated()])).sent).toHaveLength(2);
    const bulk = await mailer.sendBulk(plain().setRecipients('to').stream('broadcast'), [
      { to: 'c@example.com' },
    ]);
    expect(bulk).toMatchObject({ id: expect.any(String), status: 'Accepted', recipients: 1 });
  });

  it('still validates: an invalid message fails as it would for real', async () => {
    await expect(mailer.send({ to: 'a@example.com' })).rejects.toMatchObject({
      name: 'MessageValidationError',
    });
  });

  it('refuses what it does not answer, without claiming Postmark answered', async () => {
    await expect(
      dryRunTransport().request({ method: 'GET', path: '/bounces', headers: {} }),
    ).rejects.toMatchObject({ name: 'ApiError', status: 404, errorCode: undefined });
    // Through a Server: a typed error at once (no retries), that says nothing was sent.
    let attempts = 0;
    const server = new Server({
      serverToken: TOKEN,
      transport: dryRunTransport(),
      hooks: { beforeRequest: () => void attempts++ },
    });
    const error = await server.bounces.get(1).catch((caught: unknown) => caught);
    expect(isApiError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'GET /bounces/1: the dry run (POSTMARK_TEST_MODE) answers only the send endpoints; GET /bounces/1 was not sent to Postmark',
    );
    expect((error as Error).message).not.toMatch(/Postmark answered/);
    expect(attempts).toBe(1);
    // A write that is not a send is refused the same way (it was a 422 "invalid JSON").
    await expect(
      server.templates.create({ name: 'T', subject: 'S', textBody: 'x' }),
    ).rejects.toThrow(
      /^POST \/templates: the dry run \(POSTMARK_TEST_MODE\) answers only the send endpoints; POST \/templates was not sent to Postmark$/,
    );
  });
});
