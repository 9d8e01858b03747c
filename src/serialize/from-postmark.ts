import * as v from 'valibot';
import type { ValidationIssue } from '../errors/message-validation-error.js';
import { splitAddressList } from '../message/address.js';
import type { MessageInit } from '../message/types.js';
import { type PostmarkMessage, PostmarkMessageSchema } from '../schemas/message.js';
import { decodeBase64 } from './base64.js';

export interface ParsedPostmarkJson {
  readonly init: MessageInit;
  /** Fields whose JSON type or form is wrong; they are left out of `init`. */
  readonly issues: readonly ValidationIssue[];
}

/** Reads Postmark's JSON into a MessageInit, reporting every field of the wrong shape. */
export function fromPostmarkJson(json: unknown): ParsedPostmarkJson {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      init: {},
      issues: [
        { path: '', code: 'message.type', message: 'a Postmark message must be a JSON object' },
      ],
    };
  }
  const both = 'TemplateId' in json && 'TemplateAlias' in json;
  const templateIssues: ValidationIssue[] = both
    ? [
        {
          path: 'TemplateId',
          code: 'template.both',
          message: 'give TemplateId or TemplateAlias, not both',
        },
      ]
    : [];
  const result = v.safeParse(PostmarkMessageSchema, json);
  if (result.success) return { init: toInit(result.output), issues: templateIssues };

  const issues = result.issues.map(toIssue);
  return {
    init: toInit(withoutBadParts(json, issues) as PostmarkMessage),
    issues: [...templateIssues, ...issues],
  };
}

// Keeps what is well-formed, so the builder can report its problems too. A bad item of a
// list becomes a hole rather than being removed, so later items keep their index.
function withoutBadParts(
  json: object,
  issues: readonly ValidationIssue[],
): Record<string, unknown> {
  const good: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const bad = issues.filter(
      (issue) =>
        issue.path === key || issue.path.startsWith(`${key}.`) || issue.path.startsWith(`${key}[`),
    );
    if (bad.length === 0) good[key] = value;
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
      message: `"${path}" is not a Postmark message field`,
    };
  }
  if (issue.type === 'strict_object' && issue.received === 'undefined') {
    return { path, code: 'schema.required', message: `${keys.at(-1)} is required` };
  }
  return { path, code: `schema.${issue.type}`, message: issue.message };
}

function toInit(json: PostmarkMessage): MessageInit {
  const init: MessageInit = {};
  const set = <K extends keyof MessageInit>(key: K, value: MessageInit[K] | undefined) => {
    if (value !== undefined) init[key] = value;
  };
  set('from', json.From);
  set('to', json.To === undefined ? undefined : splitAddressList(json.To));
  set('cc', json.Cc === undefined ? undefined : splitAddressList(json.Cc));
  set('bcc', json.Bcc === undefined ? undefined : splitAddressList(json.Bcc));
  set('replyTo', json.ReplyTo === undefined ? undefined : splitAddressList(json.ReplyTo));
  set('subject', json.Subject);
  set('text', json.TextBody);
  set('html', json.HtmlBody);
  set('tag', json.Tag);
  set('metadata', json.Metadata);
  // Holes (`undefined`) left by withoutBadParts stay holes: the builder skips them.
  set(
    'headers',
    json.Headers?.map((h) => h && { name: h.Name, value: h.Value }),
  );
  set(
    'attachments',
    json.Attachments?.map(
      (a) =>
        a && {
          name: a.Name,
          content: decodeBase64(a.Content),
          contentType: a.ContentType,
          contentId: a.ContentID,
        },
    ),
  );
  set('trackOpens', json.TrackOpens);
  set('trackLinks', json.TrackLinks);
  set('stream', json.MessageStream);
  set('template', json.TemplateId ?? json.TemplateAlias);
  set('templateModel', json.TemplateModel);
  set('inlineCss', json.InlineCss);
  return init;
}
