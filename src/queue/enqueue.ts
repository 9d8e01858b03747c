import { randomUUID } from 'node:crypto';
import {
  isMessageValidationError,
  type MessageValidationError,
} from '../errors/message-validation-error.js';
import { allIssues } from '../send/batch.js';
import { check, type MessageInput } from '../send/prepare.js';
import type { Sender } from '../send/sender.js';
import type { NewRow } from './ledger.js';
import { checkKey, type EnqueueSettings } from './options.js';

export interface Prepared {
  /** Each message's key, in input order. */
  readonly keys: string[];
  /** One row per distinct key (the first message given with it). */
  readonly rows: NewRow[];
}

/**
 * Every message merged with the Sender's defaults and validated, as a send would, before
 * anything is stored: an invalid message is refused here, all at once with its index
 * (`[3].to`), not found by a worker hours later. What is stored is the merged Postmark JSON,
 * so what is sent is what was checked.
 */
export function prepareRows(
  list: readonly MessageInput[],
  settings: EnqueueSettings,
  sender: Sender,
): Prepared {
  const context = { defaults: sender.defaults, limits: sender.limits };
  const invalid: { index: number; error: MessageValidationError }[] = [];
  const keys: string[] = [];
  const rows: NewRow[] = [];
  const seen = new Set<string>();
  list.forEach((input, index) => {
    const key = checkKey(settings.keyOf(input, index) ?? randomUUID(), index);
    keys.push(key);
    try {
      const { message } = check(input, context);
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({ key, kind: message.kind, payload: message.toJSON(), job_id: randomUUID() });
    } catch (error) {
      if (!isMessageValidationError(error)) throw error;
      invalid.push({ index, error });
    }
  });
  if (invalid.length > 0) throw allIssues(invalid);
  return { keys, rows };
}

/** A list of messages, or one message, as a list (read once: it may be a generator). */
export function listOf(messages: MessageInput | Iterable<MessageInput>): MessageInput[] {
  const iterable =
    typeof messages === 'object' &&
    messages !== null &&
    typeof (messages as Iterable<unknown>)[Symbol.iterator] === 'function';
  return iterable ? Array.from(messages as Iterable<MessageInput>) : [messages as MessageInput];
}
