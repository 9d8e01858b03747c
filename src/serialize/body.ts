import type { MessageData } from '../model/types.js';
import { ATTACHMENT_FIELDS, MESSAGE_FIELDS } from '../postmark/fields.js';
import { encodeBase64 } from './base64.js';
import { headJson, tailJson, toPostmarkJson } from './to-postmark.js';
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
const STRINGIFIED = { stringified: true } as const;
const STRINGIFIED_WITHOUT_ATTACHMENTS = { stringified: true, omitAttachments: true } as const;

/**
 * A stretch of JSON that recurs in a body, such as a body the batch's messages share (see
 * `Reuse`): its UTF-8 bytes are written once per body and copied where it comes again.
 */
export class Repeated {
  readonly bytes: number;

  constructor(
    /** The value it is the JSON of, to tell it is the same by reference. */
    readonly value: unknown,
    readonly text: string,
  ) {
    this.bytes = utf8ByteLength(text);
  }
}

/**
 * JSON written as a list of pieces: text, and attachment bytes that stand for their base64.
 * It knows its UTF-8 length before anything is encoded, and writes itself into one buffer
 * of exactly that length, the base64 straight from the attachment bytes. So a 9 MB
 * attachment goes out as 9 MB of bytes (already held) plus a 12 MB body, instead of also a
 * 12 MB base64 string, a 12 MB JSON string and fetch's 12 MB encoding of it. Attachment bytes
 * (the same array) and `Repeated` stretches that come again are encoded once and copied.
 */
export class JsonPieces {
  readonly #pieces: (string | Uint8Array | Repeated)[] = [];
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

  repeated(piece: Repeated): void {
    this.#pieces.push(piece);
    this.#length += piece.bytes;
  }

  /** The UTF-8 length of the whole JSON. */
  get length(): number {
    return this.#length;
  }

  /** The JSON as text, for pieces without attachment bytes. */
  toText(): string {
    let text = '';
    for (const piece of this.#pieces) {
      if (piece instanceof Uint8Array)
        throw new TypeError('JSON with attachment bytes is written with toBytes()');
      text += typeof piece === 'string' ? piece : piece.text;
    }
    return text;
  }

  toBytes(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.#length);
    // Where each recurring piece was first written, to copy it from there.
    const written = new Map<object, number>();
    let at = 0;
    for (const piece of this.#pieces) {
      if (typeof piece === 'string') {
        at += textEncoder.encodeInto(piece, out.subarray(at)).written;
        continue;
      }
      const start = written.get(piece);
      const length = piece instanceof Repeated ? piece.bytes : 4 * Math.ceil(piece.byteLength / 3);
      if (start !== undefined) out.copyWithin(at, start, start + length);
      else {
        written.set(piece, at);
        if (piece instanceof Repeated) textEncoder.encodeInto(piece.text, out.subarray(at));
        else writeBase64(piece, out.subarray(at));
      }
      at += length;
    }
    return out;
  }
}

function writeBase64(bytes: Uint8Array, out: Uint8Array): void {
  let at = 0;
  for (let start = 0; start < bytes.byteLength; start += BASE64_SLICE) {
    const text = encodeBase64(bytes.subarray(start, start + BASE64_SLICE));
    at += textEncoder.encodeInto(text, out.subarray(at)).written;
  }
}

// A body shorter than this is written with its message as usual: writing around a shared
// one costs more than escaping a short one again (measured: bench/, figure 2's messages).
const SHARED_BODY_CHARS = 512;

/**
 * The bodies of a request's messages that are the same value as a neighbour's, as when they
 * come from the Sender's defaults or one base message: each such body is written as JSON
 * once for the request and copied for every message of its run.
 */
export class Reuse {
  readonly #list: readonly MessageData[];
  #html: Repeated | undefined;
  #text: Repeated | undefined;

  constructor(list: readonly MessageData[]) {
    this.#list = list;
  }

  /** Whether any message of `list` shares a long body with the one before it. */
  static pays(list: readonly MessageData[]): boolean {
    for (let i = 1; i < list.length; i++) {
      const [before, data] = [list[i - 1] as MessageData, list[i] as MessageData];
      if (sharedBody(before, data, 'html') || sharedBody(before, data, 'text')) return true;
    }
    return false;
  }

