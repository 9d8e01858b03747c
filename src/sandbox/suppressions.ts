import { isEmailAddress } from '../postmark/address.js';
import {
  SUPPRESSION_WORDING,
  type SuppressionOrigin,
  type SuppressionReason,
} from '../postmark/streams.js';
import type { Store } from './store.js';

/** One suppressed address of a stream, as the suppression dump shows it. */
export interface SuppressionRecord {
  readonly EmailAddress: string;
  readonly SuppressionReason: SuppressionReason;
  readonly Origin: SuppressionOrigin;
  readonly CreatedAt: string;
}

/** What became of one address in a suppress or delete request. */
export interface SuppressionStatus {
  readonly EmailAddress: string;
  readonly Status: 'Suppressed' | 'Deleted' | 'Failed';
  readonly Message: string | null;
}

interface Entry {
  readonly email: string;
  readonly reason: SuppressionReason;
  readonly origin: SuppressionOrigin;
  readonly at: number;
}

/**
 * The suppression lists of one sandbox, per stream. Two kinds of entry: the manual ones made
 * through the API (origin `Customer`, reason `ManualSuppression`), kept here, and the
 * inactive bounces the message store keeps (origin `Recipient`; reason `SpamComplaint` for a
 * complaint, `HardBounce` for the other deactivating types), read from it. An address has
 * one entry a stream: its bounces' when it has inactive ones, else the manual one.
 */
export class SuppressionStore {
  readonly #store: Store;
  readonly #manual = new Map<string, Map<string, Entry>>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** Those of `emails` Postmark would refuse to send to on `stream` at `now` (406). */
  suppressedAmong(emails: readonly string[], stream: string, now: number): string[] {
    const manual = this.#manual.get(stream);
    const bounced = new Set(
      this.#store.inactiveAmong(emails, stream, now).map((email) => email.toLowerCase()),
    );
    return emails.filter((email) => {
      const folded = email.toLowerCase();
      return bounced.has(folded) || manual?.has(folded) === true;
    });
  }

  /** The stream's suppressions, newest first. */
  list(stream: string, now: number): SuppressionRecord[] {
    return [...this.#entries(stream, now).values()]
      .sort((a, b) => b.at - a.at || a.email.localeCompare(b.email))
      .map((entry) => ({
        EmailAddress: entry.email,
        SuppressionReason: entry.reason,
        Origin: entry.origin,
        CreatedAt: new Date(entry.at).toISOString(),
      }));
  }

  /** The entry of `email` on `stream` (compared ignoring case), if it is suppressed. */
  find(stream: string, email: unknown, now: number): SuppressionRecord | undefined {
    const folded = typeof email === 'string' ? email.trim().toLowerCase() : '';
    return this.list(stream, now).find((entry) => entry.EmailAddress.toLowerCase() === folded);
  }

  /** Suppresses `email` by hand; one already suppressed stays as it was. */
  add(stream: string, email: unknown, now: number): SuppressionStatus {
    const address = addressOf(email);
    if (address === undefined) return failed(email, SUPPRESSION_WORDING.invalidAddress);
    const folded = address.toLowerCase();
    if (!this.#entries(stream, now).has(folded)) {
      const manual = this.#manual.get(stream) ?? new Map<string, Entry>();
      manual.set(folded, {
        email: address,
        reason: 'ManualSuppression',
        origin: 'Customer',
        at: now,
      });
      this.#manual.set(stream, manual);
    }
    return { EmailAddress: address, Status: 'Suppressed', Message: null };
  }

  /**
   * Deletes the suppression of `email`: the manual entry goes, and its bounces are
   * reactivated (as deleting a HardBounce suppression does at Postmark). A spam complaint
   * cannot be deleted through the API: that address answers `Failed`.
   */
  remove(stream: string, email: unknown, now: number): SuppressionStatus {
    const address = addressOf(email);
    if (address === undefined) return failed(email, SUPPRESSION_WORDING.invalidAddress);
    const folded = address.toLowerCase();
    if (this.#entries(stream, now).get(folded)?.reason === 'SpamComplaint')
      return failed(address, SUPPRESSION_WORDING.notAllowed);
    this.#manual.get(stream)?.delete(folded);
    this.#store.activateAddress(address, stream, now);
    return { EmailAddress: address, Status: 'Deleted', Message: null };
  }

  /** Forgets the manual suppressions (the bounces are the message store's). */
  clear(): void {
    this.#manual.clear();
  }

  // Every entry of `stream`, by address in lower case.
  #entries(stream: string, now: number): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    for (const bounce of this.#store.bounces(now)) {
      if (!bounce.inactive || bounce.stream !== stream) continue;
      const folded = bounce.email.toLowerCase();
      const complaint = bounce.type.type === 'SpamComplaint';
      const known = entries.get(folded);
      // The first inactive bounce dates it; a complaint among them names the reason.
      if (known === undefined || (complaint && known.reason !== 'SpamComplaint')) {
        entries.set(folded, {
          email: known?.email ?? bounce.email,
          reason: complaint ? 'SpamComplaint' : 'HardBounce',
          origin: 'Recipient',
          at: Math.min(known?.at ?? bounce.at, bounce.at),
        });
      }
    }
    for (const [folded, entry] of this.#manual.get(stream) ?? [])
      if (!entries.has(folded)) entries.set(folded, entry);
    return entries;
  }
}

function addressOf(value: unknown): string | undefined {
  const address = typeof value === 'string' ? value.trim() : '';
  return isEmailAddress(address) ? address : undefined;
}

function failed(email: unknown, message: string): SuppressionStatus {
  return {
    EmailAddress: typeof email === 'string' ? email : '',
    Status: 'Failed',
    Message: message,
  };
}
