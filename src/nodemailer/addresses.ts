import type { ValidationIssue } from '../errors/message-validation-error.js';
import type { Address } from '../model/types.js';
import {
  type MailboxReading,
  mailbox,
  readMailbox,
  splitAddressList,
} from '../postmark/address.js';
import { isPlainObject, ownValue } from '../utils/own.js';

/**
 * The addresses of one Nodemailer field, in every form it takes: `'a@b.c'`, a header-style
 * list in one string (`'Ada <a@b.c>, "Bob, Jr." <b@b.c>'`), `{ name, address }`, and arrays
 * of these, nested or not. Read with the SDK's grammar, as header text (`'wire'`: punctuation
 * in a name is quoted, as in a mail header, where an unquoted comma separates two
 * addresses). A bad address becomes an issue at `field[index]` and is left out.
 *
 * @example readAddresses(['Ada <ada@example.com>', { name: 'Bob', address: 'bob@example.com' }], 'to', issues)
 */
export function readAddresses(value: unknown, field: string, issues: ValidationIssue[]): Address[] {
  const found: Address[] = [];
  let index = 0;
  const keep = (reading: MailboxReading) => {
    const path = `${field}[${index++}]`;
    if (reading.ok) found.push(reading.mailbox);
    else issues.push({ path, code: reading.code, message: reading.problem });
  };
  const visit = (item: unknown) => {
    if (item === undefined || item === null || item === '') return;
    if (Array.isArray(item)) {
      for (const one of item) visit(one);
    } else if (typeof item === 'string') {
      for (const part of splitAddressList(item)) keep(readMailbox(part, 'wire'));
    } else if (isPlainObject(item) && ownValue(item, 'group') !== undefined) {
      issues.push({
        path: `${field}[${index++}]`,
        code: 'nodemailer.unsupported',
        message: 'Postmark takes no address groups: list the addresses themselves',
      });
    } else if (isPlainObject(item) && typeof ownValue(item, 'address') === 'string') {
      const name = ownValue(item, 'name');
      if (name !== undefined && name !== null && typeof name !== 'string') {
        issues.push({
          path: `${field}[${index++}]`,
          code: 'address.name',
          message: 'a display name must be a string',
        });
      } else {
        keep(mailbox((item.address as string).trim(), name || undefined));
      }
    } else {
      issues.push({
        path: `${field}[${index++}]`,
        code: 'address.type',
        message: 'an address must be a string or { name, address }',
      });
    }
  };
  visit(value);
  return found;
}
