import type * as v from 'valibot';

// valibot words its issues for developers of valibot ("Invalid type: Expected string but
// received 5"). What reaches a user of this SDK is worded as the rest of its errors are:
// the field's path is said by the caller, then what was expected and what came.

const NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  bigint: 'a BigInt',
  Array: 'an array',
  Object: 'an object',
  null: 'null',
  undefined: 'nothing',
};

/** valibot's `expected` or `received` (`"(string | Object)"`, `'"x"'`) in words. */
function words(text: string | null): string {
  if (text === null) return 'something else';
  const parts = text.replace(/^\((.*)\)$/, '$1').split(' | ');
  const literals = parts.every((part) => /^".*"$/.test(part));
  if (literals && parts.length > 1) return `one of ${parts.join(', ')}`;
  return parts.map((part) => NAMES[part] ?? part).join(' or ');
}

// valibot's own wording starts so; a message a schema gives (v.check(..., 'must be ...'),
// v.string('expected a string (the value is not shown)')) does not, and is kept as written.
const VALIBOT_WORDING = /^Invalid \w+: /;

/**
 * What went wrong, in this SDK's words, without the path (the caller puts the path first).
 *
 * @example issueWording(issueOf(v.string(), 5)) // 'expected a string, got 5'
 */
export function issueWording(issue: v.BaseIssue<unknown>): string {
  if (!VALIBOT_WORDING.test(issue.message)) return issue.message;
  const received = words(issue.received);
  switch (issue.type) {
    case 'min_length':
      return issue.requirement === 1
        ? 'must not be empty'
        : `must have at least ${String(issue.requirement)} items, got ${issue.received}`;
    case 'max_length':
      return `must have at most ${String(issue.requirement)} items, got ${issue.received}`;
    case 'integer':
      return `expected a whole number, got ${received}`;
  }
  if (issue.kind === 'schema') {
    if (issue.received === 'undefined') return 'is missing';
    return `expected ${words(issue.expected)}, got ${received}`;
  }
  return `is not valid (${issue.type}: expected ${words(issue.expected)}, got ${received})`;
}
