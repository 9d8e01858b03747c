import { emailsOf } from '../postmark/address.js';
import type { PostmarkMessage } from '../schemas/message.js';
import type { RecordingTransport } from './recording-transport.js';

/** What a sent message should have; every given field must match. */
export interface SentMatch {
  /** An address among To, Cc and Bcc (compared ignoring case). */
  readonly to?: string;
  /** The From address (compared ignoring case; the name is ignored). */
  readonly from?: string;
  readonly subject?: string;
  readonly tag?: string;
  readonly stream?: string;
  /** The template's alias or numeric id. */
  readonly template?: string | number;
}

/**
 * Throws unless the transport received a message matching `match`; returns the first match.
 * Works with any test runner (it throws a plain Error whose message lists what was sent).
 *
 * @example
 * await mailer.send(welcome);
 * assertSent(transport, { to: 'ada@example.com', subject: 'Welcome' });
 */
export function assertSent(transport: RecordingTransport, match: SentMatch): PostmarkMessage {
  const found = transport.messages.find((message) => matches(message, match));
  if (found) return found;
  const sent = transport.messages.map(describe);
  throw new Error(
    `expected a message matching ${JSON.stringify(match)}, but ${sent.length === 0 ? 'none was sent' : `these were sent:\n  ${sent.join('\n  ')}`}`,
  );
}

/**
 * Throws if the transport received any message.
 * @example assertNothingSent(transport);
 */
export function assertNothingSent(transport: RecordingTransport): void {
  const sent = transport.messages;
  if (sent.length > 0)
    throw new Error(
      `expected no message to be sent, but ${sent.length} were:\n  ${sent.map(describe).join('\n  ')}`,
    );
}

function matches(message: PostmarkMessage, match: SentMatch): boolean {
  const recipients = [message.To, message.Cc, message.Bcc].flatMap(addresses);
  if (match.to !== undefined && !recipients.includes(match.to.toLowerCase())) return false;
  if (match.from !== undefined && addresses(message.From)[0] !== match.from.toLowerCase())
    return false;
  if (match.subject !== undefined && message.Subject !== match.subject) return false;
  if (match.tag !== undefined && message.Tag !== match.tag) return false;
  if (match.stream !== undefined && (message.MessageStream ?? 'outbound') !== match.stream)
    return false;
  if (
    match.template !== undefined &&
    message.TemplateAlias !== match.template &&
    message.TemplateId !== match.template
  )
    return false;
  return true;
}

// The bare addresses of a Postmark list such as `"Bob, Jr." <bob@example.com>, ada@example.com`.
function addresses(list: string | undefined): string[] {
  return emailsOf(list ?? '');
}

function describe(message: PostmarkMessage): string {
  const what =
    message.Subject !== undefined
      ? `"${message.Subject}"`
      : `template ${message.TemplateAlias ?? message.TemplateId}`;
  return `to ${message.To ?? message.Cc ?? message.Bcc ?? '(nobody)'}: ${what}`;
}
