import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { PostmarkEmailSchema, PostmarkTemplatedEmailSchema } from '../../src/schemas/index.js';
import { encodedSize, encodedSizeAtMost } from '../../src/serialize/size.js';
import { build, step } from '../helpers/arbitrary-messages.js';

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
