import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Server } from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { apis, rejection, reqheaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const { inbound } = apis();

/** An inbound message as GET /messages/inbound lists one, with `overrides` laid over it. */
function postmarkInbound(overrides: Record<string, unknown> = {}) {
  return {
    From: 'john@example.com',
    FromName: 'John Doe',
    FromFull: { Email: 'john@example.com', Name: 'John Doe', MailboxHash: '' },
    To: '"Inbound" <inbound+ahoy@inbound.postmarkapp.com>',
    ToFull: [
      { Email: 'inbound+ahoy@inbound.postmarkapp.com', Name: 'Inbound', MailboxHash: 'ahoy' },
    ],
    Cc: '',
    CcFull: [],
    Bcc: '',
    BccFull: [],
    ReplyTo: '',
    OriginalRecipient: 'inbound+ahoy@inbound.postmarkapp.com',
    Subject: 'This is an inbound message',
    MessageID: '22c74902-a0c1-4511-804f-341342852c90',
    Date: 'Thu, 5 Apr 2012 16:59:01 +0200',
    MailboxHash: 'ahoy',
    Tag: '',
    Status: 'Processed',
    Attachments: [
      {
        Name: 'notes.txt',
        Content: 'aGVsbG8=',
        ContentType: 'text/plain',
        ContentLength: 5,
        ContentID: '',
      },
    ],
    MessageStream: 'inbound',
    ...overrides,
  };
}

const camelInbound = {
  from: 'john@example.com',
  fromName: 'John Doe',
  fromFull: { email: 'john@example.com', name: 'John Doe', mailboxHash: '' },
  to: '"Inbound" <inbound+ahoy@inbound.postmarkapp.com>',
  toFull: [{ email: 'inbound+ahoy@inbound.postmarkapp.com', name: 'Inbound', mailboxHash: 'ahoy' }],
  cc: '',
  ccFull: [],
  bcc: '',
  bccFull: [],
  replyTo: '',
  originalRecipient: 'inbound+ahoy@inbound.postmarkapp.com',
  subject: 'This is an inbound message',
  messageId: '22c74902-a0c1-4511-804f-341342852c90',
  date: 'Thu, 5 Apr 2012 16:59:01 +0200',
  receivedAt: new Date('2012-04-05T14:59:01Z'),
  mailboxHash: 'ahoy',
  tag: '',
  status: 'Processed',
  attachments: [
    {
      name: 'notes.txt',
      content: 'aGVsbG8=',
      contentType: 'text/plain',
      contentLength: 5,
      contentId: '',
    },
  ],
  messageStream: 'inbound',
};

describe('inbound.search()', () => {
  it('sends the filters under Postmark’s lower-case names and reads camelCase with Dates', async () => {
    const scope = nock(API, { reqheaders })
      .get('/messages/inbound')
      .query({
        count: '50',
        offset: '10',
        recipient: 'inbound@',
        fromemail: 'john@example.com',
        tag: 'support',
        subject: 'Help',
        mailboxhash: 'ahoy',
        status: 'blocked',
        fromdate: '2024-01-15T12:00:00',
        todate: '2024-01-31',
      })
      .reply(200, { TotalCount: 1, InboundMessages: [postmarkInbound({ Extra: 'later' })] });
    const list = await inbound.search({
      count: 50,
      offset: 10,
      recipient: 'inbound@',
      fromEmail: 'john@example.com',
      tag: 'support',
      subject: 'Help',
      mailboxHash: 'ahoy',
      status: 'blocked',
      fromDate: new Date('2024-01-15T17:00:00Z'),
      toDate: '2024-01-31',
    });
    expect(list).toEqual({ totalCount: 1, inboundMessages: [{ ...camelInbound, extra: 'later' }] });
    const [message] = list.inboundMessages;
    expect(message?.receivedAt).toBeInstanceOf(Date);
    expect(Object.isFrozen(message)).toBe(true);
    scope.done();
  });

  it('asks for 100 from offset 0 by default; nulls and missing lists are absent or empty', async () => {
    nock(API)
      .get('/messages/inbound')
      .query({ count: '100', offset: '0' })
      .reply(200, {
        TotalCount: 1,
        InboundMessages: [
          {
            MessageID: 'm1',
            Status: 'Blocked',
            From: '"Doe, John" <john@example.com>',
            FromFull: null,
            ToFull: null,
            Cc: null,
            Attachments: null,
            Date: null,
            Tag: null,
          },
        ],
      });
    const [message] = (await inbound.search()).inboundMessages;
    expect(message).toEqual({
      messageId: 'm1',
      status: 'Blocked',
      from: '"Doe, John" <john@example.com>',
      fromFull: { email: 'john@example.com', name: 'Doe, John' },
      toFull: [],
      ccFull: [],
      bccFull: [],
      attachments: [],
    });
  });

  it('keeps a Date header that is not a date as text, without receivedAt', async () => {
    nock(API)
      .get('/messages/inbound')
      .query(true)
      .reply(200, {
        TotalCount: 3,
        InboundMessages: [
          postmarkInbound({ Date: 'sometime last week' }),
          postmarkInbound({ Date: 'Mon, 1 Jul 2024 09:30 EDT (Eastern)' }),
          postmarkInbound({ Date: '2024-07-01T09:30:00Z' }),
        ],
      });
    const [odd, obsolete, iso] = (await inbound.search()).inboundMessages;
    expect(odd?.date).toBe('sometime last week');
    expect(odd && 'receivedAt' in odd).toBe(false);
    expect(obsolete?.receivedAt).toEqual(new Date('2024-07-01T13:30:00Z'));
    expect(iso?.date).toBe('2024-07-01T09:30:00Z'); // text, as Postmark sent it
    expect(iso?.receivedAt).toEqual(new Date('2024-07-01T09:30:00Z'));
  });

  it('takes a status as answers write it, in any case, and sends it lower case', async () => {
    nock(API)
      .get('/messages/inbound')
      .query({ count: '100', offset: '0', status: 'blocked' })
      .reply(200, { TotalCount: 0, InboundMessages: [] })
      .get('/messages/inbound')
      .query({ count: '100', offset: '0', status: 'failed' })
      .reply(200, { TotalCount: 0, InboundMessages: [] });
    expect((await inbound.search({ status: 'Blocked' })).totalCount).toBe(0);
    expect((await inbound.search({ status: 'FAILED' as never })).totalCount).toBe(0);
  });

  it('refuses a bad filter before any request', async () => {
    await expect(inbound.search({ status: 'sent' as never })).rejects.toThrow(
      /status 'sent' is not one of processed, blocked, queued, scheduled, failed/,
    );
    await expect(inbound.search({ status: 'sent' as never })).rejects.toThrow(RangeError);
    await expect(inbound.search({ mailboxhash: 'x' } as never)).rejects.toThrow(
      /unknown filter 'mailboxhash' \(did you mean "mailboxHash"\?\)/,
    );
    await expect(inbound.search({ fromDate: '2024-02-30' })).rejects.toThrow(/is not a date/);
    await expect(inbound.search({ fromDate: '2024-05-02', toDate: '2024-05-01' })).rejects.toThrow(
      /fromDate \(2024-05-02\) is after toDate/,
    );
    await expect(inbound.search({ tag: '' })).rejects.toThrow(/leave it out/);
    expect(() => inbound.all({ count: 0 })).toThrow(RangeError);
  });

  it('retries a read after a 500; reports a malformed answer naming the field', async () => {
    nock(API).get('/messages/inbound').query(true).reply(500, {});
    nock(API)
      .get('/messages/inbound')
      .query(true)
      .reply(200, { TotalCount: 0, InboundMessages: [] });
    expect(await inbound.search()).toEqual({ totalCount: 0, inboundMessages: [] });

    const strict = apis({ retry: { limit: 0 } }).inbound;
    nock(API)
      .get('/messages/inbound')
      .query(true)
      .reply(200, {
        TotalCount: 1,
        InboundMessages: [postmarkInbound({ ToFull: [{ Email: 7 }] })],
      });
    expect(await rejection(strict.search())).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/InboundMessages\[0\]\.ToFull\[0\]\.Email: expected a /),
    });
  });

  it('all() goes through every page', async () => {
    const scope = nock(API)
      .get('/messages/inbound')
      .query({ count: '500', offset: '0', status: 'failed' })
      .reply(200, {
        TotalCount: 2,
        InboundMessages: [postmarkInbound({ MessageID: 'a' }), postmarkInbound({ MessageID: 'b' })],
      });
    const ids: string[] = [];
    for await (const message of inbound.all({ status: 'failed' })) ids.push(message.messageId);
    expect(ids).toEqual(['a', 'b']);
    scope.done();
  });
});

