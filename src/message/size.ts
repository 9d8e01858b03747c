import { base64Length } from '../serialize/base64.js';
import { toPostmarkJson } from '../serialize/to-postmark.js';
import type { MessageData } from './types.js';

const textEncoder = new TextEncoder();

export function utf8Length(text: string): number {
  return textEncoder.encode(text).length;
}

/**
 * The byte length of the message's JSON as it would be sent, attachments base64-encoded,
 * computed without encoding the attachments: base64 text is ASCII and never needs escaping.
 */
export function encodedSize(data: MessageData): number {
  const json = JSON.stringify(toPostmarkJson(data, { omitAttachmentContent: true }));
  let size = utf8Length(json);
  for (const attachment of data.attachments) size += base64Length(attachment.content.byteLength);
  return size;
}

// What one field can add around its strings: key, quotes, colon, comma, braces, a boolean.
const FIELD_ALLOWANCE = 64;

/**
 * An upper bound of `encodedSize()` found without serializing: JSON.stringify writes any
 * UTF-16 code unit as at most 6 bytes (`\u001f`), so 6 bytes a character plus an allowance
 * per field can only over-count. `undefined` for a templated message, whose model is
 * arbitrary JSON. Most messages are far below the limit, and this keeps validate() from
 * serializing them a second time just to learn that.
 */
export function encodedSizeAtMost(data: MessageData): number | undefined {
  if (data.template) return undefined;
  let chars = 0;
  let fields = 1;
  const add = (text: string | undefined) => {
    if (text === undefined) return;
    chars += text.length;
    fields++;
  };
  for (const list of [data.to, data.cc, data.bcc, data.replyTo]) {
    for (const address of list) {
      // A display name may be quoted and have each `"` or `\` escaped: twice its length, plus `"" <>, `.
      chars += address.email.length + 2 * (address.name?.length ?? 0) + 6;
    }
    fields++;
  }
  if (data.from) chars += data.from.email.length + 2 * (data.from.name?.length ?? 0) + 6;
  add(data.subject);
  add(data.text);
  add(data.html);
  add(data.tag);
  add(data.trackLinks);
  add(data.stream);
  fields += 2; // TrackOpens, and the Headers/Metadata/Attachments keys share this slack
  for (const header of data.headers) {
    add(header.name);
    add(header.value);
  }
  for (const [key, value] of Object.entries(data.metadata)) {
    add(key);
    add(value);
  }
  let base64 = 0;
  for (const attachment of data.attachments) {
    add(attachment.name);
    add(attachment.contentType);
    add(attachment.contentId);
    fields++;
    base64 += base64Length(attachment.content.byteLength);
  }
  return 6 * chars + FIELD_ALLOWANCE * fields + base64;
}
