import {
  MessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { Message } from '../message/message.js';
import { inspectMessage } from '../message/validate.js';
import type { MessageInit } from '../model/types.js';
import type { Limits } from '../postmark/limits.js';
import { messageBody } from '../serialize/body.js';
import type { RequestBody } from '../transport/types.js';

/** What a send accepts: a Message, or a plain object `Message.create()` takes. */
export type MessageInput = Message | MessageInit;

/** A message ready to go: merged, validated, encoded once, measured once. */
export interface Prepared {
  readonly message: Message;
  /** The exact JSON that will be sent: text, or UTF-8 bytes when it has attachments. */
  readonly body: RequestBody;
  /** Its length in UTF-8 bytes, what the size limits count. */
  readonly bytes: number;
}

export interface PrepareContext {
  readonly defaults: Message;
  readonly limits: Limits;
}

/** A Message as is; a plain object through `Message.create()` (which throws on a bad one). */
export function toMessage(input: MessageInput): Message {
  return Message.isMessage(input) ? input : Message.create(input);
}

/**
 * Merges the defaults, checks the rules that span fields, and serializes. Throws a
 * `MessageValidationError` listing every problem; no request is made for such a message.
 * `kind` insists on a plain or a templated message (batches go to one endpoint or the other).
 */
export function prepare(
  input: MessageInput,
  context: PrepareContext,
  kind?: 'email' | 'template',
): Prepared {
  const { message } = check(input, context, kind);
  const { body, bytes } = messageBody(message.data);
  return { message, body, bytes };
}

/** A message merged and validated, with a cheap upper bound of its encoded size (if any). */
export interface Checked {
  readonly message: Message;
  readonly sizeAtMost: number | undefined;
}

/** The first half of `prepare()`: merged and validated, not yet serialized. */
export function check(
  input: MessageInput,
  context: PrepareContext,
  kind?: 'email' | 'template',
): Checked {
  const message = toMessage(input).withDefaults(context.defaults);
  const issues: ValidationIssue[] = [];
  if (kind === 'template' && message.kind !== 'template') {
    issues.push({
      path: 'template',
      code: 'template.missing',
      message:
        'this call sends templated messages: call template() first, or use send()/sendBatch()',
    });
  }
  if (kind === 'email' && message.kind === 'template') {
    issues.push({
      path: 'template',
      code: 'template.unexpected',
      message: 'a templated message goes through sendBatchWithTemplates(), not sendBatch()',
    });
  }
  const inspection = inspectMessage(message.data, context.limits);
  issues.push(...inspection.issues);
  if (issues.length > 0) throw new MessageValidationError(issues);
  return { message, sizeAtMost: inspection.sizeAtMost };
}
