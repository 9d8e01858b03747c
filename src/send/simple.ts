import { SENDER_KEYS, type SenderOptions } from '../options/sender.js';
import type { RequestOptions } from '../transport/client.js';
import { readOptions } from '../utils/read-options.js';
import { BATCH_OPTION_KEYS, type BatchOptions } from './batch.js';
import type { BatchResult } from './batch-result.js';
import type { MessageInput } from './prepare.js';
import type { SendResult } from './send-result.js';
import { Sender } from './sender.js';

/** Options of the one-call API: the Sender's options and the call's, in one object. */
export type SimpleOptions = SenderOptions & Omit<RequestOptions, 'timeout'>;
export type SimpleBatchOptions = SenderOptions & Omit<BatchOptions, 'timeout'>;

// `timeout` is in both; given here it is the Sender's per-request limit.
const CALL_KEYS = ['signal', ...BATCH_OPTION_KEYS] as const;

/** A Sender of the Sender's options, and the call's own options, read through one checker. */
function split(options: unknown, batch: boolean): [Sender, Record<string, unknown>] {
  const callKeys: readonly string[] = batch ? CALL_KEYS : ['signal'];
  const read = readOptions(
    options,
    [...SENDER_KEYS, ...callKeys],
    'option',
    '{ serverToken }',
  ) as Record<string, unknown>;
  const senderOptions: Record<string, unknown> = {};
  const call: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(read))
    (callKeys.includes(key) ? call : senderOptions)[key] = value;
  return [new Sender(senderOptions as unknown as SenderOptions), call];
}

/**
 * Sends one message without keeping a Sender.
 * @example await send({ from: 'app@example.com', to: 'ada@example.com', subject: 'Hi', text: 'Hello' }, { serverToken });
 */
export async function send(message: MessageInput, options: SimpleOptions): Promise<SendResult> {
  const [sender, call] = split(options, false);
  return sender.send(message, call);
}

/**
 * Sends one templated message without keeping a Sender.
 * @example await sendWithTemplate(Message.from('app@example.com').to('ada@example.com').template('welcome', { name: 'Ada' }), { serverToken });
 */
export async function sendWithTemplate(
  message: MessageInput,
  options: SimpleOptions,
): Promise<SendResult> {
  const [sender, call] = split(options, false);
  return sender.sendWithTemplate(message, call);
}

/**
 * Sends a batch without keeping a Sender; see `Sender#sendBatch`.
 * @example (await sendBatch(messages, { serverToken, onProgress: console.log })).throwIfFailed();
 */
export async function sendBatch(
  messages: Iterable<MessageInput>,
  options: SimpleBatchOptions,
): Promise<BatchResult> {
  const [sender, call] = split(options, true);
  return sender.sendBatch(messages, call);
}

/**
 * Sends a batch of templated messages without keeping a Sender.
 * @example await sendBatchWithTemplates(templated, { serverToken });
 */
export async function sendBatchWithTemplates(
  messages: Iterable<MessageInput>,
  options: SimpleBatchOptions,
): Promise<BatchResult> {
  const [sender, call] = split(options, true);
  return sender.sendBatchWithTemplates(messages, call);
}
