import { guardFor, PostmarkError } from './postmark-error.js';

/** One broken rule: where (`path`, e.g. `to[3]` or `attachments[0].name`), which rule, and why. */
export interface ValidationIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * A message breaks a client-side rule. No request was made.
 *
 * @example
 * try { Message.to('not an address'); } catch (e) { if (isMessageValidationError(e)) e.issues; }
 */
export class MessageValidationError extends PostmarkError {
  override name = 'MessageValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(describe(issues));
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

export const isMessageValidationError = guardFor<MessageValidationError>('MessageValidationError');

function describe(issues: readonly ValidationIssue[]): string {
  if (issues.length === 1) return `${issues[0]?.path}: ${issues[0]?.message}`;
  return `${issues.length} problems: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
}

/** Shorthand for the common case of a single broken rule. */
export function invalid(path: string, code: string, message: string): MessageValidationError {
  return new MessageValidationError([{ path, code, message }]);
}
