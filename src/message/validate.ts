import type { ValidationIssue } from '../errors/message-validation-error.js';
import type { MessageData } from '../model/types.js';
import { attachmentExtension, isContentId } from '../postmark/attachment.js';
import {
  DEFAULT_LIMITS,
  forbiddenExtensionSet,
  type Limits,
  resolveLimits,
} from '../postmark/limits.js';
import { encodedSize, encodedSizeAtMost } from '../serialize/size.js';
import { utf8ByteLength } from '../serialize/utf8.js';
import { readOptions } from '../utils/read-options.js';

export type ValidationResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** What `validate()` takes: the limits to check against, laid over Postmark's. */
export interface ValidateOptions {
  readonly limits?: Partial<Limits>;
}

const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS);
const VALIDATE_KEYS = ['limits', ...LIMIT_NAMES];

/**
 * The limits `validate()` was given: `{ limits: {...} }` (docs/messages.md) or the limits
 * themselves (DESIGN's `validate(limits)`). No limit is named `limits`, so the two forms
 * cannot be confused; a key that is neither (`{ limit: 3 }`, `{ maxRecipent: 3 }`) is
 * refused with the name it is nearest to, never ignored.
 *
 * @example limitsToValidate({ maxRecipients: 100 }).maxRecipients; // 100
 */
export function limitsToValidate(options: unknown): Limits {
  if (options === undefined) return DEFAULT_LIMITS;
  const read = readOptions(
    options,
    VALIDATE_KEYS,
    'validate() option',
    '{ limits: { maxRecipients: 100 } }',
  );
  const given = options as Record<string, unknown>;
  if (!Object.hasOwn(given, 'limits')) return resolveLimits(given);
  if (Object.keys(given).length > 1) {
    throw new TypeError(
      'validate() takes { limits: {...} } or the limits themselves, not both: move every limit into limits',
    );
  }
  return resolveLimits(read.limits as Partial<Limits> | undefined);
}

/**
 * The rules that span fields and every rule that reads a limit, all checked at once so a
 * caller sees every problem in one go, with the limits in force. The shape of each single
 * value was already enforced by the method that set it.
 */
export function validateMessage(data: MessageData, limits: Limits): ValidationResult {
  const { issues } = inspectMessage(data, limits);
  return issues.length === 0 ? VALID : { ok: false, issues };
}

const VALID: ValidationResult = Object.freeze({ ok: true });

/** What `validateMessage()` finds, and the bound of the encoded size it used on the way. */
export interface Inspection {
  readonly issues: readonly ValidationIssue[];
  /** `encodedSizeAtMost()`, computed once here so that a batch can reuse it to plan requests. */
  readonly sizeAtMost: number | undefined;
}

