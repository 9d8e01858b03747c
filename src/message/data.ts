import type { MessageData } from './types.js';

/**
 * Message data in its one canonical shape: every key present, in this order, absent fields
 * `undefined`. One shape for all messages keeps the property reads of the builder, of
 * validate() and of toJSON() monomorphic, which halved the cost of a builder call.
 * Lists and records are frozen here unless they already are (those built earlier are
 * shared between messages). Attachment bytes stay shared and unfrozen: typed arrays cannot
 * be frozen, and copying them would double the memory of every large attachment.
 */
export function makeData(fields: MessageData): MessageData {
  return Object.freeze({
    from: fields.from,
    to: frozen(fields.to),
    cc: frozen(fields.cc),
    bcc: frozen(fields.bcc),
    replyTo: frozen(fields.replyTo),
    subject: fields.subject,
    text: fields.text,
    html: fields.html,
    tag: fields.tag,
    metadata: frozen(fields.metadata),
    headers: frozen(fields.headers),
    attachments: frozen(fields.attachments),
    trackOpens: fields.trackOpens,
    trackLinks: fields.trackLinks,
    stream: fields.stream,
    template: fields.template && frozen(fields.template),
  });
}

/**
 * `data` with `changes` laid over it: the canonical shape written out again rather than
 * through makeData(), because this runs on every builder call and the lists of `data` are
 * frozen already. Builder calls never unset a field.
 */
export function applyChanges(data: MessageData, changes: Partial<MessageData>): MessageData {
  return Object.freeze({
    from: changes.from ?? data.from,
    to: changes.to ? frozen(changes.to) : data.to,
    cc: changes.cc ? frozen(changes.cc) : data.cc,
    bcc: changes.bcc ? frozen(changes.bcc) : data.bcc,
    replyTo: changes.replyTo ? frozen(changes.replyTo) : data.replyTo,
    subject: changes.subject ?? data.subject,
    text: changes.text ?? data.text,
    html: changes.html ?? data.html,
    tag: changes.tag ?? data.tag,
    metadata: changes.metadata ? frozen(changes.metadata) : data.metadata,
    headers: changes.headers ? frozen(changes.headers) : data.headers,
    attachments: changes.attachments ? frozen(changes.attachments) : data.attachments,
    trackOpens: changes.trackOpens ?? data.trackOpens,
    trackLinks: changes.trackLinks ?? data.trackLinks,
    stream: changes.stream ?? data.stream,
    template: changes.template ? frozen(changes.template) : data.template,
  });
}

export const EMPTY_DATA: MessageData = makeData({
  to: [],
  cc: [],
  bcc: [],
  replyTo: [],
  metadata: {},
  headers: [],
  attachments: [],
});

function frozen<T extends object>(value: T): T {
  return Object.isFrozen(value) ? value : Object.freeze(value);
}
