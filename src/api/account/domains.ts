import { isDomainName } from '../../postmark/address.js';
import {
  PostmarkDkimRotationSchema,
  PostmarkDomainListSchema,
  PostmarkDomainSchema,
  PostmarkDomainSpfSchema,
} from '../../schemas/account.js';
import { type Client, pathTo, type RequestOptions } from '../../transport/client.js';
import { camelize } from '../camel.js';
import { type Confirmation, ConfirmationReading } from '../confirmation.js';
import { field, type Reader, text } from '../fields.js';
import type { PageFilter } from '../filters.js';
import { reading } from '../read.js';
import { pagedSearch } from '../requests.js';
import { bodyCall, idBodyCall, idCall } from './calls.js';

/** A domain as the list shows it: its name and what is verified. */
export interface DomainSummary {
  readonly id: number;
  readonly name: string;
  readonly spfVerified?: boolean;
  readonly dkimVerified?: boolean;
  /** The DKIM key is weak (1024 bits): rotate it. */
  readonly weakDkim?: boolean;
  readonly returnPathDomainVerified?: boolean;
}

/** The DKIM records of a domain, and where a rotation stands. */
export interface DomainDkim {
  readonly id: number;
  readonly name: string;
  readonly dkimVerified?: boolean;
  readonly weakDkim?: boolean;
  /** The TXT record to publish (`20240501123456pm._domainkey.example.com`)... */
  readonly dkimHost?: string;
  /** ...and its value (`k=rsa;p=...`). */
  readonly dkimTextValue?: string;
  /** A new key waiting for its DNS record (after `rotateDkim()`). */
  readonly dkimPendingHost?: string;
  readonly dkimPendingTextValue?: string;
  /** The key a rotation replaced. */
  readonly dkimRevokedHost?: string;
  readonly dkimRevokedTextValue?: string;
  readonly safeToRemoveRevokedKeyFromDns?: boolean;
  /** `Pending` while a new key waits, `Verified` once it signs. */
  readonly dkimUpdateStatus?: string;
}

/** A domain with its DNS records. */
export interface DomainDetails extends DomainSummary, DomainDkim {
  readonly spfHost?: string;
  readonly spfTextValue?: string;
  /** The custom Return-Path domain (`pm-bounces.example.com`), a CNAME to... */
  readonly returnPathDomain?: string;
  /** ...this value (`pm.mtasv.net`). */
  readonly returnPathDomainCnameValue?: string;
}

/** What `domains.verifySpf()` answers: at least whether SPF is verified. */
export interface DomainSpfResult {
  readonly spfVerified: boolean;
  readonly spfHost?: string;
  readonly spfTextValue?: string;
}

export interface DomainList {
  readonly totalCount: number;
  readonly domains: readonly DomainSummary[];
}

/** A new domain. */
export interface DomainInput {
  /** The domain to send from, such as `example.com`. */
  readonly name: string;
  /** A custom Return-Path domain: a subdomain, such as `pm-bounces.example.com`. */
  readonly returnPathDomain?: string;
}

/** What `domains.edit()` may change. */
export interface DomainChanges {
  readonly returnPathDomain?: string;
}

/**
 * The sending domains of the account: `account.domains`. Creating one gives the DNS records
 * to publish; the `verify*()` calls ask Postmark to check them, and are safe to repeat.
 *
 * @example
 * const domain = await account.domains.create({ name: 'example.com' });
 * // publish domain.dkimPendingHost / dkimPendingTextValue, then:
 * const { dkimVerified } = await account.domains.verifyDkim(domain.id);
 */
