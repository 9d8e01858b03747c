import { isEmailAddress } from '../postmark/address.js';
import { hookUrlProblem } from '../postmark/webhooks.js';
import { copyJsonData } from '../utils/json-data.js';
import { isPlainObject } from '../utils/own.js';
import { suggest } from '../utils/read-options.js';
import { filterDate } from './dates.js';

// camelCase input in, Postmark's names out, every value checked before any request: a
// misspelt key or a bad value would otherwise be ignored by Postmark or refused with a 422
// that does not say which field was wrong. The caller's object is only read (own properties),
// never changed. Errors are TypeError (wrong kind of value, unknown key) or RangeError (a
// value out of range), naming the call and the field.

/** Checks one value and gives what is sent for it. `field` names it in errors. */
export type Reader<T = unknown> = (field: string, value: unknown) => T;

/** One input field: Postmark's name for it, how to check it, whether it must be given. */
export interface Field {
  readonly name: string;
  readonly read: Reader;
  readonly required?: boolean;
}

export type Fields = Readonly<Record<string, Field>>;

/** A field sent as `name`, checked by `read`. */
export const field = (name: string, read: Reader, required = false): Field =>
  Object.freeze({ name, read, required });

/**
 * The input checked against `fields`, as an object of Postmark's names (no prototype).
 * `what` names the call (`templates.create()`), `example` shows a valid input.
 *
 * @example readFields({ name: 'Welcome' }, { name: field('Name', text, true) }, 'templates.create()', "{ name: 'Welcome' }") // { Name: 'Welcome' }
 */
export function readFields(
  input: unknown,
  fields: Fields,
  what: string,
  example: string,
): Record<string, unknown> {
  if (input === undefined) input = {};
  if (!isPlainObject(input)) throw new TypeError(`${what}: expected an object such as ${example}`);
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(input)) {
    const spec = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (spec === undefined) {
      const known = Object.keys(fields);
      throw new TypeError(
        `${what}: unknown field '${key}'${suggest(key, known)}; known fields: ${known.join(', ')}`,
      );
    }
    const value = input[key];
    if (value !== undefined) out[spec.name] = spec.read(`${what}: ${key}`, value);
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && out[spec.name] === undefined)
      throw new TypeError(`${what}: ${key} is required`);
  }
  return out;
}

/** A non-empty string. */
export const text: Reader<string> = (field, value) => {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string`);
  // An empty filter would be sent as "match anything": say so rather than ignore it.
  if (value === '') throw new RangeError(`${field} is empty`);
  return value;
};

/** Any string, the empty one too (a body, a description that may be cleared). */
export const anyText: Reader<string> = (field, value) => {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string`);
  return value;
};

/** A string, or `null` to clear the value (sent as null). */
export const textOrNull: Reader<string | null> = (field, value) =>
  value === null ? null : anyText(field, value);

export const flag: Reader<boolean> = (field, value) => {
  if (typeof value !== 'boolean') throw new TypeError(`${field} must be true or false`);
  return value;
};

/** A whole number from `min` to `max`. */
export const integer =
  (min: number, max: number): Reader<number> =>
  (field, value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new TypeError(`${field} must be a whole number (got ${String(value)})`);
    }
    if (value < min || value > max) {
      throw new RangeError(`${field} must be from ${min} to ${max} (got ${value})`);
    }
    return value;
  };

/** One of `values`, with "did you mean" for one that differs only in case or a letter. */
export const oneOf =
  <T extends string>(values: readonly T[]): Reader<T> =>
  (field, value) => {
    const name = text(field, value);
    if ((values as readonly string[]).includes(name)) return name as T;
    throw new RangeError(
      `${field} '${name}' is not one of ${values.join(', ')}${suggest(name, values)}`,
    );
  };

/** An email address, by the grammar the messages use. */
export const email: Reader<string> = (field, value) => {
  const address = text(field, value).trim();
  if (!isEmailAddress(address))
    throw new RangeError(`${field} '${address}' is not an email address`);
  return address;
};

/**
 * An absolute http(s) URL (Postmark's rule for hook URLs, src/postmark/webhooks.ts). The error
 * never shows the URL: a hook URL may carry basic-auth credentials (`https://user:pw@host/`).
 */
export const url: Reader<string> = (field, value) => {
  const raw = text(field, value);
  const problem = hookUrlProblem(raw);
  if (problem) throw new RangeError(`${field} ${problem}`);
  return raw;
};

/** A date filter: a `Date` or an ISO 8601 string, sent as Postmark reads it (Eastern time). */
export const date: Reader<string> = filterDate;

/** A nested object, checked field by field. */
export const nested =
  (fields: Fields, example: string): Reader<Record<string, unknown>> =>
  (field, value) =>
    readFields(value, fields, field, example);

/** A list whose items `read` checks, of at most `max` items. */
export const list =
  <T>(read: Reader<T>, max = Number.POSITIVE_INFINITY): Reader<T[]> =>
  (field, value) => {
    if (!Array.isArray(value)) throw new TypeError(`${field} must be a list`);
    if (value.length > max)
      throw new RangeError(`${field} holds ${value.length} items; at most ${max}`);
    return value.map((item, i) => read(`${field}[${i}]`, item));
  };

/** A plain object of strings (custom headers as `{ Name: value }`, metadata). */
export const stringRecord: Reader<Record<string, string>> = (field, value) => {
  if (!isPlainObject(value)) throw new TypeError(`${field} must be an object of strings`);
  const out: Record<string, string> = {};
  for (const key of Object.keys(value)) out[key] = anyText(`${field}.${key}`, value[key]);
  return out;
};

/** A plain JSON object (a template's test model), checked to mean what JSON will send. */
export const jsonObject: Reader<Record<string, unknown>> = (field, value) => {
  if (!isPlainObject(value)) throw new TypeError(`${field} must be a plain object`);
  return copyJsonData(
    value,
    field,
    (path, reason) => new TypeError(`${path}: ${reason}`),
  ) as Record<string, unknown>;
};
