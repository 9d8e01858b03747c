import type { MessageData } from './types.js';

/** Message data with any field left out: lists and records then start empty. */
export type PartialData = { readonly [K in keyof MessageData]?: MessageData[K] | undefined };

const NONE: readonly never[] = Object.freeze([]);
const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Message data in its one canonical shape: every key present, in this order, absent fields
 * `undefined`. One shape for all messages keeps the property reads of the builder, of
 * validate() and of toJSON() monomorphic, which halved the cost of a builder call.
 * Lists and records are frozen here unless they already are (those built earlier are
 * shared between messages). Attachment bytes stay shared and unfrozen: typed arrays cannot
 * be frozen, and copying them would double the memory of every large attachment.
 */
export function makeData(fields: PartialData): MessageData {
  return Object.freeze({
    from: fields.from,
    to: frozen(fields.to ?? NONE),
    cc: frozen(fields.cc ?? NONE),
    bcc: frozen(fields.bcc ?? NONE),
    replyTo: frozen(fields.replyTo ?? NONE),
    subject: fields.subject,
    text: fields.text,
    html: fields.html,
    tag: fields.tag,
    metadata: frozen(fields.metadata ?? NO_METADATA),
    headers: frozen(fields.headers ?? NONE),
    attachments: frozen(fields.attachments ?? NONE),
    trackOpens: fields.trackOpens,
    trackLinks: fields.trackLinks,
    stream: fields.stream,
    template: fields.template && frozen(fields.template),
  });
}

/**
 * `data` with one field replaced. The canonical shape is written out from `data` (reads of
 * one shape, which V8 keeps fast) and the one field set after: a builder call runs this,
 * so it avoids both spreading a frozen object and a changes object of a new shape per call.
 */
export function withField<K extends keyof MessageData>(
  data: MessageData,
  key: K,
  value: MessageData[K],
): MessageData {
  const next: { -readonly [F in keyof MessageData]: MessageData[F] } = {
    from: data.from,
    to: data.to,
    cc: data.cc,
    bcc: data.bcc,
    replyTo: data.replyTo,
    subject: data.subject,
    text: data.text,
    html: data.html,
    tag: data.tag,
    metadata: data.metadata,
    headers: data.headers,
    attachments: data.attachments,
    trackOpens: data.trackOpens,
    trackLinks: data.trackLinks,
    stream: data.stream,
    template: data.template,
  };
  next[key] = typeof value === 'object' && value !== null ? frozen(value) : value;
  return Object.freeze(next);
}

export const EMPTY_DATA: MessageData = makeData({});

function frozen<T extends object>(value: T): T {
  return Object.isFrozen(value) ? value : Object.freeze(value);
}
