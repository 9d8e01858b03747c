import { PostmarkSenderListSchema, PostmarkSenderSchema } from '../../schemas/account.js';
import { PostmarkDeletedSchema } from '../../schemas/templates.js';
import * as v from '../../schemas/v.js';
import { type Client, pathTo, type RequestOptions } from '../../transport/client.js';
import { camelize } from '../camel.js';
import { type Confirmation, ConfirmationReading } from '../confirmation.js';
import { anyText, email, field, text } from '../fields.js';
import type { PageFilter } from '../filters.js';
import { reading } from '../read.js';
import { pagedSearch } from '../requests.js';
import { bodyCall, idBodyCall, idCall } from './calls.js';
import { type DomainDetails, domainName } from './domains.js';

/** A sender signature as the list shows it. */
export interface SenderSummary {
  readonly id: number;
  readonly name?: string;
  readonly emailAddress: string;
  readonly domain?: string;
  readonly replyToEmailAddress?: string;
  /** The address's owner clicked the confirmation link Postmark sent. */
  readonly confirmed?: boolean;
}

/** A sender signature with its domain's DNS records. */
export interface SenderDetails extends SenderSummary, Omit<DomainDetails, 'id' | 'name'> {
  readonly confirmationPersonalNote?: string;
}

export interface SenderList {
  readonly totalCount: number;
  readonly senderSignatures: readonly SenderSummary[];
}

/** A new sender signature: Postmark emails `fromEmail` a link to confirm it. */
export interface SenderInput {
  readonly fromEmail: string;
  /** The From name shown with the address. */
  readonly name: string;
  readonly replyToEmail?: string;
  /** A custom Return-Path domain: a subdomain of the address's domain. */
  readonly returnPathDomain?: string;
  /** Words added to the confirmation email. */
  readonly confirmationPersonalNote?: string;
}

/** What `senders.edit()` may change (the address is fixed). */
export type SenderChanges = Partial<Omit<SenderInput, 'fromEmail'>>;

/**
 * The sender signatures of the account: `account.senders`.
 *
 * @example
 * const sender = await account.senders.create({ fromEmail: 'news@example.com', name: 'Example News' });
 * await account.senders.resendConfirmation(sender.id);
 */
export interface SendersApi {
  /** One page of sender signatures. @example await account.senders.list(); */
  list(filter?: PageFilter, options?: RequestOptions): Promise<SenderList>;
  /** Every sender signature. @example for await (const s of account.senders.all()) console.log(s.emailAddress); */
  all(
    filter?: PageFilter,
    options?: RequestOptions,
  ): AsyncGenerator<SenderSummary, void, undefined>;
  /** One sender signature. @example await account.senders.get(7); */
  get(id: number, options?: RequestOptions): Promise<SenderDetails>;
  /** Adds a sender signature; Postmark emails the address to confirm it. @example await account.senders.create({ fromEmail: 'news@example.com', name: 'News' }); */
  create(sender: SenderInput, options?: RequestOptions): Promise<SenderDetails>;
  /** Changes a sender signature. @example await account.senders.edit(7, { replyToEmail: 'help@example.com' }); */
  edit(id: number, changes: SenderChanges, options?: RequestOptions): Promise<SenderDetails>;
  /** Removes a sender signature. @example await account.senders.delete(7); */
  delete(id: number, options?: RequestOptions): Promise<Confirmation>;
  /**
   * Sends the confirmation email again (ErrorCode 506 once confirmed). It sends mail, so it is
   * never repeated once it may have been carried out.
   * @example await account.senders.resendConfirmation(7);
   */
  resendConfirmation(id: number, options?: RequestOptions): Promise<Confirmation>;
  /** Checks the SPF record of the signature's domain. @example (await account.senders.verifySpf(7)).spfVerified */
  verifySpf(id: number, options?: RequestOptions): Promise<SenderDetails>;
  /**
   * Asks for a new DKIM key for the signature's domain. Postmark's reference answers
   * `{ ErrorCode, Message }`, the official client reads the signature: either comes back
   * (tell them apart with `'id' in answer`).
   * @example await account.senders.requestNewDkim(7);
   */
  requestNewDkim(id: number, options?: RequestOptions): Promise<SenderDetails | Confirmation>;
}

const CHANGES = {
  name: field('Name', text),
  replyToEmail: field('ReplyToEmail', email),
  returnPathDomain: field('ReturnPathDomain', domainName),
  confirmationPersonalNote: field('ConfirmationPersonalNote', anyText),
};
const NEW = {
  ...CHANGES,
  fromEmail: field('FromEmail', email, true),
  // Postmark: "When creating a Sender Signature, you must supply a value for Name and FromEmail."
  name: field('Name', text, true),
};

const ListReading = reading(PostmarkSenderListSchema, (raw) => camelize<SenderList>(raw));
const SenderReading = reading(PostmarkSenderSchema, (raw) => camelize<SenderDetails>(raw));
// A signature has an ID; `{ ErrorCode: 0, Message }` has none.
const DkimRequestReading = reading(
  v.union([PostmarkSenderSchema, PostmarkDeletedSchema]),
  (raw): SenderDetails | Confirmation =>
    'ID' in raw
      ? camelize<SenderDetails>(raw)
      : Object.freeze({ message: (raw as { Message?: string | null }).Message ?? '' }),
);

/** The Sender Signatures API over `client` (an account token's). @example const senders = createSendersApi(client); */
export function createSendersApi(client: Client): SendersApi {
  const { page, all } = pagedSearch<PageFilter, SenderSummary, SenderList>(client, {
    path: '/senders',
    rules: {},
    schema: ListReading,
    items: (list) => list.senderSignatures,
    names: ['senders.list()', 'senders.all()'],
  });
  const at = (id: number) => pathTo`/senders/${id}`;
  return Object.freeze({
    list: page,
    all,
    get: idCall(client, {
      what: 'senders.get()',
      method: 'GET',
      path: at,
      schema: SenderReading,
      idempotent: true,
    }),
    create: bodyCall<SenderInput, SenderDetails>(client, '/senders', {
      what: 'senders.create()',
      method: 'POST',
      fields: NEW,
      example: "{ fromEmail: 'news@example.com', name: 'News' }",
      schema: SenderReading,
      idempotent: false,
    }),
    edit: idBodyCall<SenderChanges, SenderDetails>(client, at, {
      what: 'senders.edit()',
      method: 'PUT',
      fields: CHANGES,
      example: "{ name: 'News' }",
      schema: SenderReading,
      idempotent: false,
    }),
    delete: idCall(client, {
      what: 'senders.delete()',
      method: 'DELETE',
      path: at,
      schema: ConfirmationReading,
      idempotent: false,
    }),
    resendConfirmation: idCall(client, {
      what: 'senders.resendConfirmation()',
      method: 'POST',
      path: (id) => `${at(id)}/resend`,
      schema: ConfirmationReading,
      idempotent: false,
    }),
    verifySpf: idCall(client, {
      what: 'senders.verifySpf()',
      method: 'POST',
      path: (id) => `${at(id)}/verifyspf`,
      schema: SenderReading,
      idempotent: true,
    }),
    requestNewDkim: idCall(client, {
      what: 'senders.requestNewDkim()',
      method: 'POST',
      path: (id) => `${at(id)}/requestnewdkim`,
      schema: DkimRequestReading,
      idempotent: false,
    }),
  });
}
