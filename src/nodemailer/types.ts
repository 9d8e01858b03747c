import type { TrackLinks } from '../model/types.js';

// Nodemailer's objects as the transport reads them. Written out here rather than imported
// from 'nodemailer', so that this entry's type declarations load without Nodemailer's (its
// older majors ship none) and the main entry never names it.

/** The message Nodemailer hands a transport's `send()`: `data` is what `sendMail()` was given, laid over the transporter's defaults. */
export interface NodemailerMail {
  readonly data: Record<string, unknown>;
  /** Nodemailer's own reading of a content value (a string, Buffer, stream, file path, URL or data URI). */
  resolveContent(
    holder: object,
    key: string | number,
    callback: (error: Error | null, value?: unknown) => void,
  ): void;
  /** The transporter; a DKIM key set on it could not be honoured either. */
  readonly mailer?: { readonly dkim?: unknown } | undefined;
  /** The MIME tree Nodemailer compiled from `data`; its parser reads the address fields. */
  readonly message?: {
    _parseAddresses?(value: unknown): NodemailerAddress[];
  };
}

/** One address as Nodemailer's parser reads it: a mailbox (its address may be empty), or a group. */
export interface NodemailerAddress {
  readonly address?: string;
  readonly name?: string;
  readonly group?: readonly NodemailerAddress[];
}

/**
 * What `sendMail()` resolves to through this transport.
 *
 * @example
 * const info = await transporter.sendMail({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' });
 * info.messageId; // Postmark's MessageID, for bounces and status
 */
export interface PostmarkSentMessageInfo {
  /** Postmark's MessageID (not a Message-ID header): the key for bounces, status and events. */
  readonly messageId: string;
  /** Every recipient (To, Cc, Bcc) of the message as sent, the Sender's defaults included. */
  readonly accepted: string[];
  /** Always empty: Postmark takes a message whole or refuses it with an error. */
  readonly rejected: string[];
  /** The From address and every recipient, as Nodemailer computes an envelope. */
  readonly envelope: { from: string; to: string[] };
  /** Postmark's ErrorCode and word for the answer: `'0 OK'`. */
  readonly response: string;
  /** When Postmark took the message. */
  readonly submittedAt: Date;
}

/**
 * The `postmark` field of `sendMail()`: what Postmark adds to a message, with the names of
 * the Message builder.
 *
 * @example
 * await transporter.sendMail({ to, postmark: { template: 'welcome', templateModel: { name: 'Ada' }, tag: 'onboarding' } });
 */
export interface PostmarkMailOptions {
  tag?: string;
  metadata?: Readonly<Record<string, string>>;
  stream?: string;
  trackOpens?: boolean;
  trackLinks?: TrackLinks;
  /** A template's numeric id or alias; the message then has no subject, text or html of its own. */
  template?: number | string;
  templateModel?: Readonly<Record<string, unknown>>;
  inlineCss?: boolean;
}
