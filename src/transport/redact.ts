// Keeping the token out of everything an error or a log holds. A token can come back in
// more forms than it was sent in: a proxy or a test server may echo it upper-cased, a JSON
// answer may escape any of its characters (`\u002d` for `-`), a URL may percent-encode them.
// Tokens are at least MIN_TOKEN_LENGTH characters (src/postmark/answers.ts, checked where
// they are given), so that matching them never turns ordinary words into noise.
const REDACTED = '[redacted]';

const patterns = new Map<string, RegExp>();

/**
 * The secret in any form it may come back in: each character as itself, in either case,
 * as a JSON escape (`\u002D`) or percent-encoded (`%2D`).
 */
export function secretPattern(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (pattern === undefined) {
    const source = [...secret]
      .map((char) => {
        const code = char.charCodeAt(0);
        const hex = code.toString(16).padStart(2, '0');
        const literal = char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        return `(?:${literal}|\\\\u${hex.padStart(4, '0')}|%${hex})`;
      })
      .join('');
    pattern = new RegExp(source, 'gi');
    patterns.set(secret, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** The text with every occurrence of the secret, in any of its forms, replaced. */
export function redactText(text: string, secret: string): string {
  return text.replace(secretPattern(secret), REDACTED);
}

function holds(text: string, secret: string): boolean {
  return secretPattern(secret).test(text);
}

/**
 * Whether the secret appears anywhere in a value: strings, own properties (hidden and
 * symbol-keyed ones too, where fetch implementations keep request headers), maps and sets,
 * and what an object shows through `entries()` or `headers` (a `Headers` object keeps its
 * entries out of sight of its own properties, and `util.inspect` prints them).
 */
export function containsSecret(value: unknown, secret: string): boolean {
  return search(value, secret, 8, new Set());
}

function search(value: unknown, secret: string, depth: number, seen: Set<object>): boolean {
  if (typeof value === 'string') return holds(value, secret);
  if (typeof value !== 'object' || value === null || depth === 0 || seen.has(value)) return false;
  seen.add(value);
  const next = (child: unknown) => search(child, secret, depth - 1, seen);
  if (ArrayBuffer.isView(value)) return false;
  try {
    if (typeof (value as { entries?: unknown }).entries === 'function' && !Array.isArray(value)) {
      for (const entry of (value as { entries(): Iterable<unknown> }).entries())
        if (next(entry)) return true;
    }
    if (value instanceof Set) for (const entry of value) if (next(entry)) return true;
    if (!Object.hasOwn(value, 'headers') && 'headers' in value) {
      if (next((value as { headers?: unknown }).headers)) return true;
    }
  } catch {
    return true; // what cannot be looked at cannot be shown to hold nothing
  }
  for (const key of Reflect.ownKeys(value)) {
    let child: unknown;
    try {
      child = Reflect.get(value, key);
    } catch {
      continue; // a throwing getter holds nothing we could leak
    }
    if (next(child)) return true;
  }
  return false;
}

/**
 * The error itself when it does not hold the secret; otherwise a plain copy that keeps its
 * name, message, `code` and cause chain, with the secret redacted and everything else
 * (request objects, headers, sockets) dropped.
 */
export function scrubError(error: unknown, secret: string): unknown {
  if (!containsSecret(error, secret)) return error;
  if (typeof error === 'string') return redactText(error, secret);
  if (!(error instanceof Error))
    return new Error('an error that held the server token (details removed)');
  const copy = new Error(redactText(error.message, secret), {
    cause: error.cause === undefined ? undefined : scrubError(error.cause, secret),
  });
  copy.name = error.name;
  copy.stack = redactText(error.stack ?? '', secret);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  return copy;
}
