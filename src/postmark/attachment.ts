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

// RFC 2392: a Content-ID is printable ASCII with no spaces; and neither `<`, `>` nor `"`,
// which would end or break the `Content-ID: <...>` header it is written into
// (`<<x>"y>`).
const CONTENT_ID = /^[!#-;=?-~]+$/;

/** Whether `id` may be an attachment's ContentID. @example isContentId('cid:logo') // true */
export function isContentId(id: string): boolean {
  return CONTENT_ID.test(id);
}

/**
 * Why `name` cannot name an attachment, or `undefined`: it is empty, holds a control
 * character (tab and NUL among them: a file name, unlike a header, has no use for a tab, and
 * `a.exe\t` would hide its extension), holds a colon (on NTFS `a.exe:x` and `a.exe::$DATA`
 * name data streams of `a.exe`, which Windows opens as `a.exe`), or names a folder
 * (`reports/`).
 *
 * @example attachmentNameProblem('a.exe::$DATA') // 'a file name must not hold ":" ...'
 */
export function attachmentNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'an attachment needs a file name';
  const control = name.includes('\t') ? 'a tab' : controlIn(name);
  if (control) return `a file name must not hold ${control}`;
  if (name.includes(':'))
    return 'a file name must not hold ":" (on Windows, a.exe:x names a data stream of a.exe)';
  if (name.endsWith('/') || name.endsWith('\\'))
    return 'a file name must name a file, not a folder';
  return undefined;
}

/**
 * The extension as Windows and mail clients read it: trailing dots and white space of every
 * kind dropped (`virus.exe.`, `virus.exe ` and `virus.exe\u00a0` open or show as
 * `virus.exe`), the text after the last dot, lower case. A name that is only an extension
 * counts (`.exe`); `README` has none.
 *
 * @example attachmentExtension('Report.PDF. ') // 'pdf'
 */
export function attachmentExtension(name: string): string | undefined {
  // A loop rather than a regular expression over the name: validate() runs this for every
  // attachment; the pattern only ever sees one character past ASCII.
  let end = name.length;
  while (end > 0 && isTrailingFiller(name.charCodeAt(end - 1))) end--;
  const dot = end === 0 ? -1 : name.lastIndexOf('.', end - 1);
  return dot < 0 ? undefined : name.slice(dot + 1, end).toLowerCase();
}

// A dot, or white space as Unicode counts it (U+0020, tab, U+00A0, U+3000, U+FEFF, ...).
const WHITE = /\s/;
function isTrailingFiller(code: number): boolean {
  if (code === 0x2e || code === 0x20) return true;
  if (code < 0x80) return code >= 0x09 && code <= 0x0d;
  return WHITE.test(String.fromCharCode(code));
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
