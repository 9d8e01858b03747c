import { invalid } from '../errors/message-validation-error.js';
import { hasLineBreak } from './line-break.js';
import type { Address, AddressInput } from './types.js';

// Pragmatic RFC 5321/5322 checks: a dot-atom or quoted local part, a domain of at least two
// labels (or an address literal). Non-ASCII is allowed for internationalised addresses.
const LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+";
const LOCAL = `(?:${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*|"(?:[^"\\\\\\r\\n]|\\\\.)*")`;
const LABEL =
  '[A-Za-z0-9\\u0080-\\uFFFF](?:[A-Za-z0-9\\-\\u0080-\\uFFFF]*[A-Za-z0-9\\u0080-\\uFFFF])?';
const DOMAIN = `(?:${LABEL}(?:\\.${LABEL})+|\\[[^\\]\\s]+\\])`;
const EMAIL = new RegExp(`^${LOCAL}@${DOMAIN}$`);

// Characters that RFC 5322 does not allow unquoted in a display name, by char code.
const SPECIALS = new Set([...'()<>[]:;@\\,."'].map((char) => char.charCodeAt(0)));

/**
 * Parses one address from any accepted form, or throws a `MessageValidationError` naming
 * where it sits (`from`, or `to[2]` for a field and an index) and what is wrong with it.
 * The path is spelled out only for an error, so a valid address costs no string building.
 */
export function parseAddress(input: AddressInput, field: string, index?: number): Address {
  if (typeof input === 'string') return parseAddressString(input, field, index);
  if (typeof input !== 'object' || input === null || typeof input.email !== 'string') {
    throw invalid(
      pathText(field, index),
      'address.type',
      'an address must be a string or { email, name }',
    );
  }
  return makeAddress(input.email.trim(), input.name, field, index);
}

function pathText(field: string, index: number | undefined): string {
  return index === undefined ? field : `${field}[${index}]`;
}

// `Name <email>`: the address is between the last `<` and a final `>` with neither between.
// Index arithmetic rather than a regular expression: every to() and from() runs this.
function parseAddressString(text: string, field: string, index: number | undefined): Address {
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf('<');
  const close = trimmed.length - 1;
  if (open < 0 || trimmed.indexOf('>', open) !== close)
    return makeAddress(trimmed, undefined, field, index);
  const name = unquote(trimmed.slice(0, open).trim());
  return makeAddress(trimmed.slice(open + 1, close).trim(), name, field, index);
}

function makeAddress(
  email: string,
  name: string | undefined,
  field: string,
  index: number | undefined,
): Address {
  if (email.length > 254 || email.lastIndexOf('@') > 64 || !EMAIL.test(email)) {
    const hint = email.includes(',') ? ' (pass several addresses as separate arguments)' : '';
    throw invalid(
      pathText(field, index),
      'address.invalid',
      `"${email}" is not a valid email address${hint}`,
    );
  }
  if (name !== undefined && hasLineBreak(name)) {
    throw invalid(
      pathText(field, index),
      'address.name',
      'a display name must not contain line breaks',
    );
  }
  const cleanName = name?.trim();
  return Object.freeze(cleanName ? { email, name: cleanName } : { email });
}

function unquote(name: string): string {
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    return name.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return name;
}

/** The address as Postmark reads it: the name quoted and escaped when its punctuation demands. */
export function formatAddress(address: Address): string {
  const { email, name } = address;
  if (!name) return email;
  return `${needsQuotes(name) ? quote(name) : name} <${email}>`;
}

// A loop over char codes, not a regular expression: every toJSON() formats every address.
function needsQuotes(name: string): boolean {
  if (name.trim().length !== name.length) return true; // a space at either end
  for (let i = 0; i < name.length; i++) if (SPECIALS.has(name.charCodeAt(i))) return true;
  return false;
}

function quote(name: string): string {
  const escaped = name.includes('"') || name.includes('\\') ? name.replace(/[\\"]/g, '\\$&') : name;
  return `"${escaped}"`;
}

/** Splits a comma-separated list as Postmark sends it, keeping commas inside quotes and <>. */
export function splitAddressList(list: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (let i = 0; i < list.length; i++) {
    const char = list[i] as string;
    if (char === '\\' && quoted) {
      current += char + (list[++i] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angled = true;
    else if (!quoted && char === '>') angled = false;
    if (char === ',' && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}
