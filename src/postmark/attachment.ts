import { controlIn } from './text.js';

// The grammar of an attachment, once, for the builder, validate(), Message.fromJSON() and
// the sandbox.

// RFC 6838 restricted names for type and subtype: what registered types use. RFC 2045's token
// would also let `application/vnd.x*y` or `text/x~y` through, which Postmark's parser may refuse.
const NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
// Parameters: `; attribute=value`, the value an RFC 2045 token or a quoted string; no controls.
const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const QUOTED = '"(?:[^"\\\\\\x00-\\x1f\\x7f]|\\\\[^\\x00-\\x1f\\x7f])*"';
const MIME_TYPE = new RegExp(
  `^${NAME}/${NAME}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED}))*$`,
);

/** Whether `type` is a MIME type Postmark takes. @example isMimeType('text/plain; charset=utf-8') // true */
export function isMimeType(type: string): boolean {
  return MIME_TYPE.test(type);
}

/** The type of an attachment whose name says nothing (RFC 2046's default for unknown data). */
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

// RFC 2392: a Content-ID is printable ASCII with no spaces.
const CONTENT_ID = /^[!-~]+$/;

/** Whether `id` may be an attachment's ContentID. @example isContentId('cid:logo') // true */
export function isContentId(id: string): boolean {
  return CONTENT_ID.test(id);
}

/**
 * Why `name` cannot name an attachment, or `undefined`: it is empty, holds a control
 * character (NUL among them), names an NTFS data stream (`a.exe::$DATA`, which Windows opens
 * as `a.exe`) or a folder (`reports/`).
 *
 * @example attachmentNameProblem('a.exe::$DATA') // 'names an NTFS data stream ...'
 */
export function attachmentNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'an attachment needs a file name';
  const control = controlIn(name);
  if (control) return `a file name must not hold ${control}`;
  if (name.includes('::$')) return 'a file name must not name an NTFS data stream (::$DATA)';
  if (name.endsWith('/') || name.endsWith('\\'))
    return 'a file name must name a file, not a folder';
  return undefined;
}

/**
 * The extension as Windows and mail clients read it: trailing dots and spaces dropped
 * (`virus.exe.` and `virus.exe ` open as `virus.exe`), the text after the last dot, lower
 * case. A name that is only an extension counts (`.exe`); `README` has none.
 *
 * @example attachmentExtension('Report.PDF. ') // 'pdf'
 */
export function attachmentExtension(name: string): string | undefined {
  // A loop rather than a regular expression: validate() runs this for every attachment.
  let end = name.length;
  while (end > 0 && (name.charCodeAt(end - 1) === 0x2e || name.charCodeAt(end - 1) === 0x20)) end--;
  const dot = end === 0 ? -1 : name.lastIndexOf('.', end - 1);
  return dot < 0 ? undefined : name.slice(dot + 1, end).toLowerCase();
}

// Base64 as Postmark decodes it (.NET's Convert.FromBase64String): the alphabet in groups of
// four, at most two `=` of padding at the end, white space ignored (MIME encoders wrap lines
// at 76 characters). A length check and a flat pattern, not a repeated group: a pattern like
// `(?:[A-Za-z0-9+/]{4})*` overflows the stack on a 10 MB attachment.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITE_SPACE = /[\t\n\r ]/g;

/** Whether `text` decodes as base64 (white space ignored). @example isBase64('aGk=') // true */
export function isBase64(text: string): boolean {
  const compact = text.replace(WHITE_SPACE, '');
  return compact.length % 4 === 0 && BASE64.test(compact);
}

/** The base64 text without the white space Postmark ignores. */
export function compactBase64(text: string): string {
  return text.replace(WHITE_SPACE, '');
}
