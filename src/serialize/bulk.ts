import type { Address, Header, MessageData } from '../model/types.js';
import { formatMailbox } from '../postmark/address.js';
import {
  BULK_MESSAGES_JSON,
  BULK_PER_RECIPIENT_JSON,
  BULK_RECIPIENT_FIELDS as R,
} from '../postmark/bulk.js';
import { HEADER_FIELDS } from '../postmark/fields.js';
import { type JsonBody, JsonPieces, writeObject } from './body.js';
import { toPostmarkJson } from './to-postmark.js';
import { utf8ByteLength } from './utf8.js';

/** One recipient of a bulk request: its addresses, and what its copy has of its own. */
export interface BulkRecipientData {
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
  /** The model its copy is rendered with (the content's laid under the recipient's). */
  readonly model?: Readonly<Record<string, unknown>> | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  readonly headers: readonly Header[];
}

/** One recipient's entry of `Messages`, as JSON text, and its length in UTF-8 bytes. */
export function bulkRecipientJson(recipient: BulkRecipientData): { json: string; bytes: number } {
  const entry: Record<string, unknown> = {};
  const list = (addresses: readonly Address[]) => addresses.map(formatMailbox).join(', ');
  if (recipient.to.length > 0) entry[R.to] = list(recipient.to);
  if (recipient.cc.length > 0) entry[R.cc] = list(recipient.cc);
  if (recipient.bcc.length > 0) entry[R.bcc] = list(recipient.bcc);
  if (recipient.model !== undefined) entry[R.model] = recipient.model;
  if (Object.keys(recipient.metadata).length > 0) entry[R.metadata] = { ...recipient.metadata };
  if (recipient.headers.length > 0)
    entry[R.headers] = recipient.headers.map((header) => ({
      [HEADER_FIELDS.name]: header.name,
      [HEADER_FIELDS.value]: header.value,
    }));
  const json = JSON.stringify(entry);
  return { json, bytes: utf8ByteLength(json) };
}

/**
 * The body of one bulk request: the content's fields at the top level (as a message of the
 * same content would send them, without recipients or model, which are each recipient's),
 * `Messages` with the recipients' entries, then the attachments. Text, or UTF-8 bytes when
 * there are attachments (as for a message, so no base64 copy of them exists as a string).
 */
export function bulkBody(content: MessageData, entries: readonly string[]): JsonBody {
  const pieces = writeBulk(content, entries);
  return content.attachments.length === 0 ? pieces.toText() : pieces.toBytes();
}

/** The bytes of a bulk request of `content` with no recipients: what each request of a split repeats. */
export function bulkOverhead(content: MessageData): number {
  return writeBulk(content, []).length;
}

function writeBulk(content: MessageData, entries: readonly string[]): JsonPieces {
  const fields = toPostmarkJson(content, { omitAttachments: true }) as Record<string, unknown>;
  for (const name of BULK_PER_RECIPIENT_JSON) delete fields[name];
  const members = `"${BULK_MESSAGES_JSON}":[${entries.join(',')}]`;
  const pieces = new JsonPieces();
  writeObject(pieces, JSON.stringify(fields), content.attachments, members);
  return pieces;
}
