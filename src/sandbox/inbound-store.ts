import type { InboundStatusName } from '../postmark/inbound.js';
import { deepFreeze } from './freeze.js';

/** A sender or recipient of an inbound message, as Postmark writes one. */
export interface SandboxInboundContact {
  readonly Email: string;
  readonly Name: string;
  readonly MailboxHash: string;
}

/** An attachment of an inbound message; `Content` is base64. */
export interface SandboxInboundAttachment {
  readonly Name: string;
  readonly Content: string;
  readonly ContentType: string;
  readonly ContentLength: number;
  readonly ContentID?: string;
}

/**
 * An inbound message as the sandbox keeps it: Postmark's inbound JSON (what its inbound
 * webhook posts and GET /messages/inbound/{id}/details answers), with its `Status` and, when
 * blocked, its `BlockedReason`.
 *
 * @example
 * const received = sandbox.receiveInbound({ From: 'ada@example.com', To: 'inbound@example.com', Subject: 'Hi' });
 * received.Status; // 'Processed'
 */
export interface SandboxInboundMessage {
  readonly MessageID: string;
  readonly MessageStream: string;
  readonly From: string;
  readonly FromName: string;
  readonly FromFull: SandboxInboundContact;
  readonly To: string;
  readonly ToFull: readonly SandboxInboundContact[];
  readonly Cc: string;
  readonly CcFull: readonly SandboxInboundContact[];
  readonly Bcc: string;
  readonly BccFull: readonly SandboxInboundContact[];
  readonly ReplyTo: string;
  readonly OriginalRecipient: string;
  readonly Subject: string;
  /** The mail's Date header, RFC 5322 (`Thu, 05 Apr 2012 14:59:01 +0000`). */
  readonly Date: string;
  readonly MailboxHash: string;
  readonly TextBody: string;
  readonly HtmlBody: string;
  readonly StrippedTextReply: string;
  readonly Tag: string;
  readonly Headers: readonly { readonly Name: string; readonly Value: string }[];
  readonly Attachments: readonly SandboxInboundAttachment[];
  readonly Status: InboundStatusName;
  readonly BlockedReason: string;
  /** The whole MIME source, when it was given (Postmark includes it when asked to). */
  readonly RawEmail?: string;
}

/**
 * What `sandbox.receiveInbound()` and `POST /sandbox/inbound` take: Postmark's inbound fields,
 * `From` and `To` required. What is left out is filled in: `MessageID`, `Date` (now),
 * `FromFull`/`ToFull`/`CcFull`/`BccFull` and each `MailboxHash` (from `user+hash@`),
 * `OriginalRecipient` (the first To), `MessageStream` (`inbound`), `Status` (`Processed`,
 * or `Blocked` when an inbound rule matches the From).
 */
export type SandboxInboundInput = Partial<
  Omit<
    SandboxInboundMessage,
    'From' | 'To' | 'FromFull' | 'ToFull' | 'CcFull' | 'BccFull' | 'Attachments'
  >
> & {
  readonly From: string;
  readonly To: string;
  readonly FromFull?: SandboxInboundContactInput;
  readonly ToFull?: readonly SandboxInboundContactInput[];
  readonly CcFull?: readonly SandboxInboundContactInput[];
  readonly BccFull?: readonly SandboxInboundContactInput[];
  /** `ContentType` defaults to `application/octet-stream`, `ContentLength` to the decoded size. */
  readonly Attachments?: readonly (Pick<SandboxInboundAttachment, 'Name' | 'Content'> &
    Partial<SandboxInboundAttachment>)[];
};

/** A contact as given to `receiveInbound()`: `Name` and `MailboxHash` may be left out. */
export type SandboxInboundContactInput = Pick<SandboxInboundContact, 'Email'> &
  Partial<SandboxInboundContact>;

interface StoredInbound {
  message: SandboxInboundMessage;
  readonly receivedAt: number;
}

/** The inbound messages of one sandbox, in the order received. */
export class InboundStore {
  readonly #byId = new Map<string, StoredInbound>();

  add(message: SandboxInboundMessage, receivedAt: number): void {
    this.#byId.set(message.MessageID, { message, receivedAt });
  }

  /** Every message with the time it arrived, oldest first. */
  list(): readonly { readonly message: SandboxInboundMessage; readonly receivedAt: number }[] {
    return [...this.#byId.values()];
  }

  find(id: string): SandboxInboundMessage | undefined {
    return this.#byId.get(id)?.message;
  }

  /** Moves a message to another status (a bypass, a retry); the record stays frozen. */
  setStatus(id: string, Status: InboundStatusName, BlockedReason = ''): SandboxInboundMessage {
    const stored = this.#byId.get(id);
    if (stored === undefined) throw new Error(`no inbound message ${id}`);
    stored.message = deepFreeze({ ...stored.message, Status, BlockedReason });
    return stored.message;
  }

  clear(): void {
    this.#byId.clear();
  }
}
