import { isApiError } from '../errors/api-error.js';
import type { Message } from '../message/message.js';
import type { BatchEntry } from '../send/batch-entry.js';
import type { Sender } from '../send/sender.js';
import { progressDisplay } from './progress.js';

/** A message to send, with its position in the file (the index the user sees). */
export interface Numbered {
  readonly index: number;
  readonly message: Message;
}

/**
 * Sends valid messages and returns one entry per message, numbered as in the file. One
 * message goes through `send()` (POST /email or /email/withTemplate); several go through
 * `sendBatch()` and `sendBatchWithTemplates()`, whose failures are entries, never throws.
 */
export async function deliver(
  sender: Sender,
  messages: readonly Numbered[],
): Promise<BatchEntry[]> {
  const [only] = messages;
  if (only && messages.length === 1) return [await sendOne(sender, only)];

  const progress = progressDisplay(messages.length);
  const entries: BatchEntry[] = [];
  for (const kind of ['email', 'template'] as const) {
    const group = messages.filter((m) => m.message.kind === kind);
    if (group.length === 0) continue;
    const list = group.map((m) => m.message);
    const options = { onProgress: progress.group() };
    const batch =
      kind === 'email'
        ? await sender.sendBatch(list, options)
        : await sender.sendBatchWithTemplates(list, options);
    progress.add(batch);
    // The batch numbers its own list; map back to the file's message indexes.
    for (const entry of batch.results)
      entries.push({ ...entry, index: group[entry.index]?.index ?? entry.index });
  }
  progress.finish();
  return entries;
}

async function sendOne(sender: Sender, { index, message }: Numbered): Promise<BatchEntry> {
  try {
    return { status: 'sent', index, ...(await sender.send(message)) };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const errorCode = isApiError(error) ? error.errorCode : undefined;
    return {
      status: 'failed',
      index,
      ...(errorCode === undefined ? {} : { errorCode }),
      message: error.message,
      error,
    };
  }
}
