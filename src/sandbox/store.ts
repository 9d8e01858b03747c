import type { Address } from '../model/types.js';
import type { BounceType } from '../postmark/bounce-types.js';
import type {
  SandboxBounce,
  SandboxClickInput,
  SandboxMessage,
  SandboxMessageEvent,
  SandboxOpenInput,
} from './records.js';

// Events and bounces carry the time they become visible (`at`, ms since the epoch), and every
// read filters by it: no timers to cancel on close, and a poller sees first nothing, then the
// terminal event, exactly as with Postmark.

/** The `ServerID` of the server a sandbox starts with (the one its `token` reaches). */
export const SANDBOX_SERVER_ID = 1;

/** A delivery event waiting for (or past) its time. */
export interface StoredEvent {
  readonly recipient: string;
  readonly type: string;
  at: number;
  readonly details: Readonly<Record<string, string>>;
}

/** An accepted message with its addresses parsed and its future events. */
export interface StoredMessage {
  readonly message: SandboxMessage;
  /** The JSON object as the client sent it (the mailbox shows it), frozen. */
  readonly sent: Readonly<Record<string, unknown>>;
  /** Whether it came through a template endpoint, its content rendered from the template. */
  readonly templated: boolean;
  readonly from: Address;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
  readonly receivedAt: number;
  readonly events: StoredEvent[];
}

/** A bounce; `inactive` changes when the address is activated again. */
export interface StoredBounce {
  readonly id: number;
  readonly type: BounceType;
  readonly messageId: string;
  readonly email: string;
  readonly from: string;
  readonly subject: string;
  readonly tag: string;
  readonly stream: string;
  readonly details: string;
  readonly dump: string;
  readonly canActivate: boolean;
  inactive: boolean;
  at: number;
}

/** One recorded open or click. Its time is its event's, so flushing events moves both. */
export interface TrackedRecord {
  readonly kind: 'Open' | 'Click';
  readonly stored: StoredMessage;
  readonly event: StoredEvent;
  readonly input: SandboxOpenInput & Partial<SandboxClickInput>;
  readonly firstOpen: boolean;
}

/** The opens and clicks of one sandbox's messages. */
export class TrackingStore {
  readonly #records: TrackedRecord[] = [];
  /** The recipients each message was opened by: whether an open is the first, at once. */
  #openedBy = new WeakMap<StoredMessage, Set<string>>();
  readonly #added: () => void;

  constructor(added: () => void = () => {}) {
    this.#added = added;
  }

  add(record: TrackedRecord): void {
    this.#records.push(record);
    if (record.kind === 'Open') {
      const recipients = this.#openedBy.get(record.stored);
      if (recipients === undefined)
        this.#openedBy.set(record.stored, new Set([record.event.recipient]));
      else recipients.add(record.event.recipient);
    }
    this.#added();
  }

  /** Whether an open of `stored` by `recipient` was recorded (at any time, past or to come). */
  opened(stored: StoredMessage, recipient: string): boolean {
    return this.#openedBy.get(stored)?.has(recipient) ?? false;
  }

  /** Opens or clicks that have happened by `now`, newest first (as Postmark lists them). */
  list(kind: 'Open' | 'Click', now: number): TrackedRecord[] {
    // Reversed first, so that of two at the same millisecond the later comes first.
    return this.#records
      .filter((record) => record.kind === kind && record.event.at <= now)
      .reverse()
      .sort((a, b) => b.event.at - a.event.at);
  }

  clear(): void {
    this.#records.length = 0;
    this.#openedBy = new WeakMap();
  }
}

/**
 * A change to a store, for those watching it live (the mailbox). Events that become visible
 * as time passes are not changes: a watcher reads their times from the message.
 */
export type StoreChange =
  | { readonly kind: 'message'; readonly stored: StoredMessage }
  | { readonly kind: 'events' }
  | { readonly kind: 'cleared' };

