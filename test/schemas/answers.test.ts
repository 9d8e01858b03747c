import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  BatchAnswer,
  BulkAcceptedAnswer,
  BulkStatusAnswer,
  SendAnswer,
} from '../../src/schemas/answers.js';
import {
  PostmarkBatchResponseSchema,
  PostmarkBulkAcceptedSchema,
  PostmarkBulkStatusSchema,
  PostmarkSendResponseSchema,
} from '../../src/schemas/index.js';
import type { StandardSchema } from '../../src/utils/standard-schema.js';

// The Sender checks its answers by hand (src/schemas/answers.ts) rather than with the valibot
// schemas, which it would otherwise carry into every bundle. These hold each hand check to
// its schema: a value passes one exactly when it passes the other, and passes unchanged.

// Any value a field may hold: right, wrong, null, or left out.
const anyField = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.constant(''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

// An object with the schema's keys (some left out), each anything, and a stray key or two.
function around(keys: readonly string[]): fc.Arbitrary<unknown> {
  const record = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...keys), anyField), { maxLength: keys.length + 2 }),
      fc.dictionary(fc.string({ maxLength: 4 }), anyField, { maxKeys: 2 }),
    )
    .map(([entries, extra]) => {
      const value: Record<string, unknown> = { ...extra };
      for (const [key, found] of entries) if (found !== undefined) value[key] = found;
      return value;
    });
  return fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.jsonValue() });
}

// An answer that passes: every key of the right type, so that the comparison sees passes too.
const goodSend = fc.record(
  {
    ErrorCode: fc.integer(),
    Message: fc.string(),
    MessageID: fc.string(),
    SubmittedAt: fc.string(),
    To: fc.string(),
  },
  { requiredKeys: ['ErrorCode'] },
);

function agrees<T>(
  hand: StandardSchema<T>,
  schema: v.GenericSchema,
  values: fc.Arbitrary<unknown>,
) {
  fc.assert(
    fc.property(values, (value) => {
      const mine = hand['~standard'].validate(value);
      const theirs = v.safeParse(schema, value);
      if ('then' in mine) throw new Error('the hand check must be synchronous');
      expect({ passes: mine.issues === undefined }).toEqual({ passes: theirs.success });
      if (mine.issues === undefined) {
        expect(mine.value).toBe(value); // not copied
        expect(mine.value).toEqual(theirs.output);
      } else {
        expect(mine.issues[0]?.message).toMatch(/expected/);
      }
    }),
    { numRuns: 1000 },
  );
}

const SEND_KEYS = ['ErrorCode', 'Message', 'MessageID', 'SubmittedAt', 'To'];
const BULK_KEYS = ['ID', 'Id', 'Status', 'SubmittedAt'];

describe("the Sender's hand-written answer checks", () => {
  it('pass what PostmarkSendResponseSchema passes, and only that', () => {
    agrees(SendAnswer, PostmarkSendResponseSchema, fc.oneof(goodSend, around(SEND_KEYS)));
  });

  it('pass what PostmarkBatchResponseSchema passes, and only that', () => {
    const element = fc.oneof({ weight: 6, arbitrary: goodSend }, around(SEND_KEYS));
    agrees(
      BatchAnswer,
      PostmarkBatchResponseSchema,
      fc.oneof(fc.array(element, { maxLength: 6 }), around(SEND_KEYS)),
    );
  });

  it('pass what the bulk answers pass, and only that', () => {
    agrees(BulkAcceptedAnswer, PostmarkBulkAcceptedSchema, around(BULK_KEYS));
    const statusKeys = [...BULK_KEYS, 'TotalMessages', 'PercentageCompleted', 'Subject'];
    agrees(BulkStatusAnswer, PostmarkBulkStatusSchema, around(statusKeys));
  });

  it('say where a batch answer is wrong', () => {
    const checked = BatchAnswer['~standard'].validate([
      { ErrorCode: 0 },
      { ErrorCode: '0', MessageID: 'x' },
    ]);
    expect(checked).toEqual({ issues: [{ message: '[1].ErrorCode: expected a number, got "0"' }] });
  });
});
