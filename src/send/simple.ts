import type { RequestOptions } from '../transport/client.js';
import type { BatchOptions } from './batch.js';
import type { BatchResult } from './batch-result.js';
import type { SenderOptions } from './options.js';
import type { MessageInput } from './prepare.js';
import type { SendResult } from './send-result.js';
import { Sender } from './sender.js';

/** Options of the one-call API: the Sender's options and the call's, in one object. */
export type SimpleOptions = SenderOptions & RequestOptions;
export type SimpleBatchOptions = SenderOptions & BatchOptions;

// `timeout` belongs to both; given here it is the Sender's per-request limit.
function split<T extends RequestOptions>(options: SenderOptions & T): [Sender, Omit<T, 'timeout'>] {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object such as { serverToken }');
  const { signal, requireAllValid, ...senderOptions } = options as SenderOptions & BatchOptions;
  const call = {
    ...(signal === undefined ? {} : { signal }),
    ...(requireAllValid === undefined ? {} : { requireAllValid }),
  };
  return [new Sender(senderOptions), call as Omit<T, 'timeout'>];
}

/**
 * Sends one message without keeping a Sender.
 * @example await send({ from: 'app@example.com', to: 'ada@example.com', subject: 'Hi', text: 'Hello' }, { serverToken });
 */
export async function send(message: MessageInput, options: SimpleOptions): Promise<SendResult> {
  const [sender, call] = split(options);
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
  const [sender, call] = split(options);
  return sender.sendWithTemplate(message, call);
}

/**
 * Sends a batch without keeping a Sender; see `Sender#sendBatch`.
 * @example (await sendBatch(messages, { serverToken, defaults: Message.from('app@example.com') })).throwIfFailed();
 */
export async function sendBatch(
  messages: Iterable<MessageInput>,
  options: SimpleBatchOptions,
): Promise<BatchResult> {
  const [sender, call] = split(options);
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
  const [sender, call] = split(options);
  return sender.sendBatchWithTemplates(messages, call);
}
