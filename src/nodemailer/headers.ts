import {
  isMessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { makeHeader, sameHeaderName } from '../model/header.js';
import type { Header } from '../model/types.js';
import { isPlainObject, ownValue } from '../utils/own.js';
import { isGiven } from './fields.js';

/** A header to send, and the path that names it in an issue. */
interface Given {
  readonly name: string;
  readonly value: unknown;
  readonly path: string;
}

/**
 * The custom headers of a Nodemailer message, checked as the builder checks them: its
 * `headers` in every form Nodemailer takes (`{ 'X-Key': 'v' }` with values that may be
 * strings, numbers, one-value lists or `{ prepared, value }`, `[{ key, value }]`, one
 * `{ key, value }`), then the headers Nodemailer derives from fields (In-Reply-To,
 * References, Message-ID, the priority headers, X-Mailer). A Postmark message holds one
 * header of each name, so a name given twice, or a list of two or more values, is an issue rather
 * than one of them dropped. Empty values are skipped, as Nodemailer skips them.
 */
export function readHeaders(data: Record<string, unknown>, issues: ValidationIssue[]): Header[] {
  const given = [
    ...customHeaders(ownValue(data, 'headers'), issues),
    ...fieldHeaders(data, issues),
  ];
  const headers: Header[] = [];
  const paths: string[] = [];
  for (const { name, value, path } of given) {
    const text = headerValue(value, path, issues);
    if (text === undefined) continue;
    const twice = headers.findIndex(
      (h) => typeof name === 'string' && sameHeaderName(h.name, name),
    );
    if (twice >= 0) {
      issues.push({
        path,
        code: 'header.duplicate',
        message: `the header "${name}" is also given at ${paths[twice]}; a Postmark message carries one header of each name`,
      });
      continue;
    }
    try {
      headers.push(makeHeader(name, text, path));
      paths.push(path);
    } catch (error) {
      if (!isMessageValidationError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  return headers;
}

function customHeaders(headers: unknown, issues: ValidationIssue[]): Given[] {
  if (!isGiven(headers)) return [];
  if (Array.isArray(headers)) {
    return headers.flatMap((item, i) => pair(item, `headers[${i}]`, issues));
  }
  if (!isPlainObject(headers)) {
    issues.push({
      path: 'headers',
      code: 'nodemailer.type',
      message: 'headers must be an object of names to values, or a list of { key, value }',
    });
    return [];
  }
  if (typeof ownValue(headers, 'key') === 'string' && Object.hasOwn(headers, 'value')) {
    return pair(headers, 'headers', issues);
  }
  return Object.keys(headers).flatMap((name) => {
    const path = `headers[${JSON.stringify(name)}]`;
    const value = headers[name];
    if (!Array.isArray(value)) return [{ name, value, path }];
    const items = value
      .map((one, i) => ({ name, value: one, path: `${path}[${i}]` }))
      .filter((item) => !isBlank(item.value));
    // Nodemailer sends one header line per item of a list; a Postmark message carries one
    // header of each name, so a list may hold one value (empty ones aside, as they are sent
    // by neither). Reported once for the list, not once per extra item.
    if (items.length > 1) {
      issues.push({
        path,
        code: 'header.duplicate',
        message: `Nodemailer would send "${name}" once for each of the ${items.length} values of the list; a Postmark message carries one header of each name, so give it one value`,
      });
      return [];
    }
    return items;
  });
}

function pair(item: unknown, path: string, issues: ValidationIssue[]): Given[] {
  if (isPlainObject(item) && typeof ownValue(item, 'key') === 'string') {
    return [{ name: item.key as string, value: ownValue(item, 'value'), path }];
  }
  issues.push({ path, code: 'nodemailer.type', message: 'a header must be { key, value }' });
  return [];
}

/** The text of a value, or `undefined` when there is none to send (or it is not text: an issue). */
function headerValue(value: unknown, path: string, issues: ValidationIssue[]): string | undefined {
  if (isBlank(value)) return undefined;
  const raw = unwrapped(value);
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  issues.push({
    path,
    code: 'header.value',
    message: 'a header value must be a string, a number or { value }',
  });
  return undefined;
}

// `{ prepared: true, value }` asks Nodemailer not to encode the value; Postmark encodes it.
function unwrapped(value: unknown): unknown {
  return isPlainObject(value) && Object.hasOwn(value, 'value') ? value.value : value;
}

/** Whether a value is one Nodemailer sends no header for. */
function isBlank(value: unknown): boolean {
  const raw = unwrapped(value);
  return !isGiven(raw) || (typeof raw === 'string' && raw.trim() === '');
}

const PRIORITY_HEADERS: Readonly<Record<string, readonly [string, string][]>> = {
  high: [
    ['X-Priority', '1 (Highest)'],
    ['X-MSMail-Priority', 'High'],
    ['Importance', 'High'],
  ],
  normal: [],
  low: [
    ['X-Priority', '5 (Lowest)'],
    ['X-MSMail-Priority', 'Low'],
    ['Importance', 'Low'],
  ],
};

// The fields Nodemailer writes as headers of its own, written as it writes them.
function fieldHeaders(data: Record<string, unknown>, issues: ValidationIssue[]): Given[] {
  const given: Given[] = [];
  const messageIds = (field: string, name: string, list: boolean) => {
    const value = ownValue(data, field);
    if (!isGiven(value)) return;
    const ids = (Array.isArray(value) ? value : [value]).map((id) =>
      typeof id === 'string' ? id : undefined,
    );
    if (ids.includes(undefined) || (!list && ids.length > 1)) {
      issues.push({
        path: field,
        code: 'nodemailer.type',
        message: list
          ? `${field} must be a string or a list of strings`
          : `${field} must be a string`,
      });
      return;
    }
    // References is a list of ids separated by white space; each id goes in angle brackets.
    const words = (ids as string[]).flatMap((id) => (list ? id.trim().split(/\s+/) : [id.trim()]));
    given.push({ name, value: words.filter(Boolean).map(bracketed).join(' '), path: field });
  };
  messageIds('messageId', 'Message-ID', false);
  messageIds('inReplyTo', 'In-Reply-To', false);
  messageIds('references', 'References', true);

  const priority = ownValue(data, 'priority');
  if (isGiven(priority)) {
    const level = typeof priority === 'string' ? priority.toLowerCase() : '';
    const lines = Object.hasOwn(PRIORITY_HEADERS, level) ? PRIORITY_HEADERS[level] : undefined;
    if (lines === undefined) {
      issues.push({
        path: 'priority',
        code: 'nodemailer.type',
        message: 'priority must be "high", "normal" or "low"',
      });
    } else {
      for (const [name, value] of lines) given.push({ name, value, path: 'priority' });
    }
  }
  const mailer = ownValue(data, 'xMailer');
  if (isGiven(mailer)) given.push({ name: 'X-Mailer', value: mailer, path: 'xMailer' });
  return given;
}

function bracketed(id: string): string {
  return `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`;
}