  /** The shared bodies of message `i`, as pieces to write (`undefined`: written as usual). */
  at(i: number): { html?: Repeated | undefined; text?: Repeated | undefined } {
    this.#html = this.#kept(this.#html, i, 'html', MESSAGE_FIELDS.html.json);
    this.#text = this.#kept(this.#text, i, 'text', MESSAGE_FIELDS.text.json);
    return { html: this.#html, text: this.#text };
  }

  #kept(
    current: Repeated | undefined,
    i: number,
    field: 'html' | 'text',
    json: string,
  ): Repeated | undefined {
    const data = this.#list[i] as MessageData;
    const value = data[field];
    if (current !== undefined && current.value === value) return current;
    const next = this.#list[i + 1];
    if (next === undefined || !sharedBody(data, next, field)) return undefined;
    return new Repeated(value, `"${json}":${JSON.stringify(value)}`);
  }
}

function sharedBody(a: MessageData, b: MessageData, field: 'html' | 'text'): boolean {
  const value = b[field];
  return value !== undefined && value.length >= SHARED_BODY_CHARS && value === a[field];
}

/**
 * Adds a message's JSON, exactly `JSON.stringify(message)`: the fields as `toPostmarkJson`
 * writes them, then `Attachments`, which it writes last for this reason, with each
 * `Content` left to `base64()`. A body given in `shared` (see `Reuse`) is written as its
 * `Repeated` piece, between the fields before and after it.
 */
export function writeMessage(
  pieces: JsonPieces,
  data: MessageData,
  shared?: { readonly html?: Repeated | undefined; readonly text?: Repeated | undefined },
): void {
  if (!shared?.html && !shared?.text) {
    const json = JSON.stringify(toPostmarkJson(data, STRINGIFIED_WITHOUT_ATTACHMENTS));
    writeObject(pieces, json, data.attachments);
    return;
  }
  // The same members in the same order as toPostmarkJson, around the shared bodies.
  const members: (string | Repeated)[] = [innerOf(JSON.stringify(headJson(data)))];
  for (const field of ['html', 'text'] as const) {
    const value = data[field];
    const piece = shared[field];
    if (piece) members.push(piece);
    else if (value !== undefined)
      members.push(`"${MESSAGE_FIELDS[field].json}":${JSON.stringify(value)}`);
  }
  members.push(innerOf(JSON.stringify(tailJson(data))));
  pieces.text('{');
  let first = true;
  for (const member of members) {
    if (member === '') continue;
    if (!first) pieces.text(',');
    first = false;
    if (typeof member === 'string') pieces.text(member);
    else pieces.repeated(member);
  }
  writeAttachments(pieces, data.attachments, first);
  pieces.text('}');
}

// `{"A":1,"B":2}` → `"A":1,"B":2`; `{}` → ``.
const innerOf = (json: string) => json.slice(1, -1);

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
  const inner = innerOf(json);
  const head = inner !== '' && members !== '' ? `${inner},${members}` : inner + members;
  pieces.text(`{${head}`);
  writeAttachments(pieces, attachments, head === '');
  pieces.text('}');
}

// `,"Attachments":[...]` (no comma when it is the object's first member), or nothing.
function writeAttachments(
  pieces: JsonPieces,
  attachments: MessageData['attachments'],
  first: boolean,
): void {
  if (attachments.length === 0) return;
  pieces.text(`${first ? '' : ','}"${MESSAGE_FIELDS.attachments.json}":[`);
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
  pieces.text(']');
}

/** The body of one message, and its length in UTF-8 bytes (what the size limits count). */
export function messageBody(data: MessageData): { body: JsonBody; bytes: number } {
  if (data.attachments.length === 0) {
    const body = JSON.stringify(toPostmarkJson(data, STRINGIFIED));
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
 * The body of one batch request. Without attachments or shared bodies, one `JSON.stringify`
 * over the whole list: it costs half as much as one per message and a join (measured:
 * bench/, figure 2). Otherwise the bytes, each attachment and each body that messages share
 * by reference encoded once for the request.
 */
export function batchBody(kind: BatchKind, messages: readonly MessageData[]): JsonBody {
  if (messages.every((data) => data.attachments.length === 0) && !Reuse.pays(messages)) {
    const list = JSON.stringify(messages.map((data) => toPostmarkJson(data, STRINGIFIED)));
    return kind === 'email' ? list : `{"Messages":${list}}`;
  }
  const [head, tail] = batchWrapper(kind);
  const pieces = new JsonPieces();
  const reuse = new Reuse(messages);
  pieces.text(head);
  messages.forEach((data, i) => {
    if (i > 0) pieces.text(',');
    writeMessage(pieces, data, reuse.at(i));
  });
  pieces.text(tail);
  return pieces.toBytes();
}
