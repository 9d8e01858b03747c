import { makeData } from './data.js';
import { sameHeaderName } from './header.js';
import type { Header, MessageData } from './types.js';

/**
 * Lays a message over a default message; what the message sets wins.
 * - Content (text, html, template) comes whole from the message when it sets any of them,
 *   else whole from the default: a default text body never joins a message's template.
 *   A templated message takes no default subject (its template supplies one).
 * - Other single fields (from, subject, tag, tracking, stream): the message's when set,
 *   else the default's.
 * - Recipient lists (to, cc, bcc, replyTo): each list is the message's when it has any,
 *   else the default's. Lists are never concatenated, so a default never adds a recipient
 *   to a message that chose its own.
 * - Headers: the default's headers whose names the message does not set (ignoring case),
 *   then the message's.
 * - Metadata: the default's keys, overwritten key by key by the message's.
 * - Attachments: the default's (a logo, say), then the message's.
 */
export function mergeDefaults(message: MessageData, defaults: MessageData): MessageData {
  const list = <K extends 'to' | 'cc' | 'bcc' | 'replyTo'>(key: K) =>
    message[key].length > 0 ? message[key] : defaults[key];
  const hasContent =
    message.text !== undefined || message.html !== undefined || message.template !== undefined;
  const content = hasContent ? message : defaults;
  // Built field by field, reusing every list and record one side leaves empty: a Sender
  // merges every message it sends, and spreading and re-freezing the frozen inputs showed
  // up as a third of a batch's CPU time.
  return makeData({
    from: message.from ?? defaults.from,
    to: list('to'),
    cc: list('cc'),
    bcc: list('bcc'),
    replyTo: list('replyTo'),
    subject: content.template ? message.subject : (message.subject ?? defaults.subject),
    text: content.text,
    html: content.html,
    tag: message.tag ?? defaults.tag,
    metadata: mergeRecords(defaults.metadata, message.metadata),
    headers: mergeHeaders(defaults.headers, message.headers),
    attachments: concat(defaults.attachments, message.attachments),
    trackOpens: message.trackOpens ?? defaults.trackOpens,
    trackLinks: message.trackLinks ?? defaults.trackLinks,
    stream: message.stream ?? defaults.stream,
    template: content.template,
  });
}

function mergeHeaders(defaults: readonly Header[], own: readonly Header[]): readonly Header[] {
  if (defaults.length === 0) return own;
  const kept = defaults.filter((d) => !own.some((h) => sameHeaderName(h.name, d.name)));
  return concat(kept, own);
}

function mergeRecords(
  defaults: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  // Most Senders have no default metadata: then the message's own record is reused as is.
  return Object.keys(defaults).length === 0 ? own : { ...defaults, ...own };
}

function concat<T>(first: readonly T[], second: readonly T[]): readonly T[] {
  if (first.length === 0) return second;
  if (second.length === 0) return first;
  return [...first, ...second];
}
