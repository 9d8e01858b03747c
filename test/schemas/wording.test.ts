import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { reading } from '../../src/api/read.js';
import * as schemas from '../../src/schemas/index.js';
import { issueWording } from '../../src/schemas/wording.js';

const wording = (schema: v.GenericSchema, value: unknown) => {
  const result = v.safeParse(schema, value);
  if (result.success) throw new Error('expected a problem');
  return issueWording(result.issues[0] as v.BaseIssue<unknown>);
};

describe('issueWording', () => {
  it('words valibot issues as the SDK words its errors', () => {
    expect(wording(v.string(), 5)).toBe('expected a string, got 5');
    expect(wording(v.number(), 'one')).toBe('expected a number, got "one"');
    expect(wording(v.boolean(), null)).toBe('expected true or false, got null');
    expect(wording(v.array(v.string()), {})).toBe('expected an array, got an object');
    expect(wording(v.looseObject({ a: v.string() }), 5)).toBe('expected an object, got 5');
    expect(wording(v.looseObject({ a: v.string() }), {})).toBe('is missing');
    expect(wording(v.picklist(['None', 'HtmlOnly']), 'x')).toBe(
      'expected one of "None", "HtmlOnly", got "x"',
    );
    expect(wording(v.pipe(v.string(), v.minLength(1)), '')).toBe('must not be empty');
    expect(wording(v.pipe(v.number(), v.integer()), 1.5)).toBe('expected a whole number, got 1.5');
    expect(wording(v.union([v.string(), v.looseObject({})]), 3)).toBe(
      'expected a string or an object, got 3',
    );
  });

  it('keeps the words a schema gave', () => {
    const named = v.pipe(
      v.string(),
      v.check(() => false, 'must be a MIME type'),
    );
    expect(wording(named, 'x')).toBe('must be a MIME type');
  });

  it('no schema of postmark-fluent/schemas lets valibot wording reach an answer error', () => {
    const garbage = [5, 'x', null, [], {}, { ID: 'x', Name: 5, To: 3, Bounces: [{ ID: 'x' }] }];
    for (const [name, schema] of Object.entries(schemas)) {
      if (!v.isOfKind('schema', schema as v.GenericSchema)) continue;
      const read = reading(schema as v.GenericSchema, (x) => x);
      for (const value of garbage) {
        const result = v.safeParse(read, value);
        if (result.success) continue;
        const message = result.issues[0]?.message ?? '';
        expect({ name, message }).not.toMatchObject({
          message: expect.stringMatching(/Invalid \w+:/),
        });
      }
    }
  });
});
