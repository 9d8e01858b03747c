import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../src/index.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import {
  apis,
  postmarkDetails,
  postmarkEvent,
  postmarkMessage,
  rejection,
  reqheaders,
} from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const { messages } = apis();

describe('messages.search()', () => {
  it('sends the filters under Postmark’s names and reads messages in camelCase', async () => {
    const scope = nock(API, { reqheaders })
      .get('/messages/outbound')
      .query({
        count: '10',
        offset: '20',
        recipient: 'ada@example.com',
        fromemail: 'app@example.com',
        tag: 'welcome',
        status: 'sent',
        fromdate: '2024-07-01T00:00:00',
        todate: '2024-07-02',
        subject: 'Hi',
        messagestream: 'outbound',
        metadata_userId: '42',
      })
      .reply(200, { TotalCount: 21, Messages: [postmarkMessage({ Unknown: true })] });
    const list = await messages.search({
      count: 10,
      offset: 20,
      recipient: 'ada@example.com',
      fromEmail: 'app@example.com',
      tag: 'welcome',
      status: 'sent',
      fromDate: '2024-07-01T04:00:00Z',
      toDate: '2024-07-02',
      subject: 'Hi',
      stream: 'outbound',
      metadata: { userId: '42' },
    });
    expect(list).toEqual({
      totalCount: 21,
      messages: [
        {
          messageId: '0ac29aee-e1cd-480d-b08d-4f48548ff48d',
          messageStream: 'outbound',
          tag: 'welcome',
          from: '"App" <app@example.com>',
          to: [{ email: 'ada@example.com', name: undefined }],
          cc: [],
          bcc: [{ email: 'audit@example.com', name: 'Audit' }],
          recipients: ['ada@example.com', 'audit@example.com'],
          subject: 'Hi',
          receivedAt: new Date('2024-07-01T13:30:00.500Z'),
          status: 'Sent',
          attachments: ['terms.txt'],
          trackOpens: true,
          trackLinks: 'HtmlAndText',
          metadata: { userId: '42' },
          sandboxed: false,
        },
      ],
    });
    scope.done();
  });

  it('asks for 100 from offset 0 by default and tolerates missing optional fields', async () => {
    nock(API)
      .get('/messages/outbound')
      .query({ count: '100', offset: '0' })
      .reply(200, {
        TotalCount: 1,
        Messages: [
          {
            MessageID: 'm',
            ReceivedAt: '2024-07-01T09:30:00Z',
            Status: 'Queued',
            Attachments: [{ Name: 'a.pdf' }],
          },
        ],
      });
    const [message] = (await messages.search()).messages;
    expect(message).toMatchObject({
      messageId: 'm',
      to: [],
      recipients: [],
      metadata: {},
      subject: '',
      from: '',
      attachments: ['a.pdf'],
    });
  });

  it('refuses a bad filter before any request', async () => {
    await expect(messages.search({ status: 'bounced' as never })).rejects.toThrow(
      /use one of queued, sent, processed/,
    );
    await expect(messages.search({ count: 1000 })).rejects.toThrow(RangeError);
    await expect(messages.search({ to: 'x' } as never)).rejects.toThrow(/unknown filter 'to'/);
  });
});

