import type { Address, MessageData } from '../model/types.js';
import { FIELD_LIST } from '../postmark/fields.js';
import { base64Length } from './base64.js';
import { JsonPieces, writeMessage } from './body.js';

/**
 * The byte length of the message's JSON as it would be sent, attachments base64-encoded,
 * computed without encoding the attachments: base64 text is ASCII and never needs escaping.
 */
export function encodedSize(data: MessageData): number {
  const pieces = new JsonPieces();
  writeMessage(pieces, data);
  return pieces.length;
}

// What one field can add around its strings: key, quotes, colon, comma, braces, a boolean.
const FIELD_ALLOWANCE = 64;

/**
 * An upper bound of `encodedSize()` found without serializing: JSON.stringify writes any
 * UTF-16 code unit as at most 6 bytes (`\u001f`), so 6 bytes a character plus an allowance
 * per field can only over-count. `undefined` for a templated message, whose model is
 * arbitrary JSON. Most messages are far below the limit, and this keeps validate() from
 * serializing them a second time just to learn that.
 *
 * Every field of the table counts as present (the allowance only grows the bound). Written
 * out field by field, as `toPostmarkJson` is and for the same reason: a batch runs this for
 * every message. A property test holds it above the exact size for messages that set every
 * field (test/message/properties.test.ts).
 */
export function encodedSizeAtMost(data: MessageData): number | undefined {
  if (data.template) return undefined;
  let chars = addressChars(data.to) + addressChars(data.cc) + addressChars(data.bcc);
  chars += addressChars(data.replyTo) + (data.from ? addressLength(data.from) : 0);
  chars += (data.subject?.length ?? 0) + (data.text?.length ?? 0) + (data.html?.length ?? 0);
  chars += (data.tag?.length ?? 0) + (data.trackLinks?.length ?? 0) + (data.stream?.length ?? 0);
  let fields = FIELD_COUNT;
  for (const header of data.headers) chars += header.name.length + header.value.length;
  fields += 2 * data.headers.length;
  for (const key in data.metadata) {
    // for-in also walks what a polluted prototype added: count own keys only.
    if (!Object.hasOwn(data.metadata, key)) continue;
    chars += key.length + (data.metadata[key] as string).length;
    fields += 2;
  }
  let base64 = 0;
  for (const attachment of data.attachments) {
    chars += attachment.name.length + attachment.contentType.length;
    chars += attachment.contentId?.length ?? 0;
    fields += 4;
    base64 += base64Length(attachment.content.byteLength);
  }
  return 6 * chars + FIELD_ALLOWANCE * fields + base64;
}

const FIELD_COUNT = FIELD_LIST.length;

function addressChars(list: readonly Address[]): number {
  let chars = 0;
  for (const address of list) chars += addressLength(address);
  return chars;
}

// A display name may be quoted and have each `"` or `\` escaped: twice its length, plus `"" <>, `.
function addressLength(address: Address): number {
  return address.email.length + 2 * (address.name?.length ?? 0) + 6;
}
