import { invalid } from '../errors/message-validation-error.js';
import { hasLineBreak } from './line-break.js';
import type { Header } from './types.js';

// RFC 5322 field name: printable ASCII except colon and space.
const FIELD_NAME = /^[!-9;-~]+$/;

/** Checks a custom header; CR or LF would let a value smuggle in headers of its own. */
export function makeHeader(name: string, value: string, path: string): Header {
  if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
    throw invalid(
      `${path}.name`,
      'header.name',
      `"${String(name)}" is not a valid header name (printable ASCII, no spaces or colons)`,
    );
  }
  if (typeof value !== 'string') {
    throw invalid(
      `${path}.value`,
      'header.value',
      `the value of header "${name}" must be a string`,
    );
  }
  if (hasLineBreak(value)) {
    throw invalid(
      `${path}.value`,
      'header.crlf',
      `the value of header "${name}" must not contain CR or LF`,
    );
  }
  return Object.freeze({ name, value });
}

export function sameHeaderName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