describe('messages.details()', () => {
  it('reads the bodies and typed events, detail keys in camelCase', async () => {
    const scope = nock(API, { reqheaders })
      .get('/messages/outbound/0ac29aee-e1cd-480d-b08d-4f48548ff48d/details')
      .reply(
        200,
        postmarkDetails([
          postmarkEvent('Delivered', 'ada@example.com', {
            DeliveryMessage: '250 2.0.0 OK',
            DestinationServer: 'mx.example.com',
            DestinationIP: '192.0.2.1',
          }),
          postmarkEvent('Transient', 'audit@example.com', {
            Summary: 'Delayed',
            BounceID: '374814878',
          }),
          postmarkEvent('Opened', 'ada@example.com', { Summary: 'Opened with Firefox' }),
          postmarkEvent('LinkClicked', 'ada@example.com', {
            Summary: 'Clicked',
            Link: 'https://example.com',
            ClickLocation: 'HTML',
          }),
          postmarkEvent(
            'Bounced',
            'audit@example.com',
            { Summary: 'Mailbox full', BounceID: '374814879' },
            '2024-07-01T10:00:00.1234567-04:00',
          ),
        ]),
      );
    const details = await messages.details('0ac29aee-e1cd-480d-b08d-4f48548ff48d');
    expect(details).toMatchObject({
      messageId: '0ac29aee-e1cd-480d-b08d-4f48548ff48d',
      textBody: 'Hello',
      htmlBody: '<p>Hello</p>',
      body: 'MIME-Version: 1.0\r\n',
      status: 'Sent',
    });
    expect(details.events).toEqual([
      {
        type: 'Delivered',
        recipient: 'ada@example.com',
        receivedAt: new Date('2024-07-01T09:30:05Z'),
        details: {
          deliveryMessage: '250 2.0.0 OK',
          destinationServer: 'mx.example.com',
          destinationIp: '192.0.2.1',
        },
      },
      expect.objectContaining({
        type: 'Transient',
        details: { summary: 'Delayed', bounceId: '374814878' },
      }),
      expect.objectContaining({ type: 'Opened', details: { summary: 'Opened with Firefox' } }),
      expect.objectContaining({
        type: 'LinkClicked',
        details: { summary: 'Clicked', link: 'https://example.com', clickLocation: 'HTML' },
      }),
      {
        type: 'Bounced',
        recipient: 'audit@example.com',
        receivedAt: new Date('2024-07-01T14:00:00.123Z'),
        details: { summary: 'Mailbox full', bounceId: '374814879' },
      },
    ]);
    const bounced = details.events.find((event) => event.type === 'Bounced');
    expect(bounced?.details.bounceId).toBe('374814879');
    scope.done();
  });

  it('takes missing MessageEvents and null Details as empty', async () => {
    nock(API)
      .get('/messages/outbound/m/details')
      .reply(200, { ...postmarkMessage({ MessageID: 'm' }), MessageEvents: null });
    expect((await messages.details('m')).events).toEqual([]);
    nock(API)
      .get('/messages/outbound/m/details')
      .reply(
        200,
        postmarkDetails([{ ...postmarkEvent('Delivered', 'a@b.c'), Details: null } as never]),
      );
    expect((await messages.details('m')).events[0]?.details).toEqual({});
  });

  it('URL-encodes the message id', async () => {
    const scope = nock(API)
      .get('/messages/outbound/a%2Fb%3Fc%23d/details')
      .reply(200, postmarkDetails([]))
      .get('/messages/outbound/%F0%9F%93%AE%20id/dump')
      .reply(200, { Body: 'MIME' });
    expect((await messages.details('a/b?c#d')).events).toEqual([]);
    expect(await messages.dump('📮 id')).toBe('MIME');
    scope.done();
  });

  it('reports a malformed event as an ApiError naming the field', async () => {
    const strict = apis({ retry: { limit: 0 } }).messages;
    nock(API)
      .get('/messages/outbound/m/details')
      .reply(200, postmarkDetails([postmarkEvent('Delivered', 'a@b.c', {}, 'yesterday')]));
    const error = await rejection(strict.details('m'));
    expect(isApiError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /MessageEvents\[0\]\.ReceivedAt: expected an ISO 8601 date-time, got "yesterday"/,
    );

    nock(API)
      .get('/messages/outbound/m/details')
      .reply(200, postmarkDetails([{ Type: 'Delivered' }] as never));
    expect(((await rejection(strict.details('m'))) as Error).message).toMatch(
      /MessageEvents\[0\]\.Recipient/,
    );
  });

  it('passes 701 (unknown message) on as an ApiError', async () => {
    nock(API)
      .get('/messages/outbound/nope/details')
      .reply(422, { ErrorCode: 701, Message: 'Message not found.' });
    expect(await rejection(messages.details('nope'))).toMatchObject({
      name: 'ApiError',
      status: 422,
      errorCode: 701,
    });
  });

  it('refuses an empty or non-string id before any request', async () => {
    await expect(messages.details('')).rejects.toThrow('messages.details(): the id is empty');
    await expect(messages.details(42 as never)).rejects.toThrow(TypeError);
    await expect(messages.dump('  ')).rejects.toThrow(RangeError);
  });
});

describe('messages.dump()', () => {
  it('reads { Body }', async () => {
    nock(API, { reqheaders })
      .get('/messages/outbound/m/dump')
      .reply(200, { Body: 'From: app@example.com\r\n' });
    expect(await messages.dump('m')).toBe('From: app@example.com\r\n');
  });
});
