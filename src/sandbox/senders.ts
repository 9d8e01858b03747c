import { isEmailAddress } from '../postmark/address.js';
import { ENTITY_WORDING, ERROR_CODES } from '../postmark/error-codes.js';
import { DnsRecords } from './dns-records.js';
import { returnPathOf } from './domains.js';
import { isPlainObject, unprocessable } from './http.js';

/** A sender signature of the sandbox's account. */
export interface StoredSender {
  readonly id: number;
  readonly email: string;
  name: string;
  replyTo: string;
  note: string;
  /** The owner followed the confirmation link (in the sandbox: `confirmSender()`). */
  confirmed: boolean;
  readonly dns: DnsRecords;
}

const missing = () =>
  unprocessable(
    ERROR_CODES.senderFieldMissing,
    'You are missing a required field to create a Sender Signature: give both Name and FromEmail.',
  );
const invalid = (field: string, value: unknown) =>
  unprocessable(
    ERROR_CODES.senderFieldInvalid,
    `Value for field is invalid: ${field} '${String(value)}' is not an email address.`,
  );

/** The account's sender signatures (the Sender Signatures API). */
export class SenderStore {
  readonly #senders = new Map<number, StoredSender>();
  #nextId = 1;

  list(): StoredSender[] {
    return [...this.#senders.values()];
  }

  /** The signature with the path's id; 501 when there is none. */
  get(raw: string): StoredSender {
    const sender = /^\d+$/.test(raw) ? this.#senders.get(Number(raw)) : undefined;
    if (sender === undefined)
      throw unprocessable(ERROR_CODES.senderNotFound, ENTITY_WORDING.senderNotFound(raw));
    return sender;
  }

  create(json: unknown, now: number): StoredSender {
    const fields = isPlainObject(json) ? json : {};
    const { FromEmail: email, Name: name } = fields;
    if (typeof email !== 'string' || email === '' || typeof name !== 'string' || name.trim() === '')
      throw missing();
    if (!isEmailAddress(email)) throw invalid('FromEmail', email);
    if (this.list().some((sender) => sender.email.toLowerCase() === email.toLowerCase()))
      throw unprocessable(ERROR_CODES.senderExists, ENTITY_WORDING.senderExists(email));
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const sender: StoredSender = {
      id: this.#nextId++,
      email,
      name,
      replyTo: '',
      note: '',
      confirmed: false,
      dns: new DnsRecords(domain, returnPathOf(domain, fields.ReturnPathDomain), now, true),
    };
    this.edit(sender, { ...fields, Name: undefined, ReturnPathDomain: undefined });
    this.#senders.set(sender.id, sender);
    return sender;
  }

  /** Changes Name, ReplyToEmail, ReturnPathDomain, ConfirmationPersonalNote (all or nothing). */
  edit(sender: StoredSender, json: unknown): void {
    const fields = isPlainObject(json) ? json : {};
    const { Name: name, ReplyToEmail: replyTo, ConfirmationPersonalNote: note } = fields;
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) throw missing();
    if (
      replyTo !== undefined &&
      replyTo !== '' &&
      (typeof replyTo !== 'string' || !isEmailAddress(replyTo))
    )
      throw invalid('ReplyToEmail', replyTo);
    if (fields.ReturnPathDomain !== undefined)
      sender.dns.returnPath = returnPathOf(this.#domainOf(sender), fields.ReturnPathDomain);
    if (typeof name === 'string') sender.name = name;
    if (typeof replyTo === 'string') sender.replyTo = replyTo;
    if (typeof note === 'string') sender.note = note;
  }

  remove(sender: StoredSender): void {
    this.#senders.delete(sender.id);
  }

  /** Whether `email` is a confirmed signature's address. */
  confirmedFor(email: string): boolean {
    const folded = email.toLowerCase();
    return this.list().some((sender) => sender.confirmed && sender.email.toLowerCase() === folded);
  }

  #domainOf(sender: StoredSender): string {
    return sender.email.slice(sender.email.lastIndexOf('@') + 1);
  }
}

/** A sender signature as GET /senders lists it. */
export function senderSummary(sender: StoredSender): Record<string, unknown> {
  return {
    ID: sender.id,
    Name: sender.name,
    EmailAddress: sender.email,
    Domain: sender.email.slice(sender.email.lastIndexOf('@') + 1),
    ReplyToEmailAddress: sender.replyTo,
    Confirmed: sender.confirmed,
  };
}

/** A sender signature as GET /senders/{id} answers it, with its domain's DNS records. */
export function senderDetails(sender: StoredSender): Record<string, unknown> {
  return {
    ...senderSummary(sender),
    ...sender.dns.json(),
    ConfirmationPersonalNote: sender.note,
  };
}
