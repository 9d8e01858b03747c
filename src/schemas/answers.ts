import { checkedBy, described, type StandardSchema } from '../utils/standard-schema.js';
import type { PostmarkBulkAccepted, PostmarkBulkStatus } from './bulk.js';
import type { PostmarkBatchResponse, PostmarkSendResponse } from './responses.js';

// The answers a Sender reads, checked by hand: the same shapes as the valibot schemas of
// responses.ts and bulk.ts (which `postmark-fluent/schemas` exports, and the rest of the API
// reads with), so that a bundle that only sends carries no valibot, and a batch answer of
// 500 results is checked without copying each one. A property test holds every check here
// to its schema (test/schemas/answers.test.ts): the same values pass, and pass unchanged.

type Fields = Record<string, unknown>;
type Kind = 'string' | 'number';
/** What a missing field may be: absent (`optional`), or absent or null (`nullish`). */
type Absent = 'required' | 'optional' | 'nullish';

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isNumber = (value: unknown) => typeof value === 'number' && !Number.isNaN(value);
const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

function fits(found: unknown, kind: Kind, absent: Absent): boolean {
  if (found === undefined && absent !== 'required') return true;
  if (found === null && absent === 'nullish') return true;
  return kind === 'number' ? isNumber(found) : typeof found === 'string';
}

/** What is wrong with the fields of `value`, `[key, kind, absent]` each, named from `at`. */
function fieldsProblem(
  value: unknown,
  fields: readonly (readonly [string, Kind, Absent])[],
  at = '',
): string | undefined {
  if (!isObject(value)) return `${at ? `${at}: ` : ''}expected an object, got ${described(value)}`;
  for (const [key, kind, absent] of fields) {
    const found = value[key];
    if (fits(found, kind, absent)) continue;
    const expected = `${kind === 'number' ? 'a number' : 'a string'}${absent === 'nullish' ? ' or null' : ''}`;
    return `${at ? `${at}.` : ''}${key}: expected ${expected}, got ${described(found)}`;
  }
  return undefined;
}

const SEND_FIELDS = [
  ['ErrorCode', 'number', 'required'],
  ['Message', 'string', 'optional'],
  ['MessageID', 'string', 'optional'],
  ['SubmittedAt', 'string', 'optional'],
  ['To', 'string', 'optional'],
] as const;

function sendAnswerProblem(value: unknown, at?: string): string | undefined {
  // The usual answer passes this, written out because a batch answer runs it 500 times; the
  // loop over the fields only says what is wrong with the others.
  if (
    isObject(value) &&
    isNumber(value.ErrorCode) &&
    optionalText(value.Message) &&
    optionalText(value.MessageID) &&
    optionalText(value.SubmittedAt) &&
    optionalText(value.To)
  )
    return undefined;
  return fieldsProblem(value, SEND_FIELDS, at);
}

/** Postmark's answer to one message (`PostmarkSendResponseSchema`). */
export const SendAnswer: StandardSchema<PostmarkSendResponse> = checkedBy((value) =>
  sendAnswerProblem(value),
);

/** The answer to a batch: one per message (`PostmarkBatchResponseSchema`). */
export const BatchAnswer: StandardSchema<PostmarkBatchResponse> = checkedBy((value) => {
  if (!Array.isArray(value)) return `expected an array, got ${described(value)}`;
  for (let i = 0; i < value.length; i++) {
    const problem = sendAnswerProblem(value[i], `[${i}]`);
    if (problem !== undefined) return problem;
  }
  return undefined;
});

// Postmark writes the id `ID` in one answer and `Id` in the other (src/schemas/bulk.ts).
const BULK_FIELDS = [
  ['ID', 'string', 'nullish'],
  ['Id', 'string', 'nullish'],
  ['Status', 'string', 'required'],
  ['SubmittedAt', 'string', 'nullish'],
] as const;

function bulkProblem(value: unknown, fields: typeof BULK_FIELDS | typeof BULK_STATUS_FIELDS) {
  const problem = fieldsProblem(value, fields);
  if (problem !== undefined) return problem;
  const { ID, Id } = value as Fields;
  const id = ID ?? Id;
  return typeof id === 'string' && id !== '' ? undefined : 'expected an ID';
}

const BULK_STATUS_FIELDS = [
  ...BULK_FIELDS,
  ['TotalMessages', 'number', 'nullish'],
  ['PercentageCompleted', 'number', 'nullish'],
  ['Subject', 'string', 'nullish'],
] as const;

/** The answer to POST /email/bulk (`PostmarkBulkAcceptedSchema`). */
export const BulkAcceptedAnswer: StandardSchema<PostmarkBulkAccepted> = checkedBy((value) =>
  bulkProblem(value, BULK_FIELDS),
);

/** The answer to GET /email/bulk/{id} (`PostmarkBulkStatusSchema`). */
export const BulkStatusAnswer: StandardSchema<PostmarkBulkStatus> = checkedBy((value) =>
  bulkProblem(value, BULK_STATUS_FIELDS),
);