describe('inbound.details(), bypass() and retry()', () => {
  it('details() adds the bodies, headers and the reason a message was blocked', async () => {
    const scope = nock(API, { reqheaders })
      .get('/messages/inbound/a%2Fb/details')
      .reply(
        200,
        postmarkInbound({
          Status: 'Blocked',
          TextBody: 'Hello',
          HtmlBody: '<p>Hello</p>',
          StrippedTextReply: 'Ok, thanks',
          Headers: [{ Name: 'X-Spam-Score', Value: '0.5' }],
          BlockedReason: 'Blocked by an inbound rule.',
          RawEmail: null,
        }),
      );
    const details = await inbound.details('a/b');
    expect(details).toEqual({
      ...camelInbound,
      status: 'Blocked',
      textBody: 'Hello',
      htmlBody: '<p>Hello</p>',
      strippedTextReply: 'Ok, thanks',
      headers: [{ name: 'X-Spam-Score', value: '0.5' }],
      blockedReason: 'Blocked by an inbound rule.',
    });
    scope.done();

    nock(API).get('/messages/inbound/x/details').reply(200, { MessageID: 'x', Status: 'Queued' });
    expect((await inbound.details('x')).headers).toEqual([]);
  });

  it('bypass() and retry() PUT without a body and read the confirmation', async () => {
    const scope = nock(API, { reqheaders })
      .put('/messages/inbound/m1/bypass')
      .reply(200, { ErrorCode: 0, Message: 'Successfully bypassed message: m1' })
      .put('/messages/inbound/m2/retry')
      .reply(200, { ErrorCode: 0, Message: 'Successfully rescheduled failed message: m2' });
    expect(await inbound.bypass('m1')).toEqual({ message: 'Successfully bypassed message: m1' });
    expect(await inbound.retry('m2')).toEqual({
      message: 'Successfully rescheduled failed message: m2',
    });
    scope.done();
  });

  it('bypass() and retry() are writes: not repeated after a 500', async () => {
    const scope = nock(API)
      .put('/messages/inbound/m1/bypass')
      .reply(500, {})
      .put('/messages/inbound/m2/retry')
      .reply(500, {});
    expect(await rejection(inbound.bypass('m1'))).toMatchObject({
      name: 'ServerError',
      status: 500,
    });
    expect(await rejection(inbound.retry('m2'))).toMatchObject({
      name: 'ServerError',
      status: 500,
    });
    scope.done();
  });

  it('refuses an empty id before any request; passes Postmark’s refusal on', async () => {
    await expect(inbound.details('')).rejects.toThrow('inbound.details(): the id is empty');
    await expect(inbound.bypass(' ')).rejects.toThrow('inbound.bypass(): the id is empty');
    await expect(inbound.retry(3 as never)).rejects.toThrow(TypeError);
    nock(API)
      .put('/messages/inbound/m3/bypass')
      .reply(422, { ErrorCode: 701, Message: 'Message not found.' });
    expect(await rejection(inbound.bypass('m3'))).toMatchObject({
      name: 'ApiError',
      errorCode: 701,
    });
  });

  it('on a Server: server.inbound', async () => {
    const server = new Server({ serverToken: TOKEN, retry: { baseDelay: 0 } });
    const scope = nock(API, { reqheaders })
      .get('/messages/inbound/m9/details')
      .reply(200, postmarkInbound({ MessageID: 'm9' }));
    expect((await server.inbound.details('m9')).messageId).toBe('m9');
    scope.done();
  });
});
