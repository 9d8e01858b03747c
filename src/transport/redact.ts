// Shorter "tokens" (test fixtures such as 'x') would turn every matching letter of an error
// message into noise; real Postmark tokens are UUIDs.
const MIN_SECRET_LENGTH = 8;
const REDACTED = '[redacted]';

/** The text with every occurrence of the secret replaced. */
export function redactText(text: string, secret: string): string {
  return secret.length >= MIN_SECRET_LENGTH ? text.replaceAll(secret, REDACTED) : text;
}

/**
 * Whether the secret appears anywhere in a value: strings, own properties (hidden and
 * symbol-keyed ones too, where fetch implementations keep request headers), maps and sets.
 */
export function containsSecret(value: unknown, secret: string): boolean {
  if (secret.length < MIN_SECRET_LENGTH) return false;
  return search(value, secret, 8, new Set());
}

function search(value: unknown, secret: string, depth: number, seen: Set<object>): boolean {
  if (typeof value === 'string') return value.includes(secret);
  if (typeof value !== 'object' || value === null || depth === 0 || seen.has(value)) return false;
  seen.add(value);
  const next = (child: unknown) => search(child, secret, depth - 1, seen);
  if (value instanceof Map) {
    for (const [key, entry] of value) if (next(key) || next(entry)) return true;
  }
  if (value instanceof Set) {
    for (const entry of value) if (next(entry)) return true;
  }
  if (ArrayBuffer.isView(value)) return false;
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
