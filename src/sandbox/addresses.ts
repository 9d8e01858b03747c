import type { Problem } from './http.js';

/** One parsed address: `email` as written, `name` empty when none was given. */
export interface Address {
  readonly email: string;
  readonly name: string;
}

export type ParsedAddresses =
  | { readonly ok: true; readonly addresses: readonly Address[] }
  | { readonly ok: false; readonly problem: Problem };

// Deliberately loose: Postmark's own parser is lenient, and the sandbox must not reject what
// Postmark accepts. It still refuses what no mail server takes (no '@', spaces, brackets).
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;
// Characters an unquoted display name may not hold: Postmark asks for punctuation in a name
// to be quoted, so `Bob, Jr. <b@x.y>` must arrive as `"Bob, Jr." <b@x.y>`.
const NAME_SPECIALS = /[()<>[\]:;@\\",]/;

/**
 * Parses a comma-separated address field (`To`, `Cc`, `Bcc`, `ReplyTo`, `From`) the way
 * Postmark reads it: commas inside quotes or angle brackets do not split.
 *
 * @example
 * parseAddressList('To', '"Bob, Jr." <bob@example.com>, ada@example.com');
 * // { ok: true, addresses: [{ email: 'bob@example.com', name: 'Bob, Jr.' }, { email: 'ada@example.com', name: '' }] }
 */
export function parseAddressList(field: string, value: string): ParsedAddresses {
  const addresses: Address[] = [];
  for (const part of splitList(value)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const address = parseOne(trimmed);
    if (address === undefined) {
      const hint = trimmed.includes('@') ? '' : " It must contain the '@' symbol.";
      return {
        ok: false,
        problem: {
          errorCode: 300,
          message: `Error parsing '${field}': Illegal email address '${trimmed}'.${hint}`,
        },
      };
    }
    addresses.push(address);
  }
  return { ok: true, addresses };
}

function splitList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] as string;
    if (quoted && char === '\\') {
      current += char + (value[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (char === '"' && !angled) quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if (char === ',' && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function parseOne(text: string): Address | undefined {
  const bracketed = /^(.*?)\s*<([^<>]*)>$/s.exec(text);
  if (bracketed === null) return EMAIL.test(text) ? { email: text, name: '' } : undefined;
  const email = (bracketed[2] ?? '').trim();
  const name = parseName((bracketed[1] ?? '').trim());
  if (name === undefined || !EMAIL.test(email)) return undefined;
  return { email, name };
}

function parseName(raw: string): string | undefined {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    const inner = raw.slice(1, -1);
    // An unescaped quote inside means the quoting was broken, not closed.
    if (/(^|[^\\])"/.test(inner)) return undefined;
    return inner.replace(/\\(.)/g, '$1');
  }
  return NAME_SPECIALS.test(raw) ? undefined : raw;
}
