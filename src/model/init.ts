import {
  isMessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import type { NameReading } from '../postmark/address.js';
import { FIELD_LIST, MESSAGE_FIELDS, meantField } from '../postmark/fields.js';
import { isPlainObject, ownValue } from '../utils/own.js';
import { parseAddress } from './address.js';
import { makeAttachment } from './attachment.js';
import { makeData } from './data.js';
import { makeHeader, sameHeaderName } from './header.js';
import type { Address, Attachment, Header, MessageData, Template } from './types.js';
import {
  headerText,
  makeTemplate,
  metadataRecord,
  requireString,
  streamName,
  trackLinks,
  trackOpens,
} from './values.js';

export interface InitOptions {
  /** Whose text the addresses are (see `NameReading`): a caller's, or Postmark JSON. */
  readonly reading?: NameReading;
  /** Skip `undefined` list items: the places where a schema already reported a bad item. */
  readonly skipHoles?: boolean;
}

/** The data of a message, and every problem found on the way (the data leaves those fields out). */
export interface InitReading {
  readonly data: MessageData;
  readonly issues: readonly ValidationIssue[];
}

type Fields = { -readonly [K in keyof MessageData]?: MessageData[K] };

/**
 * Builds the data of a message from a plain object with the same parsers the fluent calls
 * use, field by field as the field table lists them, collecting every problem instead of
 * stopping at the first. Only own properties are read.
 *
 * @example dataFromInit({ to: 'ada@example.com', subject: 'Hi' }).issues // []
 */
export function dataFromInit(init: unknown, options: InitOptions = {}): InitReading {
  if (!isPlainObject(init)) {
    return {
      data: makeData({}),
      issues: [{ path: '', code: 'message.type', message: 'a message must be a plain object' }],
    };
  }
  const issues: ValidationIssue[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!isMessageValidationError(error)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  for (const key of Object.keys(init)) {
    if (!Object.hasOwn(MESSAGE_FIELDS, key)) {
      issues.push({
        path: key,
        code: 'message.unknownField',
        message: `"${key}" is not a message field${hint(meantField(key, 'camel'))}`,
      });
    }
  }

  // Without a prototype: a field left unset must read as unset, whatever Object.prototype holds.
  const fields: Fields = Object.create(null);
  let orphanReported = false;
  const reading = options.reading ?? 'input';
  const list = <T>(value: unknown, make: (item: unknown, i: number) => T): T[] => {
    const made: T[] = [];
    const items: readonly unknown[] = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (item === undefined && options.skipHoles) return;
      const one = attempt(() => make(item, i));
      if (one !== undefined) made.push(one);
    });
    return made;
  };

  for (const field of FIELD_LIST) {
    const { name } = field;
    const value = ownValue(init, name);
    if (value === undefined) continue;
    switch (field.kind) {
      case 'address':
        fields.from = attempt(() => parseAddress(value as never, name, undefined, reading));
        break;
      case 'addresses':
        fields[field.data as 'to'] = list<Address>(value, (item, i) =>
          parseAddress(item as never, name, i, reading),
        );
        break;
      case 'text':
        fields[field.data as 'subject'] = attempt(() => headerText(value, name));
        break;
      case 'stream':
        fields.stream = attempt(() => streamName(value));
        break;
      case 'body':
        fields[field.data as 'text'] = attempt(() => requireString(value, name));
        break;
      case 'metadata':
        fields.metadata = attempt(() => metadataRecord(value));
        break;
      case 'headers':
        fields.headers = uniqueHeaders(
          list<Header>(headerList(value), (item, i) => {
            const header = (isPlainObject(item) ? item : {}) as Record<string, unknown>;
            return makeHeader(ownValue(header, 'name'), ownValue(header, 'value'), `${name}[${i}]`);
          }),
        );
        break;
      case 'attachments':
        fields.attachments = list<Attachment>(value, (item, i) =>
          makeAttachment(item as never, `${name}[${i}]`),
        );
        break;
      case 'boolean':
        fields.trackOpens = attempt(() => trackOpens(value));
        break;
      case 'trackLinks':
        fields.trackLinks = attempt(() => trackLinks(value));
        break;
      case 'template':
        fields.template = attempt<Template>(() =>
          makeTemplate(value, ownValue(init, 'templateModel') ?? {}, ownValue(init, 'inlineCss')),
        );
        break;
      case 'templateModel':
      case 'inlineCss':
        // Read with `template` above; alone, they have nothing to apply to (reported once).
        if (ownValue(init, 'template') === undefined && !orphanReported) {
          orphanReported = true;
          issues.push({
            path: 'template',
            code: 'template.missing',
            message: 'templateModel and inlineCss need a template id or alias',
          });
        }
        break;
    }
  }
  return { data: makeData(fields), issues };
}

/** The init's `headers`: a list of `{ name, value }`, or an object of names to values. */
function headerList(value: unknown): unknown {
  if (Array.isArray(value) || !isPlainObject(value)) return value;
  return Object.keys(value).map((name) => ({ name, value: value[name] }));
}

// A later header of the same name (ignoring case) replaces an earlier one, as header() does.
function uniqueHeaders(headers: readonly Header[]): Header[] {
  const kept: Header[] = [];
  for (const header of headers) {
    const same = kept.findIndex((other) => sameHeaderName(other.name, header.name));
    if (same >= 0) kept.splice(same, 1);
    kept.push(header);
  }
  return kept;
}

const hint = (meant: string | undefined) => (meant ? ` (did you mean "${meant}"?)` : '');
