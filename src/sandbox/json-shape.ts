import { isPlainObject, type Problem } from './http.js';

// JSON types Postmark's deserializer insists on: a wrong type is ErrorCode 403 ("incompatible
// JSON"), before any rule about the values is checked.

const STRING_FIELDS = [
  'From',
  'To',
  'Cc',
  'Bcc',
  'ReplyTo',
  'Subject',
  'Tag',
  'HtmlBody',
  'TextBody',
  'MessageStream',
  'TrackLinks',
  'TemplateAlias',
] as const;
const BOOLEAN_FIELDS = ['TrackOpens', 'InlineCss'] as const;

const incompatible = (message: string): Problem => ({ errorCode: 403, message });

/** The first field of `json` whose JSON type is not what Postmark expects, as a 403 problem. */
export function checkShape(json: Record<string, unknown>): Problem | undefined {
  for (const field of STRING_FIELDS) {
    if (present(json[field]) && typeof json[field] !== 'string') {
      return incompatible(`The '${field}' field must be a string.`);
    }
  }
  for (const field of BOOLEAN_FIELDS) {
    if (present(json[field]) && typeof json[field] !== 'boolean') {
      return incompatible(`The '${field}' field must be true or false.`);
    }
  }
  if (present(json.TemplateId) && !Number.isInteger(json.TemplateId)) {
    return incompatible("The 'TemplateId' field must be an integer.");
  }
  if (present(json.TemplateModel) && !isPlainObject(json.TemplateModel)) {
    return incompatible("The 'TemplateModel' field must be a JSON object.");
  }
  if (present(json.Metadata)) {
    if (!isPlainObject(json.Metadata)) {
      return incompatible("The 'Metadata' field must be a JSON object.");
    }
    if (Object.values(json.Metadata).some((value) => typeof value !== 'string')) {
      return incompatible('Metadata values must be strings.');
    }
  }
  return (
    checkObjectList(json.Headers, 'Headers', ['Name', 'Value']) ??
    checkObjectList(json.Attachments, 'Attachments', [
      'Name',
      'Content',
      'ContentType',
      'ContentID',
    ])
  );
}

function checkObjectList(
  value: unknown,
  field: string,
  strings: readonly string[],
): Problem | undefined {
  if (!present(value)) return undefined;
  if (!Array.isArray(value)) return incompatible(`The '${field}' field must be an array.`);
  for (const [index, item] of value.entries()) {
    if (!isPlainObject(item)) return incompatible(`${field}[${index}] must be a JSON object.`);
    for (const key of strings) {
      if (present(item[key]) && typeof item[key] !== 'string') {
        return incompatible(`${field}[${index}].${key} must be a string.`);
      }
    }
  }
  return undefined;
}

// Postmark treats an explicit null like an absent field.
export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A string field's value, or '' when it is absent or not a string. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
