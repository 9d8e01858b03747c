// The messages every figure works on, built three ways (our builder, Postmark JSON by hand,
// the official client's models) from the same fields, so all contenders carry the same bytes.
import { deepStrictEqual } from 'node:assert';

/** Bytes of the small attachment of figure 1 (1 KiB: a short text or a tiny image). */
export const SMALL_ATTACHMENT = Uint8Array.from({ length: 1024 }, (_, i) => (i * 31) & 0xff);

/** Figure 1 with our builder: the 10 chained calls of a typical message. */
export function typicalOurs(Message, bytes = SMALL_ATTACHMENT) {
  return Message.from('Team <team@example.com>')
    .to('ada@example.com', { email: 'bob@example.com', name: 'Bob, Jr.' })
    .subject('Welcome aboard')
    .text('Hello, and welcome. Your account is ready.')
    .html('<p>Hello, and <b>welcome</b>. Your account is ready.</p>')
    .tag('welcome')
    .metadata({ userId: '42' })
    .header('X-Campaign', 'spring')
    .attach({ name: 'terms.txt', content: bytes, contentType: 'text/plain' })
    .trackOpens(true);
}

/** Figure 1's work with our builder, as every harness measures it: build, validate, serialize. */
export function typicalOursJson(Message) {
  const message = typicalOurs(Message);
  if (!message.validate().ok) throw new Error('the typical message should be valid');
  return JSON.stringify(message);
}

/** Figure 1 by hand: the Postmark JSON object a careful caller would write. */
export function typicalByHand(bytes = SMALL_ATTACHMENT) {
  return {
    From: 'Team <team@example.com>',
    To: 'ada@example.com, "Bob, Jr." <bob@example.com>',
    Subject: 'Welcome aboard',
    HtmlBody: '<p>Hello, and <b>welcome</b>. Your account is ready.</p>',
    TextBody: 'Hello, and welcome. Your account is ready.',
    Tag: 'welcome',
    Headers: [{ Name: 'X-Campaign', Value: 'spring' }],
    TrackOpens: true,
    Metadata: { userId: '42' },
    Attachments: [
      {
        Name: 'terms.txt',
        Content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
        ContentType: 'text/plain',
      },
    ],
  };
}

/** Figure 1 with the official client's models (positional constructors; base64 is the caller's job). */
export function typicalOfficial(Models, bytes = SMALL_ATTACHMENT) {
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return new Models.Message(
    'Team <team@example.com>',
    'Welcome aboard',
    '<p>Hello, and <b>welcome</b>. Your account is ready.</p>',
    'Hello, and welcome. Your account is ready.',
    'ada@example.com, "Bob, Jr." <bob@example.com>',
    undefined,
    undefined,
    undefined,
    'welcome',
    true,
    undefined,
    [new Models.Header('X-Campaign', 'spring')],
    [new Models.Attachment('terms.txt', content, 'text/plain')],
    { userId: '42' },
  );
}

// A receipt-sized personalised message: ~1.5 KB of JSON, distinct for every recipient.
const HTML_BODY = `<p>Thank you for your order. Below is a summary of what you bought and when it ships.</p>${'<tr><td>Item</td><td>1</td><td>$10.00</td></tr>'.repeat(12)}`;
const TEXT_BODY = `Thank you for your order. ${'Item 1 $10.00\n'.repeat(12)}`;

function fields(i) {
  return {
    from: 'Shop <receipts@example.com>',
    email: `user${i}@example.com`,
    name: `User ${i}`,
    subject: `Your receipt #${100000 + i}`,
    html: `<h1>Hi User ${i},</h1>${HTML_BODY}<p>Order ${100000 + i}</p>`,
    text: `Hi User ${i},\n${TEXT_BODY}Order ${100000 + i}`,
    userId: String(i),
  };
}

/** Message `i` of a batch, with our builder. */
export function batchOurs(Message, i) {
  const f = fields(i);
  return Message.from(f.from)
    .to({ email: f.email, name: f.name })
    .subject(f.subject)
    .text(f.text)
    .html(f.html)
    .tag('receipt')
    .metadata({ userId: f.userId })
    .trackOpens(true)
    .stream('outbound');
}

/**
 * What every message of a batch shares, as a real batch has it: a Sender's defaults, laid
 * under each message by reference. `batchOwn(Message, i)` over these is `batchOurs(Message, i)`.
 */
export function batchDefaults(Message) {
  return Message.from(fields(0).from).tag('receipt').trackOpens(true).stream('outbound');
}

/** Message `i` of a batch as a caller of a Sender with `batchDefaults` writes it: its own fields. */
export function batchOwn(Message, i) {
  const f = fields(i);
  return Message.to({ email: f.email, name: f.name })
    .subject(f.subject)
    .text(f.text)
    .html(f.html)
    .metadata({ userId: f.userId });
}

/** Message `i` of a batch as Postmark JSON built by hand. */
export function batchByHand(i) {
  const f = fields(i);
  return {
    From: f.from,
    To: `${f.name} <${f.email}>`,
    Subject: f.subject,
    HtmlBody: f.html,
    TextBody: f.text,
    Tag: 'receipt',
    TrackOpens: true,
    Metadata: { userId: f.userId },
    MessageStream: 'outbound',
  };
}

/** Message `i` of a batch with the official client's models. */
export function batchOfficial(Models, i) {
  const f = fields(i);
  const message = new Models.Message(
    f.from,
    f.subject,
    f.html,
    f.text,
    `${f.name} <${f.email}>`,
    undefined,
    undefined,
    undefined,
    'receipt',
    true,
    undefined,
    undefined,
    undefined,
    { userId: f.userId },
  );
  message.MessageStream = 'outbound';
  return message;
}

/** Splits a list into runs of `size` (Postmark takes 500 messages per batch request). */
export function chunk(list, size = 500) {
  const chunks = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}

/**
 * Throws unless the three ways produce the same Postmark JSON (key order aside, and a `null`
 * counted as absent: the official Attachment sends `"ContentID": null`), so no contender is
 * measured doing less work than the others.
 */
export function assertSameJson(label, ...values) {
  const [first, ...rest] = values.map((value) => sortKeys(JSON.parse(JSON.stringify(value))));
  for (const other of rest)
    deepStrictEqual(other, first, `${label}: the contenders build different JSON`);
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => value[key] !== null)
        .sort()
        .map((key) => [key, sortKeys(value[key])]),
    );
  }
  return value;
}
