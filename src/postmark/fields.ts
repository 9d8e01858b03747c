import { editDistance } from '../utils/read-options.js';
// The fields of a message, once: the SDK's camelCase name, Postmark's PascalCase name, what
// kind of value it holds, which endpoints take it, and how a Sender's default message is laid
// under it. Message.create() and fromJSON() go through the rows (the init keys, the parsers by
// kind, the JSON names), and so do the merge of defaults, the paths of validation issues and
// the fields an endpoint reads. The two hot paths, toJSON() and the size bound, run for every
// message of a batch and are written out field by field with the table's names; tests hold
// them to the rows (test/serialize/fields.test.ts), and the types of MessageInit and of the
// Postmark JSON schema fail to compile when they name other fields than the table.

/** How a field's value is held and written. */
export type FieldKind =
  /** One mailbox: From. */
  | 'address'
  /** A comma-joined list of mailboxes: To, Cc, Bcc, ReplyTo. */
  | 'addresses'
  /** Text that becomes a mail header (Subject) or an X-PM-* header (Tag). */
  | 'text'
  /** A message stream's id: text, and never empty. */
  | 'stream'
  /** A body: any text, up to `maxBodyBytes`. */
  | 'body'
  | 'metadata'
  | 'headers'
  | 'attachments'
  | 'boolean'
  | 'trackLinks'
  /** TemplateId for a number, TemplateAlias for a string. */
  | 'template'
  | 'templateModel'
  | 'inlineCss';

/** How a Sender lays a message over its default message (docs/messages.md, "Defaults"). */
export type MergeRule =
  /** The message's when it sets it, else the default's. */
  | 'own'
  /** The message's list when it has any address, else the default's; never concatenated. */
  | 'list'
  /** Text, HTML and template come whole from the message when it sets any, else from the default. */
  | 'content'
  /** The message's, else the default's, unless the message is templated (its template has one). */
  | 'subject'
  /** The default's keys, overwritten key by key by the message's. */
  | 'byKey'
  /** The default's headers whose names the message does not set (ignoring case), then the message's. */
  | 'byName'
  /** The default's items, then the message's. */
  | 'append';

/** Which send endpoints take a field: /email, /email/withTemplate, or both. */
export type Endpoints = 'both' | 'email' | 'template';

export interface MessageField {
  /** The SDK's name: a key of `Message.create()`'s object. */
  readonly name: MessageFieldName;
  /** Postmark's JSON name (for `template`, the alias; a numeric id is sent as `idJson`). */
  readonly json: string;
  readonly kind: FieldKind;
  readonly merge: MergeRule;
  readonly endpoints: Endpoints;
  /** The `MessageData` field the value is held in. */
  readonly data: DataField;
}

/** The fields of `MessageData`: the init keys, with the three template keys held as one. */
export type DataField =
  | 'from'
  | 'to'
  | 'cc'
  | 'bcc'
  | 'replyTo'
  | 'subject'
  | 'html'
  | 'text'
  | 'template'
  | 'tag'
  | 'headers'
  | 'trackOpens'
  | 'trackLinks'
  | 'metadata'
  | 'stream'
  | 'attachments';

type Row = Omit<MessageField, 'name'>;

const row = <Json extends string>(
  json: Json,
  kind: FieldKind,
  merge: MergeRule,
  data: DataField,
  endpoints: Endpoints = 'both',
): Row & { readonly json: Json } => ({ json, kind, merge, endpoints, data });

/**
 * Every field of a message, in the order toJSON() writes them. `Attachments` comes last so
 * that a request body can be written around the attachment bytes (src/serialize/body.ts).
 */
