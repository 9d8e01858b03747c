import type { ValidationIssue } from '../errors/message-validation-error.js';
import { dataFromInit } from '../model/init.js';
import { mergeDefaults } from '../model/merge.js';
import type { MessageData } from '../model/types.js';
import { TEMPLATE_ID_JSON } from '../postmark/fields.js';
import type { Limits } from '../postmark/limits.js';
import { fromPostmarkJson } from '../serialize/from-postmark.js';
import { toPostmarkPath } from '../serialize/paths.js';
import { isPlainObject } from '../utils/own.js';
import { inspectMessage } from './validate.js';

/** A message read from Postmark's JSON: its data, and every problem, named as in the JSON. */
export interface PostmarkReading {
  readonly data: MessageData;
  readonly issues: readonly ValidationIssue[];
}

/**
 * Reads Postmark JSON through the same parsers the builder uses, with the address grammar of
 * the wire (punctuation in a display name must be quoted), collecting every problem. What
 * is well-formed is kept in `data` even when other fields are not, so a caller that may
 * overlook some rules (the sandbox, for those Postmark does not apply) still has a message.
 */
export function readPostmarkMessage(json: unknown): PostmarkReading {
  const parsed = fromPostmarkJson(json);
  const built = dataFromInit(parsed.init, { reading: 'wire', skipHoles: true });
  const toJsonPath = jsonPaths(json);
  // A TemplateId or TemplateAlias of the wrong type was left out of the init: the model then
  // finds a TemplateModel without a template, which is that same problem a second time.
  const templateBroken = parsed.issues.some((issue) => TEMPLATE_NAMES.has(fieldOf(issue.path)));
  const issues = [
    ...parsed.issues,
    ...built.issues
      .filter((issue) => !(templateBroken && issue.code === 'template.missing'))
      .map((issue) => ({ ...issue, path: toJsonPath(issue.path) })),
  ];
  return { data: built.data, issues };
}

const TEMPLATE_NAMES: ReadonlySet<string> = new Set([TEMPLATE_ID_JSON, 'TemplateAlias']);

/**
 * The JSON path of a model path, for this message: the model holds one `template`, which the
 * JSON gave as `TemplateId` (a number) or `TemplateAlias`; a problem with it is named as given.
 */
function jsonPaths(json: unknown): (path: string) => string {
  const byId = isPlainObject(json) && json[TEMPLATE_ID_JSON] != null;
  return (path) => (byId && path === 'template' ? TEMPLATE_ID_JSON : toPostmarkPath(path));
}

/**
 * Every problem of a message given as Postmark JSON: what reading it found, then what
 * `validate()` finds in the rest (laid over `defaults` first, as a Sender would), named as
 * in the JSON. A rule that fails only because a field was left out for a problem of its
 * own (no From because the From was malformed) is not reported twice.
 */
export function inspectPostmarkJson(
  json: unknown,
  limits: Limits,
  defaults?: MessageData,
): PostmarkReading {
  const reading = readPostmarkMessage(json);
  const data = defaults ? mergeDefaults(reading.data, defaults) : reading.data;
  const broken = new Set(reading.issues.map((issue) => fieldOf(issue.path)));
  const toJsonPath = jsonPaths(json);
  const more = inspectMessage(data, limits)
    .issues.map((issue) => ({ ...issue, path: toJsonPath(issue.path) }))
    .filter((issue) => !broken.has(fieldOf(issue.path)));
  return { data, issues: [...reading.issues, ...more] };
}

/** The top-level field of an issue's path: `To[1]` → `To`, `Metadata.userId` → `Metadata`. */
export function fieldOf(path: string): string {
  return path.replace(/[[.].*$/, '');
}
