import { ATTACHMENT_FIELDS, FIELD_LIST, HEADER_FIELDS } from '../postmark/fields.js';

// camelCase field names of the SDK → the names Postmark's JSON uses, from the field table, so
// a problem found in a JSON file is reported by the name its author wrote.
const POSTMARK_NAMES: ReadonlyMap<string, string> = new Map([
  ...FIELD_LIST.map((field) => [field.name, field.json] as const),
  ...Object.entries(ATTACHMENT_FIELDS),
  ...Object.entries(HEADER_FIELDS),
]);

/** `attachments[0].contentId` → `Attachments[0].ContentID`; metadata keys are kept as written. */
export function toPostmarkPath(path: string): string {
  const [head, ...rest] = path.split('.');
  const translate = (segment: string) =>
    segment.replace(/^[A-Za-z]+/, (word) => POSTMARK_NAMES.get(word) ?? word);
  if (head === 'metadata') return [POSTMARK_NAMES.get('metadata'), ...rest].join('.');
  return [head, ...rest].map((segment) => translate(segment ?? '')).join('.');
}
