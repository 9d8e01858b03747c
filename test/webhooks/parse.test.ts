import { describe, expect, it } from 'vitest';
import {
  isWebhookPayloadError,
  parseWebhook,
  type WebhookEvent,
  type WebhookPayloadError,
} from '../../src/webhooks/index.js';
import { FIXTURES, fixture, fixtureText } from './fixtures.js';

function payloadError(run: () => unknown): WebhookPayloadError {
  try {
    run();
  } catch (error) {
    if (isWebhookPayloadError(error)) return error;
    throw error;
  }
  throw new Error('expected a WebhookPayloadError');
}

// An event without its attachments' bytes() (a function per attachment, never equal).
function data(event: WebhookEvent): unknown {
  if (event.recordType !== 'Inbound') return event;
  return { ...event, attachments: event.attachments.map(({ bytes: _, ...rest }) => rest) };
}

describe('parseWebhook: every record type from Postmark’s examples', () => {
  it.each(FIXTURES)('%s: the text and the parsed JSON give the same frozen event', (name) => {
    const fromText = parseWebhook(fixtureText(name));
    const fromJson = parseWebhook(fixture(name));
    expect(data(fromText)).toEqual(data(fromJson));
    expect(Object.isFrozen(fromText)).toBe(true);
  });

  it('Delivery', () => {
    const event = parseWebhook(fixture('delivery'));
    expect(event).toEqual({
      recordType: 'Delivery',
      serverId: 23,
      messageStream: 'outbound',
      messageId: '00000000-0000-0000-0000-000000000000',
      recipient: 'john@example.com',
      tag: 'welcome-email',
      deliveredAt: new Date('2019-11-05T16:33:54.907Z'),
      details: 'Test delivery webhook details',
      metadata: { a_key: 'a_value', b_key: 'b_value' },
    });
  });

  it('Bounce', () => {
    const event = parseWebhook(fixture('bounce'));
    expect(event).toEqual({
      recordType: 'Bounce',
      messageStream: 'outbound',
      id: 4323372036854775,
      type: 'HardBounce',
      typeCode: 1,
      name: 'Hard bounce',
      tag: 'Test',
      messageId: '883953f4-6105-42a2-a16a-77a8eac79483',
      metadata: { a_key: 'a_value', b_key: 'b_value' },
      serverId: 23,
      description:
        'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
      details: 'Test bounce details',
      email: 'john@example.com',
      from: 'sender@example.com',
      bouncedAt: new Date('2019-11-05T16:33:54.907Z'),
      dumpAvailable: true,
      inactive: true,
      canActivate: true,
      subject: 'Test subject',
      content: '<Full dump of bounce>',
    });
  });

  it('SpamComplaint', () => {
    const event = parseWebhook(fixture('spam-complaint'));
    expect(event).toMatchObject({
      recordType: 'SpamComplaint',
      id: 42,
      type: 'SpamComplaint',
      typeCode: 100001,
      email: 'john@example.com',
      bouncedAt: new Date('2019-11-05T16:33:54.907Z'),
      inactive: true,
      canActivate: false,
      content: '<Abuse report dump>',
    });
  });

  it('Open', () => {
    const event = parseWebhook(fixture('open'));
    expect(event).toEqual({
      recordType: 'Open',
      messageStream: 'outbound',
      metadata: { example: 'value', example_2: 'value' },
      firstOpen: true,
      client: { name: 'Chrome 35.0.1916.153', company: 'Google', family: 'Chrome' },
      os: { name: 'OS X 10.7 Lion', company: 'Apple Computer, Inc.', family: 'OS X 10' },
      platform: 'WebMail',
      userAgent: expect.stringMatching(/^Mozilla\/5\.0/),
      readSeconds: 5,
      geo: {
        countryIsoCode: 'RS',
        country: 'Serbia',
        regionIsoCode: 'VO',
        region: 'Autonomna Pokrajina Vojvodina',
        city: 'Novi Sad',
        zip: '21000',
        coords: '45.2517,19.8369',
        ip: '188.2.95.4',
      },
      messageId: '00000000-0000-0000-0000-000000000000',
      receivedAt: new Date('2019-11-05T16:33:54.907Z'),
      tag: 'welcome-email',
      recipient: 'john@example.com',
    });
  });

  it('Click', () => {
    const event = parseWebhook(fixture('click'));
    expect(event).toMatchObject({
      recordType: 'Click',
      clickLocation: 'HTML',
      platform: 'Desktop',
      originalLink: 'https://example.com',
      geo: { city: 'Novi Sad', countryIsoCode: 'RS' },
      receivedAt: new Date('2017-10-25T15:21:11.449Z'),
      recipient: 'john@example.com',
      metadata: { a_key: 'a_value', b_key: 'b_value' },
    });
  });

  it('SubscriptionChange', () => {
    const event = parseWebhook(fixture('subscription-change'));
    expect(event).toEqual({
      recordType: 'SubscriptionChange',
      messageId: '883953f4-6105-42a2-a16a-77a8eac79483',
      serverId: 123456,
      messageStream: 'outbound',
      changedAt: new Date('2020-02-01T10:53:34.416Z'),
      recipient: 'bounced-address@example.com',
      origin: 'Recipient',
      suppressSending: true,
      suppressionReason: 'HardBounce',
      tag: 'my-tag',
      metadata: { example: 'value', example_2: 'value' },
    });
  });

  it('Inbound: recognised by its shape, with its lists, date and attachments', () => {
    const event = parseWebhook(fixture('inbound'));
    if (event.recordType !== 'Inbound') throw new Error(`got ${event.recordType}`);
    expect(event).toMatchObject({
      messageId: '73e6d360-66eb-11e1-8e72-a8904824019b',
      messageStream: 'inbound',
      from: 'support@postmarkapp.com',
      fromFull: { email: 'support@postmarkapp.com', name: 'Postmarkapp Support', mailboxHash: '' },
      toFull: [
        {
          email: 'yourhash+SampleHash@inbound.postmarkapp.com',
          name: 'Firstname Lastname',
          mailboxHash: 'SampleHash',
        },
      ],
      ccFull: [{ email: 'firstcc@postmarkapp.com' }, { email: 'secondCc@postmarkapp.com' }],
      bccFull: [{ email: 'firstbcc@postmarkapp.com', name: 'First Bcc' }],
      mailboxHash: 'SampleHash',
      date: 'Fri, 1 Aug 2014 16:45:32 -04:00',
      receivedAt: new Date('2014-08-01T20:45:32Z'),
      strippedTextReply: 'This is the reply text',
      headers: [
        { name: 'X-Header-Test', value: '' },
        { name: 'X-Spam-Status', value: 'No' },
        { name: 'X-Spam-Score', value: '-0.1' },
        { name: 'X-Spam-Tests', value: 'DKIM_SIGNED,DKIM_VALID,DKIM_VALID_AU,SPF_PASS' },
      ],
    });
    const [attachment] = event.attachments;
    expect(attachment).toMatchObject({
      name: 'test.txt',
      contentType: 'text/plain',
      contentLength: 45,
    });
    expect(new TextDecoder().decode(attachment?.bytes())).toBe(
      'This is attachment contents, base-64 encoded.',
    );
  });
});

