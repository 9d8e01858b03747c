// A registered symbol survives crossing realms (iframes, vm contexts, duplicated bundles),
// where `instanceof` does not.
const BRAND = Symbol.for('postmark-fluent.error');

/**
 * The base of every error this SDK throws.
 *
 * @example
 * try { await mailer.send(message); } catch (error) { if (isPostmarkError(error)) log(error.name); }
 */
export class PostmarkError extends Error {
  // Set explicitly: a minifier renames classes, so `constructor.name` is not a stable name.
  override name = 'PostmarkError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for any error of this SDK, even one from another copy of it or another realm. */
export function isPostmarkError(value: unknown): value is PostmarkError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

/** Builds a guard that recognises an error class by its brand and its `name`. */
export function guardFor<T extends PostmarkError>(
  ...names: string[]
): (value: unknown) => value is T {
  return (value: unknown): value is T => isPostmarkError(value) && names.includes(value.name);
}
