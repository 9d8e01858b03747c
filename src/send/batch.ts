import { ApiError, isApiError } from '../errors/api-error.js';
import {
  isMessageValidationError,
  MessageValidationError,
} from '../errors/message-validation-error.js';
import { Message } from '../message/message.js';
import { describe } from '../model/values.js';
import { BatchAnswer } from '../schemas/answers.js';
import type { PostmarkSendResponse } from '../schemas/responses.js';
import { type BatchKind, batchBody, batchWrapper } from '../serialize/body.js';
import { encodedSize } from '../serialize/size.js';
import type { Client, RequestOptions } from '../transport/client.js';
import { isIterableObject } from '../utils/own.js';
import type { BatchEntry, BatchFailure } from './batch-entry.js';
import { BatchResult } from './batch-result.js';
import { chunksOf, type Sized } from './chunk.js';
import { forEachConcurrently } from './concurrency.js';
import { check, type MessageInput, type PrepareContext } from './prepare.js';
import { answerError, answerFits, submittedAt } from './send-result.js';

/** Per batch call. */
export interface BatchOptions extends RequestOptions {
  /**
   * Send nothing unless every message is valid: throw one `MessageValidationError` whose
   * issue paths start with the message's index (`[3].to`). By default invalid messages are
   * reported as failed and the valid ones are sent.
   */
  readonly requireAllValid?: boolean | undefined;
  /**
   * Called each time a request of the batch settles: `done` messages of `total` have an
   * outcome (invalid ones count from the start). For progress displays; what it throws is
   * ignored, like a hook's.
   */
  readonly onProgress?: ((progress: BatchProgress) => void) | undefined;
}

/** The options a batch call takes besides `signal` and `timeout`. */
export const BATCH_OPTION_KEYS = ['requireAllValid', 'onProgress'] as const;

export interface BatchProgress {
  readonly done: number;
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
}

export interface BatchContext extends PrepareContext {
  readonly client: Client;
  readonly concurrency: number;
}

const PATHS = { email: '/email/batch', template: '/email/batchWithTemplates' } as const;

/**
 * The batch pipeline: prepare every message, split the valid ones into requests within
 * Postmark's limits, send those with bounded concurrency, and put one entry per input back
 * in input order. Nothing here throws for a message that failed: failures are entries.
 */
export async function sendBatch(
  kind: BatchKind,
  inputs: Iterable<MessageInput>,
  context: BatchContext,
  options: BatchOptions = {},
): Promise<BatchResult> {
  if (options.requireAllValid !== undefined && typeof options.requireAllValid !== 'boolean') {
    throw new TypeError('requireAllValid must be true or false');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError('onProgress must be a function');
  }
  const list = messageList(inputs);
  const outcomes = new Outcomes(list.length, options.onProgress);

  // Every message is checked first (cheap: no serialization), so requireAllValid can refuse
  // the batch before anything is sent; serializing waits until a request needs the message.
  const valid: (Item | undefined)[] = [];
  const invalid: { index: number; error: MessageValidationError }[] = [];
  list.forEach((input, index) => {
    try {
      // One small Item per valid message, until its request takes it (bench figure 5b).
      if (input === undefined || input === null) throw noMessage(input);
      const { message, sizeAtMost } = check(input as MessageInput, context, kind);
      valid.push(new Item(index, message, sizeAtMost));
    } catch (error) {
      invalid.push({ index, error: failureOf(error, input) });
    }
  });
  if (options.requireAllValid && invalid.length > 0) throw allIssues(invalid);
  for (const { index, error } of invalid) outcomes.fail(index, error);

  // Handed to requests as they are filled, and dropped with their request.
  const items = (function* () {
    for (let i = 0; i < valid.length; i++) {
      const item = valid[i] as Item;
      valid[i] = undefined;
      yield item;
    }
  })();
  const limits = {
    maxMessages: context.limits.maxBatchMessages,
    maxBytes: context.limits.maxBatchBytes,
    overhead: batchWrapper(kind).join('').length,
  };
  const chunks = chunksOf(items, limits, (item) =>
    outcomes.fail(item.index, tooLargeError(item, context.limits.maxBatchBytes)),
  );
  await forEachConcurrently(chunks, context.concurrency, async (chunk) => {
    await sendChunk(kind, chunk, context.client, options, outcomes);
    outcomes.report();
  });
  return outcomes.result();
}

/**
 * The messages of a batch call, in order. A string is iterable too, but a batch of its
 * characters is never what was meant; a hole of a sparse array (`[m0, , m2]`) stays a place
 * of its own, reported as that index's failure rather than read as an empty message.
 */
function messageList(inputs: unknown): readonly unknown[] {
  if (!isIterableObject(inputs) || Message.isMessage(inputs)) {
    throw new TypeError(
      `messages must be an array (or another iterable) of messages (got ${describe(inputs)}); for one message, use send()`,
    );
  }
  return Array.from(inputs);
}

// Checked before the defaults are merged: a hole must not become a message of defaults alone.
const noMessage = (input: null | undefined) =>
  new MessageValidationError([
    {
      path: '',
      code: 'message.missing',
      message: `there is no message here (${input === null ? 'null' : 'undefined, or a hole in the list'})`,
    },
  ]);

/**
 * What makes one message of a batch fail before any request: its validation error, or an
 * error thrown while reading a plain object (a getter that throws), which fails that message
 * alone, so the others still go.
 */
function failureOf(error: unknown, input: unknown): MessageValidationError {
  if (isMessageValidationError(error)) return error;
  // A Message was checked when it was made: an error while sending it is no input problem.
  if (Message.isMessage(input)) throw error;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new MessageValidationError([
    { path: '', code: 'message.unreadable', message: `reading this message threw ${reason}` },
  ]);
}

