import { type DataField, FIELD_LIST, type MergeRule } from '../postmark/fields.js';
import { makeData, type PartialData } from './data.js';
import { sameHeaderName } from './header.js';
import type { Header, MessageData } from './types.js';

// Each field of the data once, with its merge rule from the field table (the three template
// keys of the table are one `template` field here).
const RULES: readonly (readonly [DataField, MergeRule])[] = Object.freeze([
  ...new Map(FIELD_LIST.map((field) => [field.data, field.merge] as const)),
]);
const CONTENT: readonly DataField[] = RULES.filter(([, rule]) => rule === 'content').map(
  ([field]) => field,
);

/**
 * Lays a message over a default message, each field by its rule in the field table
 * (src/postmark/fields.ts; docs/messages.md, "Defaults"); what the message sets wins.
 * Lists and records one side leaves empty are reused, not copied: a Sender merges every
 * message it sends.
 */
export function mergeDefaults(message: MessageData, defaults: MessageData): MessageData {
  const hasContent = CONTENT.some((field) => message[field] !== undefined);
  const content = hasContent ? message : defaults;
  const merged: { -readonly [K in keyof PartialData]: PartialData[K] } = Object.create(null);
  for (const [field, rule] of RULES) {
    const own = message[field];
    const fallback = defaults[field];
    let value: unknown;
    switch (rule) {
      case 'own':
        value = own ?? fallback;
        break;
      case 'list':
        value = (own as readonly unknown[]).length > 0 ? own : fallback;
        break;
      case 'content':
        value = content[field];
        break;
      case 'subject':
        // A templated message takes its subject from its template, never from the default.
        value = content.template ? own : (own ?? fallback);
        break;
      case 'byKey':
        value = mergeRecords(fallback as Record<string, string>, own as Record<string, string>);
        break;
      case 'byName':
        value = mergeHeaders(fallback as readonly Header[], own as readonly Header[]);
        break;
      case 'append':
        value = concat(fallback as readonly unknown[], own as readonly unknown[]);
        break;
    }
    (merged as Record<string, unknown>)[field] = value;
  }
  return makeData(merged);
}

function mergeHeaders(defaults: readonly Header[], own: readonly Header[]): readonly Header[] {
  if (defaults.length === 0) return own;
  const kept = defaults.filter((d) => !own.some((h) => sameHeaderName(h.name, d.name)));
  return concat(kept, own);
}

function mergeRecords(
  defaults: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  // Most Senders have no default metadata: then the message's own record is reused as is.
  return Object.keys(defaults).length === 0 ? own : { ...defaults, ...own };
}

function concat<T>(first: readonly T[], second: readonly T[]): readonly T[] {
  if (first.length === 0) return second;
  if (second.length === 0) return first;
  return [...first, ...second];
}
