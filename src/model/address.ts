import { invalid } from '../errors/message-validation-error.js';
import { mailbox, type NameReading, readMailbox } from '../postmark/address.js';
import type { Address, AddressInput } from './types.js';

/**
 * Parses one address from any accepted form, or throws a `MessageValidationError` naming
 * where it sits (`from`, or `to[2]` for a field and an index) and what is wrong with it.
 * `reading` says whose text it is (see `NameReading`): the builder's callers write
 * `'input'`, Postmark JSON is `'wire'`. The path is spelled out only for an error, so a
 * valid address costs no string building.
 */
export function parseAddress(
  input: AddressInput,
  field: string,
  index?: number,
  reading: NameReading = 'input',
): Address {
  if (typeof input === 'string') return checked(readMailbox(input, reading), field, index);
  if (typeof input !== 'object' || input === null) {
    throw invalid(
      pathText(field, index),
      'address.type',
      'an address must be a string or { email, name }',
    );
  }
  // Own properties only: an inherited `email` or `name` (a polluted prototype) is not given.
  const email = Object.hasOwn(input, 'email') ? input.email : undefined;
  const name = Object.hasOwn(input, 'name') ? input.name : undefined;
  if (typeof email !== 'string') {
    throw invalid(
      pathText(field, index),
      'address.type',
      'an address object needs an email string',
    );
  }
  if (name !== undefined && typeof name !== 'string') {
    throw invalid(pathText(field, index), 'address.name', 'a display name must be a string');
  }
  return checked(mailbox(email.trim(), name), field, index);
}

function checked(
  reading: ReturnType<typeof readMailbox>,
  field: string,
  index: number | undefined,
): Address {
  if (!reading.ok) throw invalid(pathText(field, index), reading.code, reading.problem);
  return Object.freeze(reading.mailbox);
}

function pathText(field: string, index: number | undefined): string {
  return index === undefined ? field : `${field}[${index}]`;
}
