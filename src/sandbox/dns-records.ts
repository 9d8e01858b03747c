import { randomBytes } from 'node:crypto';
import { RETURN_PATH_CNAME_VALUE, SPF_TEXT_VALUE } from '../postmark/account.js';
import { ENTITY_WORDING, ERROR_CODES } from '../postmark/error-codes.js';
import { unprocessable } from './http.js';

interface DkimKey {
  readonly host: string;
  readonly value: string;
}

/**
 * The DNS records Postmark asks a sending domain (or a sender signature's domain) to publish,
 * and what it has verified of them. The sandbox has no DNS to look at: each `verify*()`
 * succeeds, so a test can walk through the states Postmark's answers go through.
 */
export class DnsRecords {
  readonly #domain: string;
  #returnPath: string | null;
  #spfVerified = false;
  #returnPathVerified = false;
  #current: DkimKey | undefined;
  // A new domain's first key waits for its DNS record, as a rotated one does.
  #pending: DkimKey | undefined;
  #revoked: DkimKey | undefined;

  /**
   * `keyFound`: the first DKIM key already signs. A domain's waits for `verifyDkim()`; a sender
   * signature has no such call (Postmark looks for its records by itself), so the sandbox,
   * which has no DNS to wait for, takes its key as found at once.
   */
  constructor(domain: string, returnPath: string | null, now: number, keyFound = false) {
    this.#domain = domain;
    this.#returnPath = returnPath;
    if (keyFound) this.#current = newKey(domain, now);
    else this.#pending = newKey(domain, now);
  }

  get returnPath(): string | null {
    return this.#returnPath;
  }

  /** A new Return-Path domain, to be verified again. */
  set returnPath(domain: string | null) {
    if (domain !== this.#returnPath) this.#returnPathVerified = false;
    this.#returnPath = domain;
  }

  get dkimVerified(): boolean {
    return this.#current !== undefined;
  }

  verifySpf(): void {
    this.#spfVerified = true;
  }

  /** The pending key, once "found in DNS", signs; the key it replaces is revoked. */
  verifyDkim(): void {
    if (this.#pending === undefined) return;
    this.#revoked = this.#current;
    this.#current = this.#pending;
    this.#pending = undefined;
  }

  verifyReturnPath(): void {
    if (this.#returnPath !== null) this.#returnPathVerified = true;
  }

  /** A new key, pending until verified; Postmark refuses a rotation while one is pending (505). */
  rotateDkim(now: number): void {
    if (this.#pending !== undefined)
      throw unprocessable(ERROR_CODES.dkimRenewing, ENTITY_WORDING.dkimRenewing());
    this.#pending = newKey(this.#domain, now);
  }

  /** The fields Postmark's answers show for these records. */
  json(): Record<string, unknown> {
    return {
      SPFVerified: this.#spfVerified,
      SPFHost: this.#domain,
      SPFTextValue: SPF_TEXT_VALUE,
      DKIMVerified: this.dkimVerified,
      WeakDKIM: false,
      DKIMHost: this.#current?.host ?? '',
      DKIMTextValue: this.#current?.value ?? '',
      DKIMPendingHost: this.#pending?.host ?? '',
      DKIMPendingTextValue: this.#pending?.value ?? '',
      DKIMRevokedHost: this.#revoked?.host ?? '',
      DKIMRevokedTextValue: this.#revoked?.value ?? '',
      SafeToRemoveRevokedKeyFromDNS: this.#revoked !== undefined,
      DKIMUpdateStatus: this.#pending === undefined ? 'Verified' : 'Pending',
      ReturnPathDomain: this.#returnPath ?? '',
      ReturnPathDomainCNAMEValue: RETURN_PATH_CNAME_VALUE,
      ReturnPathDomainVerified: this.#returnPathVerified,
    };
  }
}

// Postmark names a key's selector after the time it was made: `20240501123456pm`.
function newKey(domain: string, now: number): DkimKey {
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
  const key = randomBytes(162).toString('base64');
  return { host: `${stamp}pm._domainkey.${domain}`, value: `k=rsa;p=${key}` };
}