describe('parseWebhook: tolerant of what Postmark may change', () => {
  it('keeps fields Postmark adds later, and leaves out nulls', () => {
    const event = parseWebhook(
      fixture('delivery', { Tag: null, Details: null, NewField: { SomeValue: 1 } }),
    ) as unknown as Record<string, unknown>;
    expect(event.newField).toEqual({ someValue: 1 });
    expect('tag' in event).toBe(false);
    expect('details' in event).toBe(false);
  });

  it('takes null and absent metadata as none, and metadata numbers as their text', () => {
    expect(parseWebhook(fixture('delivery', { Metadata: null })).recordType).toBe('Delivery');
    const event = parseWebhook(fixture('bounce', { Metadata: { user_id: 43, vip: true } }));
    expect(event).toMatchObject({ metadata: { user_id: '43', vip: 'true' } });
  });

  it('keeps metadata keys as the sender wrote them (not camelCased)', () => {
    const event = parseWebhook(fixture('open', { Metadata: { UserID: '7', 'order-id': 'A1' } }));
    expect(event).toMatchObject({ metadata: { UserID: '7', 'order-id': 'A1' } });
  });

  it('a RecordType it does not know is an Unknown event, kept as it came', () => {
    const payload = { RecordType: 'LinkUnsubscribe', MessageID: 'x', Anything: [1, 2] };
    expect(parseWebhook(payload)).toEqual({
      recordType: 'Unknown',
      postmarkRecordType: 'LinkUnsubscribe',
      payload,
    });
  });

  it('an inbound message with a FromFull and no From header is inbound', () => {
    const event = parseWebhook({ MessageID: 'm-2', FromFull: { Email: 'ada@example.com' } });
    expect(event).toMatchObject({ recordType: 'Inbound', fromFull: { email: 'ada@example.com' } });
  });

  it('an inbound message without attachments, lists or a Date still reads', () => {
    const event = parseWebhook({
      MessageID: 'm-1',
      From: 'Ada <ada@example.com>',
      Attachments: null,
    });
    expect(event).toMatchObject({
      recordType: 'Inbound',
      fromFull: { email: 'ada@example.com', name: 'Ada' },
      toFull: [],
      attachments: [],
      headers: [],
    });
    expect('receivedAt' in event).toBe(false);
  });
});