export interface DomainsApi {
  /** One page of domains. @example await account.domains.list({ count: 50 }); */
  list(filter?: PageFilter, options?: RequestOptions): Promise<DomainList>;
  /** Every domain. @example for await (const d of account.domains.all()) console.log(d.name); */
  all(
    filter?: PageFilter,
    options?: RequestOptions,
  ): AsyncGenerator<DomainSummary, void, undefined>;
  /** One domain with its DNS records. @example await account.domains.get(42); */
  get(id: number, options?: RequestOptions): Promise<DomainDetails>;
  /** Adds a domain. @example await account.domains.create({ name: 'example.com', returnPathDomain: 'pm-bounces.example.com' }); */
  create(domain: DomainInput, options?: RequestOptions): Promise<DomainDetails>;
  /** Changes the Return-Path domain. @example await account.domains.edit(42, { returnPathDomain: 'bounces.example.com' }); */
  edit(id: number, changes: DomainChanges, options?: RequestOptions): Promise<DomainDetails>;
  /** Removes a domain. @example await account.domains.delete(42); */
  delete(id: number, options?: RequestOptions): Promise<Confirmation>;
  /** Checks the DKIM record in DNS. @example (await account.domains.verifyDkim(42)).dkimVerified */
  verifyDkim(id: number, options?: RequestOptions): Promise<DomainDetails>;
  /** Checks the Return-Path CNAME in DNS. @example (await account.domains.verifyReturnPath(42)).returnPathDomainVerified */
  verifyReturnPath(id: number, options?: RequestOptions): Promise<DomainDetails>;
  /** Checks the SPF record in DNS. @example (await account.domains.verifySpf(42)).spfVerified */
  verifySpf(id: number, options?: RequestOptions): Promise<DomainSpfResult>;
  /**
   * Creates a new DKIM key to replace the current one; it shows as `dkimPendingHost` and
   * `dkimPendingTextValue` until verified. Postmark refuses a second rotation while one is
   * pending (ErrorCode 505). Not repeated on a failure that may have been carried out.
   * @example const { dkimPendingHost } = await account.domains.rotateDkim(42);
   */
  rotateDkim(id: number, options?: RequestOptions): Promise<DomainDkim>;
}

/** A domain name by the address grammar (two or more labels), checked before Postmark sees it. */
export const domainName: Reader<string> = (name, value) => {
  const domain = text(name, value).trim();
  if (!isDomainName(domain)) throw new RangeError(`${name} '${domain}' is not a domain name`);
  return domain;
};

const CHANGES = { returnPathDomain: field('ReturnPathDomain', domainName) };
const NEW = { name: field('Name', domainName, true), ...CHANGES };

const ListReading = reading(PostmarkDomainListSchema, (raw) => camelize<DomainList>(raw));
const DomainReading = reading(PostmarkDomainSchema, (raw) => camelize<DomainDetails>(raw));
const SpfReading = reading(PostmarkDomainSpfSchema, (raw) => camelize<DomainSpfResult>(raw));
const DkimReading = reading(PostmarkDkimRotationSchema, (raw) => camelize<DomainDkim>(raw));

/** The Domains API over `client` (an account token's). @example const domains = createDomainsApi(client); */
export function createDomainsApi(client: Client): DomainsApi {
  const { page, all } = pagedSearch<PageFilter, DomainSummary, DomainList>(client, {
    path: '/domains',
    rules: {},
    schema: ListReading,
    items: (list) => list.domains,
    names: ['domains.list()', 'domains.all()'],
  });
  const at = (id: number) => pathTo`/domains/${id}`;
  const check = (what: string, method: 'PUT' | 'POST', suffix: string) =>
    idCall(client, {
      what,
      method,
      path: (id) => `${at(id)}/${suffix}`,
      schema: DomainReading,
      idempotent: true,
    });
  return Object.freeze({
    list: page,
    all,
    get: idCall(client, {
      what: 'domains.get()',
      method: 'GET',
      path: at,
      schema: DomainReading,
      idempotent: true,
    }),
    create: bodyCall<DomainInput, DomainDetails>(client, '/domains', {
      what: 'domains.create()',
      method: 'POST',
      fields: NEW,
      example: "{ name: 'example.com' }",
      schema: DomainReading,
      idempotent: false,
    }),
    edit: idBodyCall<DomainChanges, DomainDetails>(client, at, {
      what: 'domains.edit()',
      method: 'PUT',
      fields: CHANGES,
      example: "{ returnPathDomain: 'pm-bounces.example.com' }",
      schema: DomainReading,
      idempotent: false,
    }),
    delete: idCall(client, {
      what: 'domains.delete()',
      method: 'DELETE',
      path: at,
      schema: ConfirmationReading,
      idempotent: false,
    }),
    verifyDkim: check('domains.verifyDkim()', 'PUT', 'verifyDkim'),
    verifyReturnPath: check('domains.verifyReturnPath()', 'PUT', 'verifyReturnPath'),
    verifySpf: idCall(client, {
      what: 'domains.verifySpf()',
      method: 'POST',
      path: (id) => `${at(id)}/verifyspf`,
      schema: SpfReading,
      idempotent: true,
    }),
    rotateDkim: idCall(client, {
      what: 'domains.rotateDkim()',
      method: 'POST',
      path: (id) => `${at(id)}/rotatedkim`,
      schema: DkimReading,
      idempotent: false,
    }),
  });
}
