import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, Message } from '../../src/index.js';

const complete = Message.from('app@example.com').to('ada@example.com').subject('Hi').text('Hello');
const codes = (m: Message, limits?: object) => {
  const result = m.validate(limits ? { limits } : {});
  return result.ok ? [] : result.issues.map((i) => i.code);
};
const encodedBytes = (m: Message) => new TextEncoder().encode(JSON.stringify(m.toJSON())).length;

describe('validate()', () => {
  it('accepts a complete message', () => {
    expect(complete.validate()).toEqual({ ok: true });
  });

  it('reports every cross-field problem at once, each with path, code and message', () => {
    const result = Message.empty().tag('x').validate();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['from', 'from.missing'],
      ['to', 'recipients.missing'],
      ['text', 'content.missing'],
    ]);
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(10);
  });

  it('accepts Cc or Bcc alone as the recipients', () => {
    expect(codes(Message.from('a@example.com').bcc('b@example.com').text('x'))).toEqual([]);
  });

  it('refuses a body and a template together, and a subject on a template', () => {
    expect(codes(complete.template('welcome'))).toEqual(['content.both', 'template.subject']);
    expect(codes(Message.from('a@example.com').to('b@example.com').template('welcome'))).toEqual(
      [],
    );
  });

  it('passes a message of exactly 10,000,000 encoded bytes and fails one byte more', () => {
    const exact = messageOfEncodedSize(DEFAULT_LIMITS.maxMessageBytes);
    expect(encodedBytes(exact)).toBe(10_000_000);
    expect(exact.validate()).toEqual({ ok: true });
    const oneMore = exact.subject(`${exact.data.subject}x`);
    expect(encodedBytes(oneMore)).toBe(10_000_001);
    expect(codes(oneMore)).toEqual(['size.tooLarge']);
  });

  it('measures attachments after base64, not raw', () => {
    // 7,600,000 raw bytes are 10,133,336 base64 characters: under 10 MB raw, over it encoded.
    const m = complete.attach({ name: 'big.dat', content: new Uint8Array(7_600_000) });
    expect(codes(m)).toEqual(['size.tooLarge']);
  });

  it('allows a 5,000,000-byte body and refuses one byte more (UTF-8 bytes, not characters)', () => {
    expect(codes(complete.text('a'.repeat(5_000_000)))).toEqual([]);
    expect(codes(complete.html('a'.repeat(5_000_001)))).toEqual(['body.tooLarge']);
    expect(codes(complete.text('é'.repeat(2_500_001)))).toEqual(['body.tooLarge']); // 2 bytes each
  });

  it('refuses a ContentID that is not ASCII or has spaces', () => {
    const img = (contentId: string) =>
      complete.attach({ name: 'logo.png', content: 'x', contentId });
    expect(codes(img('cid:logo'))).toEqual([]);
    expect(codes(img('cid:my logo'))).toEqual(['attachment.contentId']);
    expect(codes(img('cid:logö'))).toEqual(['attachment.contentId']);
    // They would end or break the Content-ID: <...> header it is written into.
    for (const id of ['<logo>', '<<x>"y>', 'a"b', 'a>b', 'a<b']) {
      expect(codes(img(id)), id).toEqual(['attachment.contentId']);
    }
    expect(codes(img('logo@example.com'))).toEqual([]);
    expect(codes(img("cid:a!#$%&'*+-/=?^_`{|}~.b"))).toEqual([]);
  });

  it('refuses metadata keys that differ only in case', () => {
    const result = complete.metadata({ UserId: '1', userid: '2' }).validate();
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({ path: 'metadata.userid', code: 'metadata.duplicateKey' }),
    ]);
  });

  it('applies the unconfirmed metadata limits, which a caller can override', () => {
    const long = complete.metadata({ ['k'.repeat(21)]: 'v'.repeat(81) });
    expect(codes(long)).toEqual(['metadata.keyTooLong', 'metadata.valueTooLong']);
    expect(codes(long, { maxMetadataKeyLength: 100, maxMetadataValueLength: 100 })).toEqual([]);
    const eleven = complete.metadata(
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
    );
    expect(codes(eleven)).toEqual(['metadata.tooMany']);
  });

  it('uses overridden size limits, such as the 2^20 reading of "10 MB"', () => {
    const m = complete.attach({ name: 'big.dat', content: new Uint8Array(7_600_000) });
    expect(codes(m, { maxMessageBytes: 10 * 1024 * 1024 })).toEqual([]);
    expect(codes(complete.cc('second@example.com'), { maxRecipients: 1 })).toEqual([
      'recipients.tooMany',
    ]);
  });
});

/** A message whose JSON is exactly `target` bytes, reached by sizing an attachment and the subject. */
function messageOfEncodedSize(target: number): Message {
  const empty = complete.attach({ name: 'data.dat', content: new Uint8Array(0) });
  let pad = 0;
  // base64 comes in blocks of 4 characters; pad the subject until the rest is a multiple of 4.
  while ((target - encodedBytes(empty.subject(`Hi${'.'.repeat(pad)}`))) % 4 !== 0) pad++;
  const subject = `Hi${'.'.repeat(pad)}`;
  const rawBytes = ((target - encodedBytes(empty.subject(subject))) / 4) * 3;
  return complete.subject(subject).attach({ name: 'data.dat', content: new Uint8Array(rawBytes) });
}
