import type { ValidationIssue } from '../errors/message-validation-error.js';
import { isMessageValidationError } from '../errors/message-validation-error.js';
import { dataFromInit } from '../model/init.js';
import { checkModel } from '../model/template-model.js';
import type { AddressInput, Header } from '../model/types.js';
import { BULK_RECIPIENT_FIELDS } from '../postmark/bulk.js';
import type { BulkRecipientData } from '../serialize/bulk.js';
import { isPlainObject, ownValue } from '../utils/own.js';
import { suggest } from '../utils/read-options.js';

/**
 * One recipient of a bulk send: who gets the copy, and what the copy has of its own.
 *
 * @example
 * { to: 'Ada <ada@example.com>', model: { name: 'Ada' }, metadata: { userId: '42' } }
 */
export interface BulkRecipient {
  readonly to: AddressInput | readonly AddressInput[];
  readonly cc?: AddressInput | readonly AddressInput[] | undefined;
  readonly bcc?: AddressInput | readonly AddressInput[] | undefined;
  /**
   * The variables its copy is rendered with: the content's template (or its subject and
   * bodies) with `{{name}}` placeholders. Laid over the content's model, key by key.
   */
  readonly model?: Readonly<Record<string, unknown>> | undefined;
  /** Laid over the content's metadata, key by key. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  /** Laid over the content's headers, by name. */
  readonly headers?: Readonly<Record<string, string>> | readonly Header[] | undefined;
}

const KNOWN = Object.keys(BULK_RECIPIENT_FIELDS);

/**
 * One recipient read with the message's own parsers (addresses, metadata, headers) and the
 * model checked to be JSON that means what the caller wrote, every problem collected with
 * the recipient's place in its path (`recipients[3].to[0]`).
 */
export function readRecipient(
  input: unknown,
  index: number,
): { readonly recipient: BulkRecipientData; readonly issues: readonly ValidationIssue[] } {
  const at = `recipients[${index}]`;
  const issues: ValidationIssue[] = [];
  const empty = { to: [], cc: [], bcc: [], metadata: {}, headers: [] };
  if (!isPlainObject(input)) {
    issues.push({
      path: at,
      code: 'bulk.recipient',
      message: "a recipient is an object such as { to: 'ada@example.com', model: { name: 'Ada' } }",
    });
    return { recipient: empty, issues };
  }
  for (const key of Object.keys(input)) {
    if (!KNOWN.includes(key))
      issues.push({
        path: `${at}.${key}`,
        code: 'bulk.unknownField',
        message: `"${key}" is not a recipient field${suggest(key, KNOWN)}; known: ${KNOWN.join(', ')}`,
      });
  }
  const { model: rawModel, ...rest } = Object.fromEntries(
    KNOWN.map((key) => [key, ownValue(input as Record<string, unknown>, key)]),
  );
  const reading = dataFromInit(
    Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
  );
  for (const issue of reading.issues) issues.push({ ...issue, path: `${at}.${issue.path}` });
  const { to, cc, bcc, metadata, headers } = reading.data;
  if (to.length + cc.length + bcc.length === 0 && reading.issues.length === 0)
    issues.push({
      path: `${at}.to`,
      code: 'recipients.missing',
      message: 'a recipient needs an address in to, cc or bcc',
    });
  let model: Readonly<Record<string, unknown>> | undefined;
  if (rawModel !== undefined) {
    try {
      model = checkModel(rawModel);
    } catch (error) {
      if (!isMessageValidationError(error)) throw error;
      for (const issue of error.issues)
        issues.push({ ...issue, path: issue.path.replace(/^templateModel/, `${at}.model`) });
    }
  }
  return { recipient: { to, cc, bcc, model, metadata, headers }, issues };
}
