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