describe('parseWebhook: a payload that is not a Postmark event', () => {
  it.each([
    ['text that is not JSON', '{"RecordType": "Bounce",', ''],
    ['an array', '[]', ''],
    ['null', 'null', ''],
    ['a RecordType that is not a string', { RecordType: 7 }, 'RecordType'],
    ['no RecordType and not an inbound message', { Email: 'a@b.co' }, 'RecordType'],
    // Inbound is known by a MessageID and a sender; a MessageID alone is not inbound mail.
    ['a MessageID alone', { MessageID: 'x' }, 'RecordType'],
    [
      'a Delivery that lost its RecordType',
      { MessageID: 'x', Recipient: 'a@b.co', DeliveredAt: '2024-05-01T10:00:00Z' },
      'RecordType',
    ],
    ['a sender without a MessageID', { From: 'ada@example.com' }, 'RecordType'],
    ['a null MessageID', { MessageID: null, From: 'ada@example.com' }, 'RecordType'],
    ['RecordType Inbound without a sender', { RecordType: 'Inbound', MessageID: 'x' }, 'From'],
  ])('%s', (_, payload, path) => {
    const error = payloadError(() => parseWebhook(payload));
    expect(error.name).toBe('WebhookPayloadError');
    expect(error.issues[0]?.path).toBe(path);
  });

  it('names every broken field of a known event, with what was expected', () => {
    const error = payloadError(() =>
      parseWebhook(
        fixture('bounce', { BouncedAt: 'yesterday', Inactive: 'yes', Email: undefined }),
      ),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'BouncedAt',
      'Email',
      'Inactive',
    ]);
    expect(error.issues.find((issue) => issue.path === 'Inactive')).toMatchObject({
      expected: 'boolean',
      received: '"yes"',
    });
    expect(error.message).toMatch(/^Not a Postmark webhook payload: /);
  });

  it('an ID past Number.MAX_SAFE_INTEGER is refused, not handed on rounded', () => {
    // Postmark's own Bounce example: JSON.parse makes it 4323372036854776000, another bounce.
    const text = fixtureText('bounce').replace(
      '"ID": 4323372036854775,',
      '"ID": 4323372036854775807,',
    );
    expect(text).toContain('4323372036854775807');
    const error = payloadError(() => parseWebhook(text));
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'ID',
        expected: 'safe integer',
        received: '4323372036854776000',
      }),
    ]);
    expect(error.message).toMatch(/^Not a Postmark webhook payload: ID: .*MAX_SAFE_INTEGER/);
    const spam = payloadError(() =>
      parseWebhook(fixture('spam-complaint', { ID: 2 ** 53, ServerID: 1.5 })),
    );
    expect(spam.issues.map((issue) => issue.path)).toEqual(['ID', 'ServerID']);
    expect(parseWebhook(fixture('bounce', { ID: Number.MAX_SAFE_INTEGER }))).toMatchObject({
      id: Number.MAX_SAFE_INTEGER,
    });
  });

  it('names the path of a broken inbound field', () => {
    const error = payloadError(() =>
      parseWebhook(fixture('inbound', { ToFull: [{ Email: 'a@b.co' }, { Name: 'no email' }] })),
    );
    expect(error.issues[0]?.path).toBe('ToFull[1].Email');
  });

  it('an attachment that is not base64 fails when its bytes are asked for, not before', () => {
    const payload = fixture('inbound');
    payload.Attachments = [{ Name: 'x.bin', Content: 'not base64!' }];
    const event = parseWebhook(payload) as Extract<WebhookEvent, { recordType: 'Inbound' }>;
    const error = payloadError(() => event.attachments[0]?.bytes());
    expect(error.issues[0]?.path).toBe('Attachments[0].Content');
  });
});
