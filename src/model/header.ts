import { invalid } from '../errors/message-validation-error.js';
import { controlIn, isHeaderName } from '../postmark/text.js';
import type { Header } from './types.js';

/** Checks a custom header; a CR or LF in it would let a value smuggle in headers of its own. */
export function makeHeader(name: unknown, value: unknown, path: string): Header {
  if (typeof name !== 'string' || !isHeaderName(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name) : `a ${typeof name}`;
    throw invalid(
      `${path}.name`,
      'header.name',
      `${shown} is not a valid header name (printable ASCII, no spaces or colons)`,
    );
  }
  if (typeof value !== 'string') {
    throw invalid(
      `${path}.value`,
      'header.value',
      `the value of header "${name}" must be a string`,
    );
  }
  const control = controlIn(value);
  if (control) {
    throw invalid(
      `${path}.value`,
      'header.crlf',
      `the value of header "${name}" must not hold ${control}`,
    );
  }
  return Object.freeze({ name, value });
}

export function sameHeaderName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
