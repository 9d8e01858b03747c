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
  const pick = <K extends keyof MessageData>(key: K) => message[key] ?? defaults[key];
  const list = <K extends 'to' | 'cc' | 'bcc' | 'replyTo'>(key: K) =>
    message[key].length > 0 ? message[key] : defaults[key];
  const hasContent =
    message.text !== undefined || message.html !== undefined || message.template !== undefined;
  const content = hasContent ? message : defaults;
  return {
    ...defined({
      from: pick('from'),
      subject: content.template ? message.subject : pick('subject'),
      text: content.text,
      html: content.html,
      template: content.template,
      tag: pick('tag'),
      trackOpens: pick('trackOpens'),
      trackLinks: pick('trackLinks'),
      stream: pick('stream'),
    }),
    to: list('to'),
    cc: list('cc'),
    bcc: list('bcc'),
    replyTo: list('replyTo'),
    headers: mergeHeaders(defaults.headers, message.headers),
    metadata: { ...defaults.metadata, ...message.metadata },
    attachments: [...defaults.attachments, ...message.attachments],
  };
}

function mergeHeaders(defaults: readonly Header[], own: readonly Header[]): Header[] {
  const kept = defaults.filter((d) => !own.some((h) => sameHeaderName(h.name, d.name)));
  return [...kept, ...own];
}

function defined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
