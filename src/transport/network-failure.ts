// Error codes that mean the connection never opened, so no byte of the request reached
// Postmark. Anything else (ECONNRESET, a socket closed mid-answer, a TLS error after the
// handshake) is ambiguous: the request may have been read and carried out.
const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True only when the error certainly happened before the request was written. Undici (Node)
 * throws `TypeError('fetch failed')` with the system error as `cause`; the first `code` found
 * down the cause chain decides. An AggregateError (one attempt per address) counts only when
 * every attempt never connected. Anything unknown counts as "may have been sent".
 */
export function neverLeft(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return NEVER_SENT_CODES.has(code);
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) return errors.every(neverLeft);
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A short reason for an error message: the innermost cause's code and message. */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(
      typeof code === 'string' && !current.message.includes(code)
        ? `${current.message} (${code})`
        : current.message,
    );
    current = current.cause;
  }
  return parts.filter((part) => part !== '').join(': ') || String(error);
}

/** Ky wraps fetch's own error in its NetworkError, whose `request` holds our headers: unwrap it. */
export function unwrapKyError(error: unknown): unknown {
  if (
    error instanceof Error &&
    (error as { isKyError?: unknown }).isKyError === true &&
    error.cause !== undefined
  ) {
    return error.cause;
  }
  return error;
}
