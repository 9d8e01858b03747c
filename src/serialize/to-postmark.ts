import { formatAddress } from '../message/address.js';
import type { Address, MessageData } from '../message/types.js';
import type { PostmarkAttachment, PostmarkMessage } from '../schemas/message.js';
import { encodeBase64 } from './base64.js';

export interface SerializeOptions {
  /** Leave `Attachments` out: `writeMessage()` (body.ts) writes them from the bytes. */
  readonly omitAttachments?: boolean;
}

/**
 * The exact Postmark JSON of a message: PascalCase, comma-joined address lists, base64
 * attachments; a field that is empty is left out rather than sent as `""` or `[]`.
 * A templated message gets the /email/withTemplate shape. `Attachments` comes last, so
 * that `writeMessage()` can write the same JSON with the base64 straight from the bytes.
 */
export function toPostmarkJson(data: MessageData, options?: SerializeOptions): PostmarkMessage {
  const json: Record<string, unknown> = {};
  if (data.from) json.From = formatAddress(data.from);
  setList(json, 'To', data.to);
  setList(json, 'Cc', data.cc);
  setList(json, 'Bcc', data.bcc);
  setList(json, 'ReplyTo', data.replyTo);
  if (data.subject !== undefined) json.Subject = data.subject;
  if (data.html !== undefined) json.HtmlBody = data.html;
  if (data.text !== undefined) json.TextBody = data.text;
  if (data.template) {
    const { idOrAlias, model, inlineCss } = data.template;
    if (typeof idOrAlias === 'number') json.TemplateId = idOrAlias;
    else json.TemplateAlias = idOrAlias;
    json.TemplateModel = model;
    if (inlineCss !== undefined) json.InlineCss = inlineCss;
  }
  if (data.tag !== undefined) json.Tag = data.tag;
  if (data.headers.length > 0)
    json.Headers = data.headers.map((h) => ({ Name: h.name, Value: h.value }));
  if (data.trackOpens !== undefined) json.TrackOpens = data.trackOpens;
  if (data.trackLinks !== undefined) json.TrackLinks = data.trackLinks;
  const metadata = copyRecord(data.metadata);
  if (metadata) json.Metadata = metadata;
  if (data.stream !== undefined) json.MessageStream = data.stream;
  if (data.attachments.length > 0 && !options?.omitAttachments) {
    json.Attachments = data.attachments.map((a) => {
      const attachment: PostmarkAttachment = {
        Name: a.name,
        Content: encodeBase64(a.content),
        ContentType: a.contentType,
      };
      if (a.contentId !== undefined) attachment.ContentID = a.contentId;
      return attachment;
    });
  }
  return json as unknown as PostmarkMessage;
}

function setList(json: Record<string, unknown>, key: string, list: readonly Address[]): void {
  if (list.length === 1) json[key] = formatAddress(list[0] as Address);
  else if (list.length > 1) json[key] = list.map(formatAddress).join(', ');
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
