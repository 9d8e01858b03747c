import { invalid } from '../errors/message-validation-error.js';
import { MAX_TEMPLATE_ID, TRACK_LINKS } from '../postmark/fields.js';
import { controlIn } from '../postmark/text.js';
import { isPlainObject } from '../utils/own.js';
import { checkModel } from './template-model.js';
import type { Template, TrackLinks } from './types.js';

// The checks of single values, shared by the fluent calls and Message.create(). Each throws
// a MessageValidationError naming the field and the rule; none reads a limit (those rules are
// validate()'s, with the limits in force).

/** A string, or the error. @example requireString('Hi', 'subject') */
export function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw invalid(path, `${path}.type`, `${path} must be a string (got ${describe(value)})`);
  }
  return value;
}

/** A string that becomes a header (subject, tag, stream): no CR, LF, NUL or other controls. */
export function headerText(value: unknown, path: string): string {
  const text = requireString(value, path);
  const control = controlIn(text);
  if (control) throw invalid(path, `${path}.control`, `${path} must not hold ${control}`);
  return text;
}

export function streamName(value: unknown): string {
  if (headerText(value, 'stream') === '') {
    throw invalid('stream', 'stream.empty', 'a message stream needs a name');
  }
  return value as string;
}

export function trackOpens(value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw invalid('trackOpens', 'trackOpens.type', 'trackOpens takes true or false');
  }
  return value;
}

export function trackLinks(value: unknown): TrackLinks {
  if (!TRACK_LINKS.includes(value as TrackLinks)) {
    throw invalid(
      'trackLinks',
      'trackLinks.invalid',
      `trackLinks must be one of ${TRACK_LINKS.join(', ')} (got ${describe(value)})`,
    );
  }
  return value as TrackLinks;
}

/**
 * Metadata as Postmark takes it: a plain object of string values, keys and values without
 * control characters (they travel as X-PM-Metadata-* headers). `__proto__` is refused: an
 * object cannot hold it as an ordinary key, and dropping it would change the message. It is
 * refused after every entry, its own value too, passed the other checks: the sandbox leaves
 * that one rule to the client (Postmark takes the key), never the others.
 */
export function metadataRecord(value: unknown): Readonly<Record<string, string>> {
  if (!isPlainObject(value)) {
    throw invalid(
      'metadata',
      'metadata.type',
      `metadata must be a plain object of strings such as { userId: '42' } (got ${describe(value)})`,
    );
  }
  const record: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const checked = metadataEntry(key, value[key]);
    if (key !== RESERVED_KEY) record[key] = checked;
  }
  if (Object.hasOwn(value, RESERVED_KEY)) throw reservedKey();
  return record;
}

export function metadataValue(key: string, value: unknown): string {
  const checked = metadataEntry(key, value);
  if (key === RESERVED_KEY) throw reservedKey();
  return checked;
}

const RESERVED_KEY = '__proto__';

const reservedKey = () =>
  invalid(
    `metadata.${RESERVED_KEY}`,
    'metadata.reservedKey',
    `the metadata key "${RESERVED_KEY}" is not supported`,
  );

function metadataEntry(key: string, value: unknown): string {
  const path = `metadata.${key}`;
  if (key === '') throw invalid(path, 'metadata.key', 'a metadata key must not be empty');
  const keyControl = controlIn(key);
  if (keyControl) throw invalid(path, 'metadata.key', `a metadata key must not hold ${keyControl}`);
  if (typeof value !== 'string') {
    throw invalid(
      path,
      'metadata.type',
      `a metadata value must be a string (got ${describe(value)})`,
    );
  }
  const control = controlIn(value);
  if (control) throw invalid(path, 'metadata.control', `a metadata value must not hold ${control}`);
  return value;
}

/** A template: a positive integer id or a non-empty alias, its model, and inlineCss. */
export function makeTemplate(idOrAlias: unknown, model: unknown, inlineCss: unknown): Template {
  const isId =
    typeof idOrAlias === 'number' &&
    Number.isInteger(idOrAlias) &&
    idOrAlias > 0 &&
    idOrAlias <= MAX_TEMPLATE_ID;
  const isAlias =
    typeof idOrAlias === 'string' && idOrAlias.trim() !== '' && controlIn(idOrAlias) === undefined;
  if (!isId && !isAlias) {
    throw invalid(
      'template',
      'template.id',
      `a template is a whole number from 1 to ${MAX_TEMPLATE_ID} or a non-empty alias without control characters (got ${describe(idOrAlias)})`,
    );
  }
  if (inlineCss !== undefined && typeof inlineCss !== 'boolean') {
    throw invalid('inlineCss', 'inlineCss.type', 'inlineCss takes true or false');
  }
  const template: { -readonly [K in keyof Template]: Template[K] } = {
    idOrAlias: idOrAlias as number | string,
    model: checkModel(model),
  };
  if (inlineCss !== undefined) template.inlineCss = inlineCss;
  return Object.freeze(template);
}

/** A short description of a value for an error message, never the value itself when large. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `the BigInt ${value}n`;
  if (Array.isArray(value)) return 'an array';
  // The tag, not `constructor.name`: a hostile object's getter must not run here.
  if (typeof value === 'object') return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  return `a ${typeof value}`;
}