export function inspectMessage(data: MessageData, limits: Limits): Inspection {
  const issues: ValidationIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });

  if (!data.from) add('from', 'from.missing', 'a message needs a From address');
  const recipients = data.to.length + data.cc.length + data.bcc.length;
  if (recipients === 0)
    add('to', 'recipients.missing', 'a message needs at least one recipient in To, Cc or Bcc');
  if (recipients > limits.maxRecipients) {
    add(
      'to',
      'recipients.tooMany',
      `To, Cc and Bcc together hold ${recipients} recipients; the limit is ${limits.maxRecipients}`,
    );
  }

  // An empty body is no body: Postmark refuses a message whose bodies are both "".
  const hasBody = Boolean(data.text) || Boolean(data.html);
  if (data.template) {
    if (data.text !== undefined || data.html !== undefined)
      add(
        'template',
        'content.both',
        'a templated message takes its body from the template: remove text() and html()',
      );
    if (data.subject !== undefined)
      add(
        'subject',
        'template.subject',
        'a templated message takes its subject from the template: remove subject()',
      );
  } else if (!hasBody) {
    add('text', 'content.missing', 'a message needs a text or HTML body, or a template');
  }
  for (const field of ['text', 'html'] as const) {
    const problem = bodyProblem(field, data[field], limits);
    if (problem) add(field, 'body.tooLarge', problem);
  }

  if (data.tag !== undefined && data.tag.length > limits.maxTagLength) {
    add(
      'tag',
      'tag.tooLong',
      `a tag is at most ${limits.maxTagLength} characters (this one has ${data.tag.length})`,
    );
  }
  checkMetadata(data.metadata, limits, add);

  const forbidden = data.attachments.length > 0 ? forbiddenExtensionSet(limits) : undefined;
  data.attachments.forEach((attachment, i) => {
    const extension = attachmentExtension(attachment.name);
    if (extension !== undefined && forbidden?.has(extension)) {
      add(
        `attachments[${i}].name`,
        'attachment.forbiddenExtension',
        `Postmark refuses ".${extension}" attachments (${JSON.stringify(attachment.name)})`,
      );
    }
    if (attachment.contentId !== undefined && !isContentId(attachment.contentId)) {
      add(
        `attachments[${i}].contentId`,
        'attachment.contentId',
        'a ContentID must be ASCII with no spaces, "<", ">" or \'"\' (RFC 2392), such as "cid:logo"',
      );
    }
  });

  // Measured last, and only when a cheap upper bound does not already clear the limit: the
  // exact size serializes the message (without encoding the attachments).
  const bound = encodedSizeAtMost(data);
  const size = bound !== undefined && bound <= limits.maxMessageBytes ? bound : encodedSize(data);
  if (size > limits.maxMessageBytes) {
    add(
      'attachments',
      'size.tooLarge',
      `the message is ${size.toLocaleString('en-US')} bytes encoded; the limit is ${limits.maxMessageBytes.toLocaleString('en-US')} (attachments count after base64)`,
    );
  }
  return { issues, sizeAtMost: bound };
}

/**
 * Why a body is too large, or `undefined`: at most `limits.maxBodyBytes` of UTF-8. Also what
 * the sandbox applies to a template's rendered bodies.
 */
export function bodyProblem(
  field: string,
  body: string | undefined,
  limits: Limits,
): string | undefined {
  // Only a body of more than a third of the limit in UTF-16 units can pass it in UTF-8.
  if (body === undefined || body.length * 3 <= limits.maxBodyBytes) return undefined;
  return utf8ByteLength(body) > limits.maxBodyBytes
    ? `the ${field} body is over ${limits.maxBodyBytes.toLocaleString('en-US')} bytes`
    : undefined;
}

function checkMetadata(
  metadata: Readonly<Record<string, string>>,
  limits: Limits,
  add: (path: string, code: string, message: string) => void,
): void {
  const keys = Object.keys(metadata);
  if (keys.length > limits.maxMetadataFields) {
    add('metadata', 'metadata.tooMany', `at most ${limits.maxMetadataFields} metadata fields`);
  }
  // Only two or more keys can differ only in case; most messages have one or none.
  const seen = keys.length > 1 ? new Map<string, string>() : undefined;
  for (const key of keys) {
    if (seen) {
      const folded = key.toLowerCase();
      const earlier = seen.get(folded);
      if (earlier !== undefined) {
        add(
          `metadata.${key}`,
          'metadata.duplicateKey',
          `metadata keys "${earlier}" and "${key}" differ only in case; Postmark rejects them as duplicates`,
        );
      }
      seen.set(folded, key);
    }
    if (key.length > limits.maxMetadataKeyLength) {
      add(
        `metadata.${key}`,
        'metadata.keyTooLong',
        `a metadata key is at most ${limits.maxMetadataKeyLength} characters`,
      );
    }
    if ((metadata[key] ?? '').length > limits.maxMetadataValueLength) {
      add(
        `metadata.${key}`,
        'metadata.valueTooLong',
        `a metadata value is at most ${limits.maxMetadataValueLength} characters`,
      );
    }
  }
}
