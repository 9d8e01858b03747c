import { controlIn } from './text.js';

// The address grammar, once, for the builder, Message.fromJSON() and the sandbox.
//
// A pragmatic RFC 5321/5322 subset, chosen so that nothing it accepts is refused by Postmark:
// a dot-atom local part (at most 64 characters), a domain of two or more labels, at most
// 254 characters in all; non-ASCII letters are allowed for internationalised addresses.
// Quoted local parts (`"john doe"@example.com`) and address literals (`a@[127.0.0.1]`) are
// valid RFC 5322 but refused: Postmark does not say it takes them, and the conservative
// reading never lets through what it may reject.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u00a0-\\uffff]+";
const LABEL =
  '[A-Za-z0-9\\u00a0-\\uffff](?:[A-Za-z0-9\\-\\u00a0-\\uffff]*[A-Za-z0-9\\u00a0-\\uffff])?';
const EMAIL = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`);

const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);

export const MAX_EMAIL_LENGTH = 254;

/** The most characters a domain name may have (RFC 1035, without the final dot). */
export const MAX_DOMAIN_LENGTH = 253;
export const MAX_LOCAL_PART_LENGTH = 64;

/** Whether `email` is a bare address the grammar above accepts. */
export function isEmailAddress(email: string): boolean {
  return (
    email.length <= MAX_EMAIL_LENGTH &&
    email.lastIndexOf('@') <= MAX_LOCAL_PART_LENGTH &&
    EMAIL.test(email)
  );
}

/**
 * Whether `domain` is a domain name as the address grammar reads the part after the `@`: two
 * or more labels (`example.com`, `mail.example.co.uk`), at most 253 characters.
 *
 * @example isDomainName('example.com') // true; isDomainName('localhost') // false
 */
export function isDomainName(domain: string): boolean {
  return domain.length <= MAX_DOMAIN_LENGTH && DOMAIN.test(domain);
}

/** A parsed mailbox: the address, and the display name when there is one. */
export interface Mailbox {
  readonly email: string;
  readonly name?: string;
}

/**
 * How strictly to read a display name. `'input'` is what a caller types into the builder:
 * `Bob, Jr. <bob@example.com>` is meant as one name, and the SDK quotes it when it writes
 * the JSON. `'wire'` is Postmark's JSON, where punctuation in a name must be quoted (as
 * Postmark asks), so an unquoted `Bob: <bob@example.com>` is refused.
 */
export type NameReading = 'input' | 'wire';

export type MailboxReading =
  | { readonly ok: true; readonly mailbox: Mailbox }
  | {
      readonly ok: false;
      readonly problem: string;
      readonly code: 'address.invalid' | 'address.name';
    };

// What an unquoted display name may not hold on the wire: RFC 5322's specials but `.`,
// which mail clients write unquoted ("Ada L.") and Postmark takes.
const WIRE_NAME_SPECIALS = /[()<>[\]:;@\\,"]/;

/**
 * Reads `a@b.c` or `Name <a@b.c>` (the name may be quoted: `"Bob, Jr." <b@x.y>`). The address
 * is between the last `<` and a final `>`. An unquoted name holding `<`, `>` or `"` is refused
 * in both readings: `Evil <attacker@evil.test> <victim@example.com>` must not pass as a name
 * on the victim's address. A name may not hold control characters.
 *
 * @example readMailbox('"Bob, Jr." <bob@example.com>', 'wire') // { ok: true, mailbox: { email: 'bob@example.com', name: 'Bob, Jr.' } }
 */
export function readMailbox(text: string, reading: NameReading): MailboxReading {
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf('<');
  const close = trimmed.length - 1;
  if (open < 0 || trimmed.indexOf('>', open) !== close) return mailbox(trimmed, undefined);
  const rawName = trimmed.slice(0, open).trim();
  const email = trimmed.slice(open + 1, close).trim();
  if (rawName === '') return mailbox(email, undefined);
  const name = readName(rawName, reading);
  if (name === undefined) {
    return {
      ok: false,
      code: 'address.name',
      problem:
        reading === 'wire'
          ? `the display name ${JSON.stringify(rawName)} holds punctuation and must be quoted, as in "\\"Bob, Jr.\\" <bob@example.com>"`
          : `the display name ${JSON.stringify(rawName)} holds <, > or an unpaired quote: quote it, or pass { email, name }`,
    };
  }
  return mailbox(email, name);
}

/** A mailbox from its parts (`{ email, name }` objects): the same checks as the text form. */
export function mailbox(email: string, name: string | undefined): MailboxReading {
  if (!isEmailAddress(email)) {
    const hint = email.includes(',') ? ' (pass several addresses as separate arguments)' : '';
    return {
      ok: false,
      code: 'address.invalid',
      problem: `${JSON.stringify(email)} is not a valid email address${hint}`,
    };
  }
  if (name !== undefined) {
    const control = controlIn(name);
    if (control) {
      return {
        ok: false,
        code: 'address.name',
        problem: `a display name must not hold ${control}`,
      };
    }
  }
  const clean = name?.trim();
  return { ok: true, mailbox: clean ? { email, name: clean } : { email } };
}

function readName(raw: string, reading: NameReading): string | undefined {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    const inner = raw.slice(1, -1);
    // An unescaped quote inside means the quoting was broken, not closed.
    if (/(^|[^\\])(\\\\)*"/.test(inner)) return undefined;
    return inner.replace(/\\(.)/g, '$1');
  }
  if (/[<>"]/.test(raw)) return undefined;
  if (reading === 'wire' && WIRE_NAME_SPECIALS.test(raw)) return undefined;
  return raw;
}

// Characters that RFC 5322 does not allow unquoted in a display name, by char code.
const SPECIALS = new Set([...'()<>[]:;@\\,."'].map((char) => char.charCodeAt(0)));

/** The mailbox as Postmark reads it: the name quoted and escaped when its punctuation demands. */
export function formatMailbox(address: Mailbox): string {
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

/** Splits a comma-separated list as Postmark reads one, keeping commas inside quotes and <>. */
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
    if (char === '"' && !angled) quoted = !quoted;
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

/**
 * The bare addresses of a list as Postmark writes one (in its answers' `To`), lower-cased:
 * `"Bob, Jr." <Bob@example.com>, ada@example.com` → `['bob@example.com', 'ada@example.com']`.
 */
export function emailsOf(list: string): string[] {
  return splitAddressList(list).map(emailOf);
}

/** The bare address of one mailbox of such a list, lower-cased: `Ada <Ada@x.y>` → `ada@x.y`. */
export function emailOf(mailbox: string): string {
  const part = mailbox.trim();
  const open = part.lastIndexOf('<');
  const close = part.lastIndexOf('>');
  return (open >= 0 && close > open ? part.slice(open + 1, close) : part).trim().toLowerCase();
}
