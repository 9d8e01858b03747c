import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock, { API, isolateNetwork, resetNock } from '../../helpers/nock.js';
import { account, accountHeaders, postmarkDomain } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

function postmarkSender(overrides: Record<string, unknown> = {}) {
  const { ID: _id, Name: _name, ...dns } = postmarkDomain();
  return {
    ...dns,
    ID: 7,
    Name: 'Example News',
    EmailAddress: 'news@example.com',
    Domain: 'example.com',
    ReplyToEmailAddress: null,
    Confirmed: false,
    ConfirmationPersonalNote: null,
    ...overrides,
  };
}

describe('account.senders', () => {
  it('reads a sender signature in camelCase, without nulls, keeping new fields', async () => {
    nock(API, { reqheaders: accountHeaders }).get('/senders/7').reply(200, postmarkSender());
    const sender = await account().senders.get(7);
    expect(sender).toMatchObject({
      id: 7,
      name: 'Example News',
      emailAddress: 'news@example.com',
      domain: 'example.com',
      confirmed: false,
      spfVerified: true,
      returnPathDomain: 'pm-bounces.example.com',
      somethingNew: { deep: 1 },
    });
    expect(sender).not.toHaveProperty('replyToEmailAddress');
  });

  it('lists a page and every page', async () => {
    const summary = {
      ID: 7,
      Name: null,
      EmailAddress: 'news@example.com',
      Domain: 'example.com',
      ReplyToEmailAddress: null,
      Confirmed: true,
    };
    nock(API, { reqheaders: accountHeaders })
      .get('/senders')
      .query({ count: 10, offset: 20 })
      .reply(200, { TotalCount: 21, SenderSignatures: [summary] })
      .get('/senders')
      .query({ count: 500, offset: 0 })
      .reply(200, { TotalCount: 1, SenderSignatures: [summary] });
    const list = await account().senders.list({ count: 10, offset: 20 });
    expect(list).toEqual({
      totalCount: 21,
      senderSignatures: [
        { id: 7, emailAddress: 'news@example.com', domain: 'example.com', confirmed: true },
      ],
    });
    const all: string[] = [];
    for await (const sender of account().senders.all()) all.push(sender.emailAddress);
    expect(all).toEqual(['news@example.com']);
  });

  it('creates, edits, deletes and resends the confirmation', async () => {
    nock(API, { reqheaders: accountHeaders })
      .post('/senders', {
        FromEmail: 'news@example.com',
        Name: 'Example News',
        ReplyToEmail: 'help@example.com',
        ConfirmationPersonalNote: 'Please confirm',
      })
      .reply(200, postmarkSender())
      .put('/senders/7', { Name: 'News', ReturnPathDomain: 'pm-bounces.example.com' })
      .reply(200, postmarkSender({ Name: 'News' }))
      .post('/senders/7/resend')
      .reply(200, {
        ErrorCode: 0,
        Message: 'Confirmation email for Sender Signature news@example.com was re-sent.',
      })
      .delete('/senders/7')
      .reply(200, { ErrorCode: 0, Message: 'Signature news@example.com removed.' });
    const senders = account().senders;
    const created = await senders.create({
      fromEmail: 'news@example.com',
      name: 'Example News',
      replyToEmail: 'help@example.com',
      confirmationPersonalNote: 'Please confirm',
    });
    expect(created.emailAddress).toBe('news@example.com');
    expect(
      (await senders.edit(7, { name: 'News', returnPathDomain: 'pm-bounces.example.com' })).name,
    ).toBe('News');
    expect((await senders.resendConfirmation(7)).message).toMatch(/re-sent/);
    expect((await senders.delete(7)).message).toMatch(/removed/);
  });

  it('verifies SPF and requests a new DKIM key, reading either answer Postmark documents', async () => {
    nock(API, { reqheaders: accountHeaders })
      .post('/senders/7/verifyspf')
      .reply(200, postmarkSender({ SPFVerified: true }))
      .post('/senders/7/requestnewdkim')
      .reply(200, postmarkSender({ DKIMUpdateStatus: 'Pending' }))
      .post('/senders/7/requestnewdkim')
      .reply(200, { ErrorCode: 0, Message: 'A new DKIM key was requested.' });
    const senders = account().senders;
    expect((await senders.verifySpf(7)).spfVerified).toBe(true);
    expect(await senders.requestNewDkim(7)).toMatchObject({ id: 7, dkimUpdateStatus: 'Pending' });
    expect(await senders.requestNewDkim(7)).toEqual({ message: 'A new DKIM key was requested.' });
  });

  it('checks every input before any request', async () => {
    const senders = account().senders;
    await expect(senders.create({ fromEmail: 'news@example.com' } as never)).rejects.toThrow(
      'senders.create(): name is required',
    );
    await expect(senders.create({ fromEmail: 'not an address', name: 'x' })).rejects.toThrow(
      "senders.create(): fromEmail 'not an address' is not an email address",
    );
    await expect(senders.edit(7, { fromEmail: 'x@example.com' } as never)).rejects.toThrow(
      /unknown field 'fromEmail'/,
    );
    await expect(senders.resendConfirmation(Number.NaN)).rejects.toThrow(/whole number/);
  });
});
