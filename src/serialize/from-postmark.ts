import * as v from 'valibot';
import type { ValidationIssue } from '../errors/message-validation-error.js';
import type { MessageInit } from '../model/types.js';
import { splitAddressList } from '../postmark/address.js';
import { compactBase64 } from '../postmark/attachment.js';
import { FIELD_LIST, meantField, TEMPLATE_ID_JSON } from '../postmark/fields.js';
import { type PostmarkMessage, PostmarkMessageSchema } from '../schemas/message.js';
import { issueWording } from '../schemas/wording.js';
import { isPlainObject, setOwn } from '../utils/own.js';
import { decodeBase64 } from './base64.js';

export interface ParsedPostmarkJson {
  readonly init: MessageInit;
  /** Fields whose JSON type or form is wrong; they are left out of `init`. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * Reads Postmark's JSON into a MessageInit, field by field as the field table names them,
 * reporting every field of the wrong JSON type. Read as Postmark reads it: a field sent as
 * `null` is absent, and base64 may be wrapped in lines.
 */
export function fromPostmarkJson(json: unknown): ParsedPostmarkJson {
  if (!isPlainObject(json)) {
    return {
      init: {},
      issues: [
        { path: '', code: 'message.type', message: 'a Postmark message must be a JSON object' },
      ],
    };
  }
  const wire = withoutNulls(json);
  const issues: ValidationIssue[] = [];
  if (wire.TemplateId !== undefined && wire.TemplateAlias !== undefined) {
    issues.push({
      path: TEMPLATE_ID_JSON,
      code: 'template.both',
      message: 'give TemplateId or TemplateAlias, not both',
    });
  }
  // The schema checks JSON types only. The init is read from the JSON itself, not from the
  // schema's output, which would leave out keys such as `__proto__` without a word.
  const templated = wire.TemplateId !== undefined || wire.TemplateAlias !== undefined;
  if (templated && wire.TemplateModel === undefined) {
    issues.push({
      path: 'TemplateModel',
      code: 'template.modelMissing',
      message: 'a templated message needs a TemplateModel, as Postmark requires ({} for none)',
    });
  }
  const result = v.safeParse(PostmarkMessageSchema, wire);
  if (result.success) return { init: toInit(wire as PostmarkMessage), issues };
  const found = result.issues.map(toIssue);
  return {
    init: toInit(withoutBadParts(wire, found) as PostmarkMessage),
    issues: [...issues, ...found],
  };
}

// Postmark takes an optional field sent as null as absent, in the message and in each
// header and attachment.
function withoutNulls(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(json)) {
    const value = json[key];
    if (value === null) continue;
    const kept =
      (key === 'Headers' || key === 'Attachments') && Array.isArray(value)
        ? value.map((item) => (isPlainObject(item) ? withoutNulls(item) : item))
        : value;
    setOwn(out, key, kept);
  }
  return out;
}

// Keeps what is well-formed, so the builder can report its problems too. A bad item of a
// list becomes a hole rather than being removed, so later items keep their index.
function withoutBadParts(
  json: Record<string, unknown>,
  issues: readonly ValidationIssue[],
): Record<string, unknown> {
  const good: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(json)) {
    const bad = issues.filter(
      (issue) =>
        issue.path === key || issue.path.startsWith(`${key}.`) || issue.path.startsWith(`${key}[`),
    );
    if (bad.length === 0) setOwn(good, key, value);
    else if (Array.isArray(value) && bad.every((issue) => issue.path.startsWith(`${key}[`))) {
      good[key] = value.map((item, i) =>
        bad.some((issue) => issue.path.startsWith(`${key}[${i}]`)) ? undefined : item,
      );
    }
  }
  return good;
}

function toIssue(issue: v.BaseIssue<unknown>): ValidationIssue {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  const path = keys.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key),
    '',
  );
  if (issue.kind === 'schema' && issue.expected === 'never') {
    return {
      path,
      code: 'message.unknownField',
      message: `"${path}" is not a Postmark message field${hint(path)}`,
    };
  }
  if (issue.type === 'strict_object' && issue.received === 'undefined') {
    return { path, code: 'schema.required', message: `${keys.at(-1)} is required` };
  }
  // A custom check is the schemas' "a JSON object, not an array" (src/schemas/message.ts).
  const type = issue.type === 'custom' ? 'object' : issue.type;
  return { path, code: `schema.${type}`, message: issueWording(issue) };
}

// Holes (`undefined`) left by withoutBadParts stay holes: the model skips them.
function toInit(json: PostmarkMessage): MessageInit {
  const init: Record<string, unknown> = Object.create(null);
  for (const field of FIELD_LIST) {
    const { name } = field;
    const raw: unknown =
      field.kind === 'template'
        ? (json[TEMPLATE_ID_JSON] ?? json.TemplateAlias)
        : json[field.json as keyof PostmarkMessage];
    if (raw === undefined) continue;
    switch (field.kind) {
      case 'addresses':
        init[name] = splitAddressList(raw as string);
        break;
      case 'headers':
        init[name] = (raw as NonNullable<PostmarkMessage['Headers']>).map(
          (h) => h && { name: h.Name, value: h.Value },
        );
        break;
      case 'attachments':
        init[name] = (raw as NonNullable<PostmarkMessage['Attachments']>).map(
          (a) =>
            a && {
              name: a.Name,
              content: decodeBase64(compactBase64(a.Content)),
              contentType: a.ContentType,
              contentId: a.ContentID,
            },
        );
        break;
      default:
        init[name] = raw;
    }
  }
  return init as MessageInit;
}

// Only a top-level key can be a misspelt message field; one inside an attachment is not.
function hint(path: string): string {
  const meant = path.includes('.') || path.includes('[') ? undefined : meantField(path, 'json');
  return meant ? ` (did you mean "${meant}"?)` : '';
}
