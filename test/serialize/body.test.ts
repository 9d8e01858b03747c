import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Message } from '../../src/index.js';
import { batchBody, messageBody } from '../../src/serialize/body.js';
import { encodedSize } from '../../src/serialize/size.js';
import { countUtf8Bytes, utf8ByteLength } from '../../src/serialize/utf8.js';
import type { RequestBody } from '../../src/transport/types.js';
import { build, step } from '../helpers/arbitrary-messages.js';

const text = (body: RequestBody) =>
  typeof body === 'string' ? body : new TextDecoder().decode(body);

// Names and ids with what JSON escapes or writes in several bytes; contents of every length
// modulo 3 (base64 padding) and across the 49,152-byte slices the writer encodes.
const attachmentStep = fc
  .tuple(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 49_150, max: 98_310 })),
    fc.option(fc.string({ unit: 'binary', maxLength: 10 }), { nil: undefined }),
  )
  .map(
    ([name, content, contentId]) =>
      (m: Message) =>
        m.attach({
          name: `${name}.txt`,
          content:
            typeof content === 'number'
              ? Uint8Array.from({ length: content }, (_, i) => (i * 7) % 256)
              : content,
          contentId,
        }),
  );
const anyMessage = fc
  .array(fc.oneof(step, attachmentStep), { maxLength: 20 })
  .map((steps) => build(steps));

describe('messageBody', () => {
  it('is exactly JSON.stringify(message), as text without attachments and as bytes with them', () => {
    let withAttachments = 0;
    fc.assert(
      fc.property(anyMessage, (message) => {
        const { body, bytes } = messageBody(message.data);
        const json = JSON.stringify(message);
        expect(text(body)).toBe(json);
        expect(bytes).toBe(new TextEncoder().encode(json).length);
        expect(encodedSize(message.data)).toBe(bytes);
        if (message.data.attachments.length > 0) {
          withAttachments++;
          expect(body).toBeInstanceOf(Uint8Array);
          expect((body as Uint8Array).byteLength).toBe(bytes);
        } else expect(typeof body).toBe('string');
      }),
      { numRuns: 300 },
    );
    expect(withAttachments).toBeGreaterThan(50); // the bytes path must actually be exercised
  });

  it('writes a large attachment as the same base64 Buffer would give', () => {
    for (const length of [147_456, 147_457, 147_458]) {
      const content = Uint8Array.from({ length }, (_, i) => (i * 31 + (i >> 8)) % 256);
      const message = Message.from('app@example.com')
        .to('ada@example.com')
        .text('hi')
        .attach({ name: 'a.pdf', content });
      const body = JSON.parse(text(messageBody(message.data).body));
      expect(body.Attachments[0].Content).toBe(Buffer.from(content).toString('base64'));
    }
  });
});

describe('batchBody', () => {
  it('is the JSON of the list for /email/batch and { Messages } for /email/batchWithTemplates', () => {
    fc.assert(
      fc.property(fc.array(anyMessage, { maxLength: 4 }), (messages) => {
        const data = messages.map((m) => m.data);
        const json = JSON.stringify(messages);
        expect(text(batchBody('email', data))).toBe(json);
        expect(text(batchBody('template', data))).toBe(`{"Messages":${json}}`);
        const attached = data.some((d) => d.attachments.length > 0);
        expect(typeof batchBody('email', data)).toBe(attached ? 'object' : 'string');
      }),
      { numRuns: 100 },
    );
  });
});

