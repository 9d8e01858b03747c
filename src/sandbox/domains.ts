import { DEFAULT_RETURN_PATH_PREFIX } from '../postmark/account.js';
import { isDomainName } from '../postmark/address.js';
import { ENTITY_WORDING, ERROR_CODES } from '../postmark/error-codes.js';
import { DnsRecords } from './dns-records.js';
import { isPlainObject, unprocessable } from './http.js';

/** A sending domain of the sandbox's account. */
export interface StoredDomain {
  readonly id: number;
  readonly name: string;
  readonly dns: DnsRecords;
}

/**
 * The account's sending domains (the Domains API). Checks what Postmark checks (514 no name,
 * 516 a malformed one, 512 taken, 511 a Return-Path domain outside the domain) and throws
 * the refusal as an `ApiFailure`.
 */
export class DomainStore {
  readonly #domains = new Map<number, StoredDomain>();
  #nextId = 1;

  list(): StoredDomain[] {
    return [...this.#domains.values()];
  }

  /** The domain with the path's id; 510 when there is none. */
  get(raw: string): StoredDomain {
    const domain = /^\d+$/.test(raw) ? this.#domains.get(Number(raw)) : undefined;
    if (domain === undefined)
      throw unprocessable(ERROR_CODES.domainNotFound, ENTITY_WORDING.domainNotFound(raw));
    return domain;
  }

  create(json: unknown, now: number): StoredDomain {
    const fields = isPlainObject(json) ? json : {};
    const name = fields.Name;
    if (typeof name !== 'string' || name.trim() === '')
      throw unprocessable(
        ERROR_CODES.domainNameRequired,
        'Name is a required field to create a Domain.',
      );
    if (!isDomainName(name))
      throw unprocessable(ERROR_CODES.domainNameInvalid, `Name format is invalid: '${name}'.`);
    if (this.list().some((domain) => domain.name.toLowerCase() === name.toLowerCase()))
      throw unprocessable(ERROR_CODES.domainExists, ENTITY_WORDING.domainExists(name));
    const domain = {
      id: this.#nextId++,
      name,
      dns: new DnsRecords(name, returnPathOf(name, fields.ReturnPathDomain), now),
    };
    this.#domains.set(domain.id, domain);
    return domain;
  }

  edit(domain: StoredDomain, json: unknown): void {
    if (isPlainObject(json) && json.ReturnPathDomain !== undefined)
      domain.dns.returnPath = returnPathOf(domain.name, json.ReturnPathDomain);
  }

  remove(domain: StoredDomain): void {
    this.#domains.delete(domain.id);
  }

  /** Whether `email` is at a domain whose DKIM key is verified: Postmark then takes any From there. */
  verifiedFor(email: string): boolean {
    const at = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    return this.list().some(
      (domain) => domain.dns.dkimVerified && domain.name.toLowerCase() === at,
    );
  }
}

/**
 * A Return-Path domain as Postmark takes it: absent (none set), or a subdomain of the domain
 * (ErrorCode 511 otherwise). Postmark suggests `pm-bounces.<domain>`.
 */
export function returnPathOf(domain: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const suffix = `.${domain.toLowerCase()}`;
  if (typeof value !== 'string' || !isDomainName(value) || !value.toLowerCase().endsWith(suffix)) {
    throw unprocessable(
      ERROR_CODES.invalidFields,
      `Invalid fields supplied: ReturnPathDomain must be a subdomain of ${domain}, such as ${DEFAULT_RETURN_PATH_PREFIX}${suffix}.`,
    );
  }
  return value;
}

/** A domain as GET /domains lists it. */
export function domainSummary(domain: StoredDomain): Record<string, unknown> {
  const dns = domain.dns.json();
  return {
    ID: domain.id,
    Name: domain.name,
    SPFVerified: dns.SPFVerified,
    DKIMVerified: dns.DKIMVerified,
    WeakDKIM: dns.WeakDKIM,
    ReturnPathDomainVerified: dns.ReturnPathDomainVerified,
  };
}

/** A domain as GET /domains/{id} answers it, with its DNS records. */
export function domainDetails(domain: StoredDomain): Record<string, unknown> {
  return { ID: domain.id, Name: domain.name, ...domain.dns.json() };
}
