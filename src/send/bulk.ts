import {
  isMessageValidationError,
  MessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import type { Message } from '../message/message.js';
import { inspectMessage } from '../message/validate.js';
import { makeData } from '../model/data.js';
import { mergeDefaults } from '../model/merge.js';
import type { MessageData } from '../model/types.js';
import { describe } from '../model/values.js';
import { DEFAULT_STREAM } from '../postmark/answers.js';
import { readPostmarkDate } from '../postmark/dates.js';
import { BulkAcceptedAnswer } from '../schemas/answers.js';
import type { PostmarkBulkAccepted } from '../schemas/bulk.js';
import {
  type BulkRecipientData,
  bulkBody,
  bulkOverhead,
  bulkRecipientJson,
} from '../serialize/bulk.js';
import type { Client, RequestOptions } from '../transport/client.js';
import { isIterableObject } from '../utils/own.js';
import { type BulkRecipient, readRecipient } from './bulk-recipients.js';
import {
  type BulkRange,
  type BulkRequestResult,
  type BulkResult,
  BulkSendError,
} from './bulk-result.js';
import { chunksOf, type Sized } from './chunk.js';
import { type MessageInput, type PrepareContext, toMessage } from './prepare.js';

const PATH = '/email/bulk';

/** A recipient ready to go: its entry of `Messages`, measured. */
interface Entry extends Sized {
  readonly index: number;
  readonly json: string;
}

/**
 * The bulk pipeline: the content merged with the defaults, it and every recipient checked
 * (all before any request: a `MessageValidationError` listing every problem), the
 * recipients split into requests of at most `limits.maxBulkBytes` (one unless they pass it),
 * and the requests sent one after another, never repeated once they may have been taken.
 */
export async function sendBulk(
  input: MessageInput,
  recipients: Iterable<BulkRecipient>,
  context: PrepareContext & { readonly client: Client },
  options: RequestOptions,
): Promise<BulkResult> {
  const content = checkContent(input, context);
  const entries = checkRecipients(content, recipients, context);
  const overhead = bulkOverhead(content.data);
  const tooLarge: number[] = [];
  const limits = {
    maxMessages: Number.POSITIVE_INFINITY,
    maxBytes: context.limits.maxBulkBytes,
    overhead,
  };
  const chunks = [...chunksOf(entries, limits, (entry) => tooLarge.push(entry.index))];
  if (tooLarge.length > 0) {
    throw new MessageValidationError(
      tooLarge.map((index) => ({
        path: `recipients[${index}]`,
        code: 'bulk.tooLarge',
        message: `with the content (${overhead.toLocaleString('en-US')} bytes encoded), this recipient passes what a bulk request may carry (${context.limits.maxBulkBytes.toLocaleString('en-US')})`,
      })),
    );
  }

  const ranges = chunks.map(
    (chunk): BulkRange => ({ first: (chunk[0] as Entry).index, count: chunk.length }),
  );
  const accepted: BulkRequestResult[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const range = ranges[i] as BulkRange;
    const { signal } = options;
    if (signal?.aborted) {
      if (accepted.length === 0) throw signal.reason;
      throw new BulkSendError({ accepted, notSent: ranges.slice(i), cause: signal.reason });
    }
    try {
      const body = bulkBody(
        content.data,
        chunk.map((entry) => entry.json),
      );
      const answer = await context.client.post(PATH, body, BulkAcceptedAnswer, options);
      accepted.push(readAccepted(answer, range, new Date()));
    } catch (error) {
      // One request: its own error says it all. A split: say what was taken and what was not.
      if (chunks.length === 1) throw error;
      const failed = { ...range, error: asError(error) };
      throw new BulkSendError({ accepted, failed, notSent: ranges.slice(i + 1), cause: error });
    }
  }
  const [first] = accepted as [BulkRequestResult];
  return Object.freeze({
    id: first.id,
    status: first.status,
    submittedAt: first.submittedAt,
    recipients: entries.length,
    requests: Object.freeze(accepted),
  });
}

/**
 * The content laid over the defaults and checked as a message is (From, a body or a
 * template, sizes, metadata...), and what only bulk asks: no recipients of its own (they are
 * the second argument) and a stream that can be a Broadcasts stream. Postmark sends a message
 * that names no stream through the server's default, transactional, `outbound`: bulk sends
 * are refused there, so the SDK says so before any request.
 */
function checkContent(input: MessageInput, context: PrepareContext): Message {
  let content: Message;
  try {
    content = toMessage(input).withDefaults(context.defaults);
  } catch (error) {
    if (!isMessageValidationError(error)) throw error;
    throw new MessageValidationError(
      error.issues.map((issue) => ({ ...issue, path: inContent(issue.path) })),
    );
  }
  const { data } = content;
  const issues: ValidationIssue[] = inspectMessage(data, context.limits).issues.filter(
    (issue) => issue.code !== 'recipients.missing',
  );
  const withRecipients = (['to', 'cc', 'bcc'] as const).find((field) => data[field].length > 0);
  if (withRecipients !== undefined)
    issues.push({
      path: withRecipients,
      code: 'bulk.contentRecipients',
      message:
        "bulk content has no recipients of its own: give each in sendBulk()'s recipients (a Sender's default To, Cc or Bcc counts too: derive one without them)",
    });
  if (data.stream === undefined || data.stream === DEFAULT_STREAM)
    issues.push({
      path: 'stream',
      code: 'bulk.stream',
      message: `bulk sends go through a Broadcasts stream: set stream('broadcast') or another Broadcasts stream's id (${data.stream === undefined ? 'with none, Postmark uses' : "'outbound' is"} the server's transactional stream)`,
    });
  if (issues.length > 0)
    throw new MessageValidationError(
      issues.map((issue) => ({ ...issue, path: inContent(issue.path) })),
    );
  return content;
}

/** An issue's path within the content (`content.stream`; `content` for the whole). */
const inContent = (path: string) => (path === '' ? 'content' : `content.${path}`);

/**
 * Every recipient read and checked as the copy Postmark will make of the content for it
 * (its addresses and the content's rules together: at most 50 addresses, metadata limits,
 * the size of a message...), each problem with its place (`recipients[3].to[0]`).
 */
function checkRecipients(
  content: Message,
  recipients: Iterable<BulkRecipient>,
  context: PrepareContext,
): Entry[] {
  if (!isIterableObject(recipients))
    throw new MessageValidationError([
      {
        path: 'recipients',
        code: 'bulk.recipients',
        message: `recipients must be a list of recipients ([{ to: 'ada@example.com' }, ...]), got ${describe(recipients)}`,
      },
    ]);
  const entries: Entry[] = [];
  const issues: ValidationIssue[] = [];
  const template = content.data.template;
  let index = 0;
  for (const input of recipients) {
    const at = `recipients[${index}]`;
    const read = readRecipient(input, index);
    issues.push(...read.issues);
    if (read.issues.length === 0) {
      const recipient: BulkRecipientData = template
        ? {
            ...read.recipient,
            model: Object.freeze({ ...template.model, ...read.recipient.model }),
          }
        : read.recipient;
      const copy = copyFor(content.data, recipient);
      for (const issue of inspectMessage(copy, context.limits).issues)
        issues.push({ ...issue, path: `${at}.${issue.path}` });
      const { json, bytes } = bulkRecipientJson(recipient);
      entries.push({ index, json, bytes, atMost: bytes });
    }
    index += 1;
  }
  if (index === 0)
    issues.push({
      path: 'recipients',
      code: 'bulk.noRecipients',
      message: 'sendBulk() needs at least one recipient',
    });
  if (issues.length > 0) throw new MessageValidationError(issues);
  return entries;
}

/** The message Postmark makes of the content for one recipient: theirs laid over the content's. */
function copyFor(content: MessageData, recipient: BulkRecipientData): MessageData {
  const { to, cc, bcc, metadata, headers, model } = recipient;
  const own = makeData({
    to,
    cc,
    bcc,
    metadata,
    headers,
    template: content.template && { ...content.template, model: model ?? {} },
  });
  return mergeDefaults(own, content);
}

function readAccepted(
  answer: PostmarkBulkAccepted,
  range: BulkRange,
  receivedAt: Date,
): BulkRequestResult {
  const { ID, Id, Status, SubmittedAt } = answer;
  return Object.freeze({
    id: (ID ?? Id) as string,
    status: Status,
    // A request with an id was taken; an unreadable date must not make it look failed.
    submittedAt: (SubmittedAt && readPostmarkDate(SubmittedAt)) || receivedAt,
    ...range,
  });
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value), { cause: value });
}