export const MESSAGE_FIELDS = Object.freeze({
  from: row('From', 'address', 'own', 'from'),
  to: row('To', 'addresses', 'list', 'to'),
  cc: row('Cc', 'addresses', 'list', 'cc'),
  bcc: row('Bcc', 'addresses', 'list', 'bcc'),
  replyTo: row('ReplyTo', 'addresses', 'list', 'replyTo'),
  subject: row('Subject', 'text', 'subject', 'subject', 'email'),
  html: row('HtmlBody', 'body', 'content', 'html', 'email'),
  text: row('TextBody', 'body', 'content', 'text', 'email'),
  template: row('TemplateAlias', 'template', 'content', 'template', 'template'),
  templateModel: row('TemplateModel', 'templateModel', 'content', 'template', 'template'),
  inlineCss: row('InlineCss', 'inlineCss', 'content', 'template', 'template'),
  tag: row('Tag', 'text', 'own', 'tag'),
  headers: row('Headers', 'headers', 'byName', 'headers'),
  trackOpens: row('TrackOpens', 'boolean', 'own', 'trackOpens'),
  trackLinks: row('TrackLinks', 'trackLinks', 'own', 'trackLinks'),
  metadata: row('Metadata', 'metadata', 'byKey', 'metadata'),
  stream: row('MessageStream', 'stream', 'own', 'stream'),
  attachments: row('Attachments', 'attachments', 'append', 'attachments'),
});

/** A key of `Message.create()`'s object: a row of the table. */
export type MessageFieldName = keyof typeof MESSAGE_FIELDS;

/** The rows, in order, each with its name, for code that goes through every field. */
export const FIELD_LIST: readonly MessageField[] = Object.freeze(
  (Object.keys(MESSAGE_FIELDS) as MessageFieldName[]).map((name) =>
    Object.freeze({ name, ...MESSAGE_FIELDS[name] }),
  ),
);

/** A numeric template is sent as this instead of `TemplateAlias`. */
export const TEMPLATE_ID_JSON = 'TemplateId';

/**
 * The largest TemplateId: Postmark's ids are 32-bit integers (unconfirmed). A larger number,
 * or one past 2^53 that JavaScript cannot tell from its neighbours, would reach Postmark
 * (or the sandbox) as another template.
 */
export const MAX_TEMPLATE_ID = 2_147_483_647;

/** Every name a message has in Postmark's JSON. */
export type MessageJsonName =
  | (typeof MESSAGE_FIELDS)[MessageFieldName]['json']
  | typeof TEMPLATE_ID_JSON;

/** The fields of one attachment and one header, camelCase → Postmark. */
export const ATTACHMENT_FIELDS = Object.freeze({
  name: 'Name',
  content: 'Content',
  contentType: 'ContentType',
  contentId: 'ContentID',
} as const);

export const HEADER_FIELDS = Object.freeze({ name: 'Name', value: 'Value' } as const);

/** Postmark's link tracking modes. */
export const TRACK_LINKS = Object.freeze(['None', 'HtmlAndText', 'HtmlOnly', 'TextOnly'] as const);

/** The JSON names an endpoint reads: the others are ignored by Postmark (and the sandbox). */
export function jsonNamesFor(endpoint: 'email' | 'template'): ReadonlySet<string> {
  const names = new Set<string>();
  for (const field of FIELD_LIST) {
    if (field.endpoints !== 'both' && field.endpoints !== endpoint) continue;
    names.add(field.json);
    if (field.kind === 'template') names.add(TEMPLATE_ID_JSON);
  }
  return names;
}

/**
 * The field that was probably meant by an unknown key, in the naming of the side that was
 * given (`'camel'`: Message.create(); `'json'`: Postmark's JSON): a key of the other naming
 * (`htmlBody`, `HtmlBody` → `html`; `subject` → `Subject`), or one a letter or two away.
 *
 * @example meantField('htmlBody', 'camel') // 'html'
 * @example meantField('subject', 'json') // 'Subject'
 */
export function meantField(key: string, naming: 'camel' | 'json'): string | undefined {
  const folded = key.toLowerCase();
  const pairs: [camel: string, json: string][] = [
    ...FIELD_LIST.map((field): [string, string] => [field.name, field.json]),
    ['template', TEMPLATE_ID_JSON],
  ];
  const wanted = (pair: [string, string]) => (naming === 'camel' ? pair[0] : pair[1]);
  const exact = pairs.find(([camel, json]) =>
    [camel.toLowerCase(), json.toLowerCase()].includes(folded),
  );
  if (exact) return wanted(exact);
  const near = pairs.find((pair) => editDistance(wanted(pair).toLowerCase(), folded) <= 2);
  return near ? wanted(near) : undefined;
}
