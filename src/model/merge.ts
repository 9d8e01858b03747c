import { sameHeaderName } from './header.js';
import type { Header, MessageData } from './types.js';

/**
 * Lays a message over a default message, each field by its rule in the field table
 * (src/postmark/fields.ts; docs/messages.md, "Defaults"); what the message sets wins.
 * Lists and records one side leaves empty are reused, not copied, so the merged messages of
 * a batch share the defaults' values by reference (which the batch serializer uses).
 *
 * Written out field by field rather than as a loop over the table: a Sender merges every
 * message it sends, and the loop (a field read by a name held in a variable, a switch per
 * rule) cost 1.3 µs a message against 0.2 µs written out (bench/, figure 2). A property test
 * holds it to the table's rules (test/message/defaults.test.ts).
 */
export function mergeDefaults(message: MessageData, defaults: MessageData): MessageData {
  // 'content': text, HTML and template come whole from one side.
  const content =
    message.text !== undefined || message.html !== undefined || message.template !== undefined
      ? message
      : defaults;
  // Built in MessageData's one shape (src/model/data.ts) and frozen: every value here is
  // already frozen, being a message's own or a default's, or a new list frozen below.
  return Object.freeze({
    from: message.from ?? defaults.from, // 'own'
    to: message.to.length > 0 ? message.to : defaults.to, // 'list'
    cc: message.cc.length > 0 ? message.cc : defaults.cc,
    bcc: message.bcc.length > 0 ? message.bcc : defaults.bcc,
    replyTo: message.replyTo.length > 0 ? message.replyTo : defaults.replyTo,
    // 'subject': a templated message takes its subject from its template, never the default.
    subject: content.template ? message.subject : (message.subject ?? defaults.subject),
    text: content.text,
    html: content.html,
    tag: message.tag ?? defaults.tag,
    metadata: mergeRecords(defaults.metadata, message.metadata), // 'byKey'
    headers: mergeHeaders(defaults.headers, message.headers), // 'byName'
    attachments: concat(defaults.attachments, message.attachments), // 'append'
    trackOpens: message.trackOpens ?? defaults.trackOpens,
    trackLinks: message.trackLinks ?? defaults.trackLinks,
    stream: message.stream ?? defaults.stream,
    template: content.template,
  });
}

function mergeHeaders(defaults: readonly Header[], own: readonly Header[]): readonly Header[] {
  if (defaults.length === 0) return own;
  const kept = defaults.filter((d) => !own.some((h) => sameHeaderName(h.name, d.name)));
  return concat(kept.length === defaults.length ? defaults : Object.freeze(kept), own);
}

function mergeRecords(
  defaults: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  // Most Senders have no default metadata: then the message's own record is reused as is.
  return Object.keys(defaults).length === 0 ? own : Object.freeze({ ...defaults, ...own });
}

function concat<T>(first: readonly T[], second: readonly T[]): readonly T[] {
  if (first.length === 0) return second;
  if (second.length === 0) return first;
  return Object.freeze([...first, ...second]);
}
