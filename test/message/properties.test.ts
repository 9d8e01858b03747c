import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isMessageValidationError, Message } from '../../src/index.js';
import { encodedSize, encodedSizeAtMost } from '../../src/message/size.js';
import { PostmarkEmailSchema, PostmarkTemplatedEmailSchema } from '../../src/schemas/index.js';

// Inputs mix good and bad values so chains hit both the happy paths and every rule.
const address = fc.oneof(
  fc.emailAddress(),
  fc.record({ email: fc.emailAddress(), name: fc.string({ maxLength: 20 }) }),
  fc
    .tuple(fc.string({ maxLength: 12 }), fc.emailAddress())
    .map(([name, email]) => `${name} <${email}>`),
  fc.string({ maxLength: 20 }),
);
const fileName = fc
  .tuple(
    fc.string({ minLength: 0, maxLength: 8 }),
    fc.constantFrom('txt', 'pdf', 'EXE', 'png', '', 'bin', 'csv'),
  )
  .map(([base, ext]) => (ext ? `${base}.${ext}` : base));

const step: fc.Arbitrary<(m: Message) => Message> = fc.oneof(
  address.map((a) => (m: Message) => m.from(a)),
  fc.array(address, { maxLength: 20 }).map((list) => (m: Message) => m.to(list)),
  fc.array(address, { maxLength: 20 }).map((list) => (m: Message) => m.cc(list)),
  fc.array(address, { maxLength: 20 }).map((list) => (m: Message) => m.bcc(list)),
  address.map((a) => (m: Message) => m.replyTo(a)),
  fc.string().map((s) => (m: Message) => m.subject(s)),
  fc.string().map((s) => (m: Message) => m.text(s)),
  fc.string().map((s) => (m: Message) => m.html(s)),
  fc.string({ maxLength: 1005 }).map((s) => (m: Message) => m.tag(s)),
  fc
    .dictionary(fc.string({ maxLength: 25 }), fc.string({ maxLength: 85 }), { maxKeys: 12 })
    .map((d) => (m: Message) => m.metadata(d)),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(
    ([n, val]) =>
      (m: Message) =>
        m.header(n, val),
  ),
  fc
    .tuple(
      fileName,
      fc.uint8Array({ maxLength: 64 }),
      fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
    )
    .map(
      ([name, content, contentId]) =>
        (m: Message) =>
          m.attach({ name, content, contentId }),
    ),
  fc.boolean().map((b) => (m: Message) => m.trackOpens(b)),
  fc
    .constantFrom('None', 'HtmlAndText', 'HtmlOnly', 'TextOnly', 'Bogus')
    .map((t) => (m: Message) => m.trackLinks(t as never)),
  fc.string({ maxLength: 10 }).map((s) => (m: Message) => m.stream(s)),
  fc
    .oneof(fc.integer({ min: -2, max: 99 }), fc.string({ maxLength: 10 }))
    .map((t) => (m: Message) => m.template(t, { name: 'x' })),
);

/** Applies each step, skipping a step that a rule refuses; anything but a MessageValidationError fails. */
function build(steps: ((m: Message) => Message)[]): Message {
  let message = Message.empty();
  for (const apply of steps) {
    try {
      message = apply(message);
    } catch (error) {
      if (!isMessageValidationError(error)) throw error;
    }
  }
  return message;
}

describe('properties', () => {
  it('random chains throw nothing but MessageValidationError, and never change a value', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const message = build(steps);
        const before = JSON.stringify(message);
        build(steps.map((s) => () => s(message)));
        expect(JSON.stringify(message)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('whatever validate() accepts serializes to JSON that the schemas accept, and round-trips', () => {
    const complete = fc
      .array(step, { maxLength: 25 })
      .map((steps) =>
        build([
          (m) => m.from('app@example.com').to('first@example.com'),
          ...steps,
          (m) => (m.kind === 'email' && m.data.text === undefined ? m.text('body') : m),
        ]),
      );
    let accepted = 0;
    fc.assert(
      fc.property(complete, (message) => {
        if (!message.validate().ok) return;
        accepted++;
        const json = message.toJSON();
        const schema =
          message.kind === 'template' ? PostmarkTemplatedEmailSchema : PostmarkEmailSchema;
        expect(v.safeParse(schema, json).issues ?? []).toEqual([]);
        expect(Message.fromJSON(json)).toEqual(message);
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(50); // the property must actually be exercised
  });

  it('the cheap size bound never under-counts the exact encoded size', () => {
    // validate() trusts the bound to skip serializing: an under-count would let an
    // oversized message through. Full-range strings include quotes, controls and surrogates.
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      // Long runs of what JSON escapes most (\u0001 is 6 bytes), beyond any per-field slack.
      fc
        .array(fc.constantFrom('\u0001', '"', '\\', '\n', '\ud83d\udce7', 'é'), {
          minLength: 100,
          maxLength: 400,
        })
        .map((parts) => parts.join('')),
    );
    const anyMessage = fc
      .tuple(
        fc.array(step, { maxLength: 25 }),
        text,
        fc.dictionary(text, text, { maxKeys: 5 }),
        fc.array(fc.tuple(text, text), { maxLength: 3 }),
      )
      .map(([steps, body, metadata, names]) =>
        build([
          ...steps,
          (m) => m.text(body).metadata(metadata),
          ...names.map(
            ([name, email]) =>
              (m: Message) =>
                m.cc({ email: `${email.length}@example.com`, name }),
          ),
        ]),
      );
    fc.assert(
      fc.property(anyMessage, (message) => {
        const bound = encodedSizeAtMost(message.data);
        if (bound !== undefined) expect(bound).toBeGreaterThanOrEqual(encodedSize(message.data));
      }),
      { numRuns: 500 },
    );
  });
});
