// fast-check arbitraries of builder calls, shared by the property tests.
import fc from 'fast-check';
import { isMessageValidationError, Message } from '../../src/index.js';

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

export const step: fc.Arbitrary<(m: Message) => Message> = fc.oneof(
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
export function build(steps: ((m: Message) => Message)[]): Message {
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
