import {
  isMessageValidationError,
  MessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { toPostmarkPath } from '../serialize/paths.js';
import { parseAddress } from './address.js';
import { makeAttachment } from './attachment.js';
import { makeHeader } from './header.js';
import type { Message } from './message.js';
import type { Address, AddressInput, Attachment, Header, MessageInit } from './types.js';

const KNOWN_FIELDS = new Set<string>([
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'text',
  'html',
  'tag',
  'metadata',
  'headers',
  'attachments',
  'trackOpens',
  'trackLinks',
  'stream',
  'template',
  'templateModel',
  'inlineCss',
]);

export interface BuildOptions {
  /** Problems already found (by a schema), reported together with these. */
  readonly issues?: readonly ValidationIssue[];
  /** Name fields as Postmark's JSON does (`Attachments[0].Name`), for input that was JSON. */
  readonly postmarkPaths?: boolean;
}

/**
 * Builds a message from a plain object through the same methods a caller would chain, but
 * collects every problem instead of stopping at the first, then throws them together.
 */
export function buildFromInit(
  empty: Message,
  init: MessageInit,
  options: BuildOptions = {},
): Message {
  const issues: ValidationIssue[] = [...(options.issues ?? [])];
  if (typeof init !== 'object' || init === null || Array.isArray(init)) {
    throw new MessageValidationError([
      { path: '', code: 'message.type', message: 'a message must be an object' },
    ]);
  }
  for (const key of Object.keys(init)) {
    if (!KNOWN_FIELDS.has(key))
      issues.push({
        path: key,
        code: 'message.unknownField',
        message: `"${key}" is not a message field`,
      });
  }

  let message = empty;
  const step = (apply: (m: Message) => Message) => {
    try {
      message = apply(message);
    } catch (error) {
      if (!isMessageValidationError(error)) throw error;
      issues.push(...error.issues);
    }
  };
  // Items of a list are checked one by one first, so each problem names its own index.
  const each = <In, Out>(
    list: readonly In[],
    path: string,
    make: (item: In, path: string) => Out,
  ): Out[] => {
    const made: Out[] = [];
    list.forEach((item, i) => {
      // A hole is an item a schema already reported.
      if (item !== undefined)
        step((m) => {
          made.push(make(item, `${path}[${i}]`));
          return m;
        });
    });
    return made;
  };

  if (init.from !== undefined) step((m) => m.from(init.from as AddressInput));
  for (const field of ['to', 'cc', 'bcc', 'replyTo'] as const) {
    const value = init[field];
    if (value === undefined) continue;
    const addresses: Address[] = each(asList(value), field, parseAddress);
    step((m) => m[field](addresses));
  }
  if (init.subject !== undefined) step((m) => m.subject(init.subject as string));
  if (init.text !== undefined) step((m) => m.text(init.text as string));
  if (init.html !== undefined) step((m) => m.html(init.html as string));
  if (init.tag !== undefined) step((m) => m.tag(init.tag as string));
  if (init.metadata !== undefined) step((m) => m.metadata(init.metadata as Record<string, string>));
  if (init.headers !== undefined) {
    const headers: Header[] = each(headerList(init.headers), 'headers', (h, path) =>
      makeHeader(h.name, h.value, path),
    );
    for (const header of headers) step((m) => m.header(header.name, header.value));
  }
  if (init.attachments !== undefined) {
    const attachments: Attachment[] = each(asList(init.attachments), 'attachments', makeAttachment);
    for (const attachment of attachments) step((m) => m.attach(attachment));
  }
  if (init.trackOpens !== undefined) step((m) => m.trackOpens(init.trackOpens as boolean));
  if (init.trackLinks !== undefined) step((m) => m.trackLinks(init.trackLinks as never));
  if (init.stream !== undefined) step((m) => m.stream(init.stream as string));
  if (init.template !== undefined) {
    step((m) =>
      m.template(init.template as number | string, init.templateModel ?? {}, {
        ...(init.inlineCss === undefined ? {} : { inlineCss: init.inlineCss }),
      }),
    );
  } else if (init.templateModel !== undefined || init.inlineCss !== undefined) {
    issues.push({
      path: 'template',
      code: 'template.missing',
      message: 'templateModel and inlineCss need a template id or alias',
    });
  }

  if (issues.length > 0) {
    throw new MessageValidationError(
      options.postmarkPaths ? issues.map((i) => ({ ...i, path: toPostmarkPath(i.path) })) : issues,
    );
  }
  return message;
}

function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? value : [value as T];
}

function headerList(headers: MessageInit['headers']): readonly Header[] {
  if (Array.isArray(headers)) return headers;
  return Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }));
}
