import type { MessageFieldName, TRACK_LINKS } from '../postmark/fields.js';

/** A parsed address: the only form a Message ever holds, so it never holds a bad one. */
export interface Address {
  readonly email: string;
  readonly name?: string;
}

/** What the address methods accept: `'a@b.c'`, `'Name <a@b.c>'`, `{ email, name }`, or a list of them. */
export type AddressInput = string | { readonly email: string; readonly name?: string | undefined };

export interface Header {
  readonly name: string;
  readonly value: string;
}

export interface Attachment {
  readonly name: string;
  /** The raw bytes; shared with the caller's buffer, never copied. */
  readonly content: Uint8Array;
  readonly contentType: string;
  readonly contentId?: string;
}

/** Attachment content as callers have it: bytes (any typed array or DataView), a buffer, or text (sent as UTF-8). */
export type AttachmentContent = Uint8Array | ArrayBuffer | ArrayBufferView | string;

export interface AttachmentInput {
  readonly name: string;
  readonly content: AttachmentContent;
  /** Inferred from `name` when left out; `application/octet-stream` when nothing matches. */
  readonly contentType?: string | undefined;
  /** Makes the attachment an inline image: refer to it in HTML as `cid:<contentId>`. */
  readonly contentId?: string | undefined;
}

export type TrackLinks = (typeof TRACK_LINKS)[number];

export interface Template {
  /** A numeric `TemplateId` or a string `TemplateAlias`. */
  readonly idOrAlias: number | string;
  readonly model: Readonly<Record<string, unknown>>;
  readonly inlineCss?: boolean;
}

/** Everything a Message holds. Lists keep insertion order; every level is frozen. */
export interface MessageData {
  readonly from?: Address;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
  readonly replyTo: readonly Address[];
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly tag?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly headers: readonly Header[];
  readonly attachments: readonly Attachment[];
  readonly trackOpens?: boolean;
  readonly trackLinks?: TrackLinks;
  readonly stream?: string;
  readonly template?: Template;
}

/**
 * A message as a plain object, for `Message.create()` and `sender.send({...})`.
 *
 * @example
 * Message.create({ from: 'app@example.com', to: 'ada@example.com', subject: 'Hi', text: 'Hello' });
 */
export interface MessageInit {
  from?: AddressInput;
  to?: AddressInput | readonly AddressInput[];
  cc?: AddressInput | readonly AddressInput[];
  bcc?: AddressInput | readonly AddressInput[];
  replyTo?: AddressInput | readonly AddressInput[];
  subject?: string;
  text?: string;
  html?: string;
  tag?: string;
  metadata?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>> | readonly Header[];
  attachments?: readonly AttachmentInput[];
  trackOpens?: boolean;
  trackLinks?: TrackLinks;
  stream?: string;
  template?: number | string;
  templateModel?: Readonly<Record<string, unknown>>;
  inlineCss?: boolean;
}

// MessageInit is written out for its documentation; the field table (src/postmark/fields.ts)
// is what the code reads. These lines fail to compile the day the two name different fields.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const initMatchesFieldTable: Same<keyof MessageInit, MessageFieldName> = true;
void initMatchesFieldTable;