/** Everything one sandbox accepted. Nothing here is global: each sandbox has its own. */
export class Store {
  readonly #messages: StoredMessage[] = [];
  readonly #byId = new Map<string, StoredMessage>();
  readonly #bounces: StoredBounce[] = [];
  readonly #watchers = new Set<(change: StoreChange) => void>();
  #nextBounceId = 1;
  /** Opens and clicks of these messages. */
  readonly tracking = new TrackingStore(() => this.#changed({ kind: 'events' }));

  add(message: StoredMessage, bounces: readonly StoredBounce[]): void {
    this.#messages.push(message);
    this.#byId.set(message.message.MessageID, message);
    this.#bounces.push(...bounces);
    this.#changed({ kind: 'message', stored: message });
  }

  /** Calls `watcher` after every change; returns the function that stops the calls. */
  watch(watcher: (change: StoreChange) => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  #changed(change: StoreChange): void {
    for (const watcher of this.#watchers) watcher(change);
  }

  /** Bounce ids are numbers, as in Postmark, counted per sandbox. */
  nextBounceId(): number {
    const id = this.#nextBounceId;
    this.#nextBounceId += 1;
    return id;
  }

  /** Accepted messages, oldest first. */
  messages(): readonly StoredMessage[] {
    return this.#messages;
  }

  message(id: string): StoredMessage | undefined {
    return this.#byId.get(id);
  }

  /** Bounces that have happened by `now`, oldest first. */
  bounces(now: number): StoredBounce[] {
    return this.#bounces.filter((bounce) => bounce.at <= now);
  }

  bounce(id: number, now: number): StoredBounce | undefined {
    return this.bounces(now).find((bounce) => bounce.id === id);
  }

  /** Those of `emails` that are inactive on `stream` at `now`, as written in `emails`. */
  inactiveAmong(emails: readonly string[], stream: string, now: number): string[] {
    const inactive = new Set(
      this.bounces(now)
        .filter((bounce) => bounce.inactive && bounce.stream === stream)
        .map((bounce) => bounce.email.toLowerCase()),
    );
    return emails.filter((email) => inactive.has(email.toLowerCase()));
  }

  /** Reactivates the address of `bounce` on its stream: every bounce that kept it inactive. */
  activate(bounce: StoredBounce, now: number): void {
    this.activateAddress(bounce.email, bounce.stream, now);
  }

  /** Reactivates `email` on `stream` (compared ignoring case): every bounce that kept it inactive. */
  activateAddress(email: string, stream: string, now: number): void {
    const folded = email.toLowerCase();
    for (const bounce of this.bounces(now)) {
      if (bounce.email.toLowerCase() === folded && bounce.stream === stream)
        bounce.inactive = false;
    }
    this.#changed({ kind: 'events' });
  }

  /** Makes every pending event and bounce happen now. */
  flush(now: number): void {
    for (const message of this.#messages)
      for (const event of message.events) event.at = Math.min(event.at, now);
    for (const bounce of this.#bounces) bounce.at = Math.min(bounce.at, now);
    this.#changed({ kind: 'events' });
  }

  clear(): void {
    this.#messages.length = 0;
    this.#byId.clear();
    this.#bounces.length = 0;
    this.tracking.clear();
    this.#changed({ kind: 'cleared' });
  }
}

/** A bounce as Postmark's Bounce API shows it. */
export function bounceRecord(bounce: StoredBounce, serverId: number): SandboxBounce {
  return {
    RecordType: 'Bounce',
    ID: bounce.id,
    Type: bounce.type.type,
    TypeCode: bounce.type.code,
    Name: bounce.type.name,
    Tag: bounce.tag,
    MessageID: bounce.messageId,
    ServerID: serverId,
    Description: bounce.type.description,
    Details: bounce.details,
    Email: bounce.email,
    From: bounce.from,
    BouncedAt: new Date(bounce.at).toISOString(),
    DumpAvailable: true,
    Inactive: bounce.inactive,
    CanActivate: bounce.canActivate,
    Subject: bounce.subject,
    Content: bounce.dump,
    MessageStream: bounce.stream,
  };
}

/** An open or click as Postmark's opens/clicks searches list it. */
export function trackedWire(record: TrackedRecord): Record<string, unknown> {
  const { stored, input } = record;
  const common = {
    RecordType: record.kind,
    MessageStream: stored.message.MessageStream,
    Metadata: stored.message.Metadata ?? {},
    Recipient: record.event.recipient,
    MessageID: stored.message.MessageID,
    ReceivedAt: new Date(record.event.at).toISOString(),
    Platform: input.Platform ?? 'Unknown',
    Tag: stored.message.Tag ?? '',
    UserAgent: input.UserAgent ?? '',
    OS: input.OS ?? null,
    Client: input.Client ?? null,
    Geo: input.Geo ?? null,
  };
  if (record.kind === 'Open')
    return { ...common, FirstOpen: record.firstOpen, ReadSeconds: input.ReadSeconds ?? 0 };
  return { ...common, OriginalLink: input.OriginalLink, ClickLocation: input.ClickLocation };
}

/** The events of `message` that have happened by `now`, oldest first. */
export function visibleEvents(message: StoredMessage, now: number): SandboxMessageEvent[] {
  return message.events
    .filter((event) => event.at <= now)
    .sort((a, b) => a.at - b.at)
    .map((event) => ({
      Recipient: event.recipient,
      Type: event.type,
      ReceivedAt: new Date(event.at).toISOString(),
      Details: event.details,
    }));
}
