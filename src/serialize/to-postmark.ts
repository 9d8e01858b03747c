import type { Address, MessageData } from '../model/types.js';
import { formatMailbox } from '../postmark/address.js';
import {
  ATTACHMENT_FIELDS,
  MESSAGE_FIELDS as F,
  HEADER_FIELDS,
  TEMPLATE_ID_JSON,
} from '../postmark/fields.js';
import type { PostmarkAttachment, PostmarkMessage } from '../schemas/message.js';
import { encodeBase64 } from './base64.js';

export interface SerializeOptions {
  /** Leave `Attachments` out: `writeMessage()` (body.ts) writes them from the bytes. */
  readonly omitAttachments?: boolean;
  /**
   * The JSON is stringified at once and never seen: `Metadata` is the message's own frozen
   * record rather than a copy the caller may change (one object a message less in a batch).
   */
  readonly stringified?: boolean;
}

/**
 * The exact Postmark JSON of a message, with the names and in the order of the field table
 * (src/postmark/fields.ts): PascalCase, comma-joined address lists, base64 attachments; a
 * field that is empty is left out rather than sent as `""` or `[]`. A templated message gets
 * the /email/withTemplate shape. `Attachments` comes last, so that `writeMessage()` can write
 * the same JSON with the base64 straight from the bytes.
 *
 * Written out field by field rather than as a loop over the table: every message of a batch
 * goes through here, and reading a field by a name held in a variable costs six times a
 * read by its own name (measured: 150 vs 25 ns over the fields). A test holds the names and
 * their order to the table (test/serialize/fields.test.ts).
 */
export function toPostmarkJson(data: MessageData, options?: SerializeOptions): PostmarkMessage {
  const json = headJson(data);
  if (data.html !== undefined) json[F.html.json] = data.html;
  if (data.text !== undefined) json[F.text.json] = data.text;
  writeTail(json, data, options?.stringified);
  if (data.attachments.length > 0 && !options?.omitAttachments)
    json[F.attachments.json] = data.attachments.map(toAttachment);
  return json as unknown as PostmarkMessage;
}

/**
 * The fields before the bodies (From to Subject) and the fields after them (the template
 * to MessageStream, without attachments): what `writeMessage()` (body.ts) writes around a
 * body the batch's messages share.
 */
export function headJson(data: MessageData): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (data.from) json[F.from.json] = fromText(data.from);
  setList(json, F.to.json, data.to);
  setList(json, F.cc.json, data.cc);
  setList(json, F.bcc.json, data.bcc);
  setList(json, F.replyTo.json, data.replyTo);
  if (data.subject !== undefined) json[F.subject.json] = data.subject;
  return json;
}

/** See `headJson()`; for stringifying at once (`SerializeOptions.stringified`). */
export function tailJson(data: MessageData): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  writeTail(json, data, true);
  return json;
}

function writeTail(json: Record<string, unknown>, data: MessageData, stringified = false): void {
  if (data.template) {
    const { idOrAlias, model, inlineCss } = data.template;
    json[typeof idOrAlias === 'number' ? TEMPLATE_ID_JSON : F.template.json] = idOrAlias;
    json[F.templateModel.json] = model;
    if (inlineCss !== undefined) json[F.inlineCss.json] = inlineCss;
  }
  if (data.tag !== undefined) json[F.tag.json] = data.tag;
  if (data.headers.length > 0)
    json[F.headers.json] = data.headers.map((h) => ({
      [HEADER_FIELDS.name]: h.name,
      [HEADER_FIELDS.value]: h.value,
    }));
  if (data.trackOpens !== undefined) json[F.trackOpens.json] = data.trackOpens;
  if (data.trackLinks !== undefined) json[F.trackLinks.json] = data.trackLinks;
  const metadata = stringified ? nonEmpty(data.metadata) : copyRecord(data.metadata);
  if (metadata) json[F.metadata.json] = metadata;
  if (data.stream !== undefined) json[F.stream.json] = data.stream;
}

// The messages of a batch share their Sender's default From by reference: formatted once
// for a run of them, not once a message. Addresses are frozen, so the text cannot go stale.
let lastFrom: Address | undefined;
let lastFromText = '';

function fromText(from: Address): string {
  if (from !== lastFrom) {
    lastFromText = formatMailbox(from);
    lastFrom = from;
  }
  return lastFromText;
}

function setList(json: Record<string, unknown>, key: string, list: readonly Address[]): void {
  if (list.length === 1) json[key] = formatMailbox(list[0] as Address);
  else if (list.length > 1) json[key] = list.map(formatMailbox).join(', ');
}

function toAttachment(a: MessageData['attachments'][number]): PostmarkAttachment {
  const attachment: PostmarkAttachment = {
    [ATTACHMENT_FIELDS.name]: a.name,
    [ATTACHMENT_FIELDS.content]: encodeBase64(a.content),
    [ATTACHMENT_FIELDS.contentType]: a.contentType,
  };
  if (a.contentId !== undefined) attachment[ATTACHMENT_FIELDS.contentId] = a.contentId;
  return attachment;
}

function nonEmpty(record: Readonly<Record<string, string>>): object | undefined {
  for (const key in record) if (Object.hasOwn(record, key)) return record;
  return undefined;
}

// A copy the caller may change, or nothing when empty. A loop, not a spread: the record is
// frozen, and spreading a frozen object takes V8's slow path.
function copyRecord(record: Readonly<Record<string, string>>): Record<string, string> | undefined {
  let copy: Record<string, string> | undefined;
  for (const key of Object.keys(record)) {
    copy ??= {};
    copy[key] = record[key] as string;
  }
  return copy;
}
