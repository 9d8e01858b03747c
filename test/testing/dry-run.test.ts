import { describe, expect, it } from 'vitest';
import { Sender } from '../../src/index.js';
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

  it('answers 404 for what it does not know', async () => {
    const answer = await dryRunTransport().request({
      method: 'GET',
      path: '/bounces',
      headers: {},
    });
    expect(answer.status).toBe(404);
  });
});
