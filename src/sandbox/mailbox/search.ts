import type { StoredMessage } from '../store.js';
import { type MailboxSummary, summaryOf } from './views.js';

/** How many messages one answer lists unless `count` says otherwise, and at most. */
export const MAILBOX_PAGE = { default: 100, max: 1000 } as const;

/** One page of the list: the newest first. */
export interface MailboxList {
  readonly totalCount: number;
  readonly messages: readonly MailboxSummary[];
}

/**
 * The messages matching the query, newest first, or the problem with the query. Every filter
 * is a part of the text, ignoring case: `q` looks in the recipients (To, Cc and Bcc, address
 * or name), the subject and the tag; `recipient`, `subject` and `tag` in one of them each.
 * `count` and `offset` page through the matches.
 *
 * @example searchMessages(store.messages(), new URLSearchParams('q=welcome'), Date.now())
 */
export function searchMessages(
  messages: readonly StoredMessage[],
  query: URLSearchParams,
  now: number,
): MailboxList | string {
  const count = whole(query.get('count'), MAILBOX_PAGE.default);
  const offset = whole(query.get('offset'), 0);
  if (count === undefined || count < 1 || count > MAILBOX_PAGE.max)
    return `count must be a whole number from 1 to ${MAILBOX_PAGE.max}.`;
  if (offset === undefined) return 'offset must be a whole number ≥ 0.';
  const wanted = (name: string) => query.get(name)?.trim().toLowerCase() || undefined;
  const q = wanted('q');
  const recipient = wanted('recipient');
  const subject = wanted('subject');
  const tag = wanted('tag');
  const matches = messages.filter((stored) => {
    const fields = {
      recipient: recipientsText(stored),
      subject: (stored.message.Subject ?? '').toLowerCase(),
      tag: (stored.message.Tag ?? '').toLowerCase(),
    };
    return (
      (!q || Object.values(fields).some((text) => text.includes(q))) &&
      (!recipient || fields.recipient.includes(recipient)) &&
      (!subject || fields.subject.includes(subject)) &&
      (!tag || fields.tag.includes(tag))
    );
  });
  // Stored oldest first: the newest `offset` are skipped from the end.
  const end = Math.max(0, matches.length - offset);
  const page = matches.slice(Math.max(0, end - count), end).reverse();
  return { totalCount: matches.length, messages: page.map((stored) => summaryOf(stored, now)) };
}

function recipientsText(stored: StoredMessage): string {
  return [...stored.to, ...stored.cc, ...stored.bcc]
    .map((address) => `${address.name ?? ''} <${address.email}>`)
    .join('\n')
    .toLowerCase();
}

function whole(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
