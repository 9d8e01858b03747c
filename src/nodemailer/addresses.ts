import type { ValidationIssue } from '../errors/message-validation-error.js';
import type { Address } from '../model/types.js';
import { type MailboxReading, mailbox } from '../postmark/address.js';
import { isPlainObject, ownValue } from '../utils/own.js';
import type { NodemailerAddress, NodemailerMail } from './types.js';

/** Nodemailer's reading of one address value: a string, or `{ name, address }`. */
export type AddressParser = (value: string | Record<string, unknown>) => NodemailerAddress[];

/**
 * The address parser of the Nodemailer that compiled `mail`: the one it writes the From,
 * To, Cc, Bcc and Reply-To headers and the SMTP envelope with. Reading with it, rather than
 * with a grammar of our own, sends what that Nodemailer would send: `'a@x.y; b@x.y'` is two
 * addresses, `'app@x.y (App)'` is one named App, and `'Smith, John <j@x.y>'` is one named
 * "Smith, John" for Nodemailer 10, two (the first without an address) for Nodemailer 6.
 * `_parseAddresses` is marked internal, but Nodemailer 6 to 10 all have it and call it on
 * the message's fields themselves (MailMessage.resolveAll).
 */
export function addressParser(mail: NodemailerMail): AddressParser {
  const parse = mail.message?._parseAddresses;
  if (typeof parse !== 'function') {
    throw new TypeError(
      'the transport reads addresses with the Nodemailer that compiled the message (mail.message): send through transporter.sendMail()',
    );
  }
  return (value) => parse.call(mail.message, value);
}

/**
 * The addresses of one Nodemailer field, in every form it takes: `'a@b.c'`, a list in one
 * string (`'Ada <a@b.c>, bob@b.c; "Bob, Jr." <b@b.c>'`), `{ name, address }`, and arrays of
 * these, nested or not; each read by `parse` (Nodemailer's own parser) and then checked with
 * the SDK's grammar. A bad address becomes an issue at `field[index]`, counting the
 * addresses as Nodemailer reads them, and is left out.
 *
 * @example readAddresses(['Ada <ada@example.com>', { name: 'Bob', address: 'bob@example.com' }], 'to', issues, addressParser(mail))
 */
export function readAddresses(
  value: unknown,
  field: string,
  issues: ValidationIssue[],
  parse: AddressParser,
): Address[] {
  const found: Address[] = [];
  let index = 0;
  const problem = (code: string, message: string) =>
    issues.push({ path: `${field}[${index++}]`, code, message });
  const keep = (reading: MailboxReading) => {
    if (reading.ok) {
      found.push(reading.mailbox);
      index++;
    } else {
      problem(reading.code, reading.problem);
    }
  };
  const read = (parsed: NodemailerAddress) => {
    if (parsed.group !== undefined) {
      problem('nodemailer.unsupported', GROUPS);
    } else if (!parsed.address) {
      problem(
        'address.invalid',
        `Nodemailer reads ${JSON.stringify(parsed.name ?? '')} as a display name without an address`,
      );
    } else {
      keep(mailbox(parsed.address, parsed.name || undefined));
    }
  };
  const visit = (item: unknown) => {
    if (item === undefined || item === null || item === '') return;
    if (Array.isArray(item)) {
      for (const one of item) visit(one);
    } else if (typeof item === 'string') {
      for (const parsed of parse(item)) read(parsed);
    } else if (isPlainObject(item) && ownValue(item, 'group') !== undefined) {
      problem('nodemailer.unsupported', GROUPS);
    } else if (isPlainObject(item) && typeof ownValue(item, 'address') === 'string') {
      const name = ownValue(item, 'name');
      if (name !== undefined && name !== null && typeof name !== 'string') {
        problem('address.name', 'a display name must be a string');
      } else if ((item.address as string).trim() === '') {
        keep(mailbox('', undefined));
      } else {
        for (const parsed of parse({ address: item.address, name: name ?? '' })) read(parsed);
      }
    } else {
      problem('address.type', 'an address must be a string or { name, address }');
    }
  };
  visit(value);
  return found;
}

const GROUPS = 'Postmark takes no address groups: list the addresses themselves';