/** One request of the batch; settles every message of the chunk, whatever happens. */
async function sendChunk(
  kind: BatchKind,
  chunk: readonly Item[],
  client: Client,
  options: BatchOptions,
  outcomes: Outcomes,
): Promise<void> {
  const { signal } = options;
  const path = PATHS[kind];
  const label = `POST ${path}`;
  if (signal?.aborted) {
    const error = abortError(signal.reason, 'before this message was sent');
    for (const item of chunk) outcomes.fail(item.index, error);
    return;
  }
  try {
    const body = batchBody(
      kind,
      chunk.map((item) => item.message.data),
    );
    const answers = await client.post(path, body, BatchAnswer, options);
    const receivedAt = new Date();
    // Answers are matched to messages by position; one that names recipients the message
    // does not have means the positions cannot be trusted, for any message of the request.
    const problem =
      answers.length !== chunk.length
        ? `Postmark answered ${answers.length} results for ${chunk.length} messages`
        : chunk.findIndex(
            (item, i) => !answerFits(answers[i] as PostmarkSendResponse, item.message.data),
          );
    if (problem !== -1) {
      const why =
        typeof problem === 'string'
          ? problem
          : `the answer at [${problem}] names ${JSON.stringify((answers[problem] as PostmarkSendResponse).To)}, not a recipient of that message`;
      const error = new ApiError(
        { status: 200, body: answers, request: label },
        `${label}: ${why}; which were sent is unknown`,
      );
      for (const item of chunk) outcomes.fail(item.index, error);
      return;
    }
    for (let i = 0; i < chunk.length; i++) {
      const { index } = chunk[i] as Item;
      const answer = answers[i] as PostmarkSendResponse;
      const error = answerError(answer, 200, label);
      if (error) outcomes.fail(index, error, error.errorCode);
      else {
        const messageId = answer.MessageID as string;
        const to = answer.To ?? '';
        outcomes.settle({
          status: 'sent',
          index,
          messageId,
          submittedAt: submittedAt(answer, receivedAt),
          to,
        });
      }
    }
  } catch (error) {
    // The whole request failed: every message of it is failed, never reported sent.
    const reason = signal?.aborted
      ? abortError(signal.reason, 'while its request was in flight (it may have been sent)')
      : asError(error);
    const errorCode = isApiError(reason) ? reason.errorCode : undefined;
    for (const item of chunk) outcomes.fail(item.index, reason, errorCode);
  }
}

/**
 * A valid message waiting for its request. Its exact size is worked out only when needed
 * (see chunksOf), without encoding its attachments; it is serialized when its request is
 * sent, so a batch holds the JSON of the requests in flight, not of every message.
 */
class Item implements Sized {
  readonly atMost: number;
  #bytes: number | undefined;

  constructor(
    readonly index: number,
    readonly message: Message,
    sizeAtMost: number | undefined,
  ) {
    this.atMost = sizeAtMost ?? Number.POSITIVE_INFINITY;
  }

  get bytes(): number {
    this.#bytes ??= encodedSize(this.message.data);
    return this.#bytes;
  }
}

/** One slot per input message, filled as outcomes arrive, in any order. */
class Outcomes {
  readonly #entries: (BatchEntry | undefined)[];
  readonly #onProgress: BatchOptions['onProgress'];
  #sent = 0;
  #failed = 0;

  constructor(total: number, onProgress: BatchOptions['onProgress']) {
    this.#entries = new Array(total);
    this.#onProgress = onProgress;
  }

  settle(entry: BatchEntry): void {
    this.#entries[entry.index] = Object.freeze(entry);
    if (entry.status === 'sent') this.#sent++;
    else this.#failed++;
  }

  fail(index: number, error: Error, errorCode?: number): void {
    const code = errorCode === undefined ? {} : { errorCode };
    this.settle({ status: 'failed', index, ...code, message: error.message, error });
  }

  report(): void {
    const progress = {
      done: this.#sent + this.#failed,
      total: this.#entries.length,
      sent: this.#sent,
      failed: this.#failed,
    };
    try {
      this.#onProgress?.(progress);
    } catch {
      // An observer's failure must not change what is reported.
    }
  }

  result(): BatchResult {
    // Filled in place, not copied: one array slot a message less at the batch's peak.
    const entries = this.#entries;
    for (let index = 0; index < entries.length; index++) entries[index] ??= missing(index);
    return new BatchResult(entries as BatchEntry[]);
  }
}

/** One error listing every invalid message's issues, each path prefixed with its index (`[3].to`). */
export function allIssues(
  invalid: readonly { index: number; error: MessageValidationError }[],
): MessageValidationError {
  return new MessageValidationError(
    invalid.flatMap(({ index, error }) =>
      error.issues.map((issue) => ({
        ...issue,
        path: issue.path ? `[${index}].${issue.path}` : `[${index}]`,
      })),
    ),
  );
}

function tooLargeError(item: Item, maxBytes: number): MessageValidationError {
  const size = item.bytes.toLocaleString('en-US');
  const limit = maxBytes.toLocaleString('en-US');
  return new MessageValidationError([
    {
      path: '',
      code: 'batch.tooLarge',
      message: `the message is ${size} bytes encoded, more than a batch request may carry (${limit})`,
    },
  ]);
}

// Named like the DOM's abort error; `cause` keeps the signal's own reason.
function abortError(reason: unknown, when: string): Error {
  const error = new Error(`the batch was aborted ${when}`, { cause: reason });
  error.name = 'AbortError';
  return error;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value), { cause: value });
}

// Every index is settled above; this keeps a bug from ever showing up as a sent message.
function missing(index: number): BatchFailure {
  const error = new Error(`internal error: no outcome was recorded for message ${index}`);
  return { status: 'failed', index, message: error.message, error };
}
