import type { MessageData } from '../model/types.js';
import { ATTACHMENT_FIELDS, MESSAGE_FIELDS } from '../postmark/fields.js';
import { encodeBase64 } from './base64.js';
import { toPostmarkJson } from './to-postmark.js';
import { utf8ByteLength } from './utf8.js';

/**
 * A request body as this module writes it: JSON text, or the same JSON as UTF-8 bytes. The
 * transport's `RequestBody` is the same union; serialization needs nothing else of it.
 */
export type JsonBody = string | Uint8Array<ArrayBuffer>;

// Bytes encoded per base64 call: a multiple of 3, so no padding falls inside the text, and
// small enough that each piece of text is young garbage, collected at once.
const BASE64_SLICE = 3 * 16_384;
const textEncoder = new TextEncoder();

/**
 * JSON written as a list of pieces: text, and attachment bytes that stand for their base64.
 * It knows its UTF-8 length before anything is encoded, and writes itself into one buffer
 * of exactly that length, the base64 straight from the attachment bytes. So a 9 MB
 * attachment goes out as 9 MB of bytes (already held) plus a 12 MB body, instead of also a
 * 12 MB base64 string, a 12 MB JSON string and fetch's 12 MB encoding of it.
 */
export class JsonPieces {
  readonly #pieces: (string | Uint8Array)[] = [];
  #length = 0;

  text(text: string): void {
    this.#pieces.push(text);
    this.#length += utf8ByteLength(text);
  }

  /** The base64 of `bytes`, without its quotes. */
  base64(bytes: Uint8Array): void {
    this.#pieces.push(bytes);
    this.#length += 4 * Math.ceil(bytes.byteLength / 3);
  }

  /** The UTF-8 length of the whole JSON. */
  get length(): number {
    return this.#length;
  }

  /** The JSON as text, for pieces without attachment bytes. */
  toText(): string {
    if (this.#pieces.some((piece) => typeof piece !== 'string'))
      throw new TypeError('JSON with attachment bytes is written with toBytes()');
    return this.#pieces.join('');
  }

  toBytes(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const piece of this.#pieces) {
      if (typeof piece === 'string') at += textEncoder.encodeInto(piece, out.subarray(at)).written;
      else {
        for (let start = 0; start < piece.byteLength; start += BASE64_SLICE) {
          const text = encodeBase64(piece.subarray(start, start + BASE64_SLICE));
          at += textEncoder.encodeInto(text, out.subarray(at)).written;
        }
      }
    }
    return out;
  }
}

/**
 * Adds a message's JSON, exactly `JSON.stringify(message)`: the fields as `toPostmarkJson`
 * writes them, then `Attachments`, which it writes last for this reason, with each
 * `Content` left to `base64()`.
 */
export function writeMessage(pieces: JsonPieces, data: MessageData): void {
  const json = JSON.stringify(toPostmarkJson(data, { omitAttachments: true }));
  writeObject(pieces, json, data.attachments);
}

/**
 * Adds the JSON object `json` with `members` (raw JSON text such as `"Messages":[...]`) and
 * then `Attachments` added at its end, each attachment's `Content` left to `base64()`.
 */
export function writeObject(
  pieces: JsonPieces,
  json: string,
  attachments: MessageData['attachments'],
  members = '',
): void {
  if (attachments.length === 0 && members === '') {
    pieces.text(json);
    return;
  }
  let head = json === '{}' ? '{' : `${json.slice(0, -1)},`;
  if (members !== '') head += attachments.length > 0 ? `${members},` : members;
  if (attachments.length === 0) {
    pieces.text(`${head}}`);
    return;
  }
  pieces.text(`${head}"${MESSAGE_FIELDS.attachments.json}":[`);
  const { name, content, contentType, contentId } = ATTACHMENT_FIELDS;
  attachments.forEach((attachment, i) => {
    pieces.text(
      `${i === 0 ? '' : ','}{"${name}":${JSON.stringify(attachment.name)},"${content}":"`,
    );
    pieces.base64(attachment.content);
    const id =
      attachment.contentId === undefined
        ? ''
        : `,"${contentId}":${JSON.stringify(attachment.contentId)}`;
    pieces.text(`","${contentType}":${JSON.stringify(attachment.contentType)}${id}}`);
  });
  pieces.text(']}');
}

/** The body of one message, and its length in UTF-8 bytes (what the size limits count). */
export function messageBody(data: MessageData): { body: JsonBody; bytes: number } {
  if (data.attachments.length === 0) {
    const body = JSON.stringify(toPostmarkJson(data));
    return { body, bytes: utf8ByteLength(body) };
  }
  const pieces = new JsonPieces();
  writeMessage(pieces, data);
  return { body: pieces.toBytes(), bytes: pieces.length };
}

/** Where a batch's messages go: /email/batch takes an array, /email/batchWithTemplates `{ Messages }`. */
export type BatchKind = 'email' | 'template';

/** The JSON around a batch's list of messages. */
export function batchWrapper(kind: BatchKind): readonly [head: string, tail: string] {
  return kind === 'email' ? ['[', ']'] : ['{"Messages":[', ']}'];
}

/**
 * The body of one batch request. Without attachments, one `JSON.stringify` over the whole
 * list: it costs half as much as one per message and a join (measured: bench/, figure 2).
 */
export function batchBody(kind: BatchKind, messages: readonly MessageData[]): JsonBody {
  if (messages.every((data) => data.attachments.length === 0)) {
    const list = JSON.stringify(messages.map((data) => toPostmarkJson(data)));
    return kind === 'email' ? list : `{"Messages":${list}}`;
  }
  const [head, tail] = batchWrapper(kind);
  const pieces = new JsonPieces();
  pieces.text(head);
  messages.forEach((data, i) => {
    if (i > 0) pieces.text(',');
    writeMessage(pieces, data);
  });
  pieces.text(tail);
  return pieces.toBytes();
}