describe('batchBody of messages that share their defaults', () => {
  // A batch as a Sender makes it: each message laid over the same defaults, so long bodies
  // and attachments are the same values by reference, written once per request.
  const longText = fc.string({ unit: 'binary', minLength: 500, maxLength: 900 });
  const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
  const shared = fc
    .record({
      base: fc.array(step, { maxLength: 8 }).map((steps) => build(steps)),
      html: fc.option(longText, { nil: undefined }),
      text: fc.option(longText, { nil: undefined }),
      logo: rarely(fc.uint8Array({ minLength: 1, maxLength: 300 })),
    })
    .map(({ base, html, text, logo }) => {
      let defaults = base;
      if (html !== undefined) defaults = defaults.html(html);
      if (text !== undefined) defaults = defaults.text(text);
      if (logo !== undefined) defaults = defaults.attach({ name: 'logo.png', content: logo });
      return defaults;
    });
  // Each message: its own recipients, and now and then its own body or attachment.
  const own = fc.tuple(
    fc.emailAddress(),
    rarely(fc.string({ maxLength: 600 })),
    rarely(fc.constant(true)),
    rarely(fc.array(step, { maxLength: 3 })),
  );

  it('is byte for byte the JSON of the messages written one by one', () => {
    let reused = 0;
    fc.assert(
      fc.property(shared, fc.array(own, { minLength: 1, maxLength: 8 }), (defaults, owns) => {
        const messages = owns.map(([email, html, attach, steps]) => {
          let message = build(steps ?? []).to(email);
          if (html !== undefined) message = message.html(html);
          if (attach) message = message.attach({ name: 'own.txt', content: email });
          return message.withDefaults(defaults);
        });
        const data = messages.map((m) => m.data);
        const json = JSON.stringify(messages);
        const body = batchBody('email', data);
        expect(text(body)).toBe(json);
        expect(text(batchBody('template', data))).toBe(`{"Messages":${json}}`);
        if (typeof body !== 'string') expect(body.byteLength).toBe(Buffer.byteLength(json));
        if (typeof body !== 'string' && data.every((d) => d.attachments.length === 0)) reused++;
      }),
      // A fixed seed: the count below is of the generated cases, and must not hang on luck
      // (unseeded, a run of the whole suite once counted 15).
      { numRuns: 300, seed: 20261201 },
    );
    expect(reused).toBeGreaterThan(15); // shared bodies without attachments took the bytes path
  });

  it('encodes a shared attachment and a shared body once per request', () => {
    const logo = Uint8Array.from({ length: 30_000 }, (_, i) => (i * 13) % 256);
    const html = `<p>${'spring sale '.repeat(100)}</p>`;
    const defaults = Message.from('news@example.com')
      .html(html)
      .attach({ name: 'logo.png', content: logo });
    const messages = Array.from({ length: 50 }, (_, i) =>
      Message.to(`user${i}@example.com`).withDefaults(defaults),
    );
    const json = JSON.stringify(messages);
    const encodes = vi.spyOn(TextEncoder.prototype, 'encodeInto');
    const bufferText = vi.spyOn(Buffer.prototype, 'toString');
    try {
      const body = batchBody(
        'email',
        messages.map((m) => m.data),
      );
      expect(text(body)).toBe(json);
      const htmlWrites = encodes.mock.calls.filter(([piece]) => piece.includes('spring sale'));
      expect(htmlWrites).toHaveLength(1);
      const logoEncodes = bufferText.mock.calls.filter(([encoding]) => encoding === 'base64');
      expect(logoEncodes).toHaveLength(1); // 30,000 bytes: one slice
    } finally {
      encodes.mockRestore();
      bufferText.mockRestore();
    }
  });
});

describe('utf8ByteLength', () => {
  it('equals what TextEncoder produces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const json = JSON.stringify(text);
        expect(utf8ByteLength(json)).toBe(new TextEncoder().encode(json).length);
        expect(countUtf8Bytes(json)).toBe(new TextEncoder().encode(json).length);
      }),
    );
    // Raw text too (validate() measures bodies): a lone surrogate is written as U+FFFD.
    for (const text of ['', 'abc', 'é', '€', '😀', '"\ud83d"', 'a😀é€', '\ud83d', 'x\udce7y']) {
      for (const value of [text, JSON.stringify(text)]) {
        expect(utf8ByteLength(value)).toBe(new TextEncoder().encode(value).length);
        expect(countUtf8Bytes(value)).toBe(new TextEncoder().encode(value).length);
      }
    }
  });
});
