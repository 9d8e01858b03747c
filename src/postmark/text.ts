// Text that ends up in a mail header, as such or as an X-PM-* header (subject, names, tag,
// metadata, stream, template alias, file names): a CR or LF would start a header line of its
// own, a NUL ends the line for many mail programs, and other control characters show up as
// garbage or are stripped on the way. Tab is the one control character a header may hold.

/**
 * What makes `text` unfit for a header, in words ("a line break (CR or LF)", "a NUL
 * character", "the control character U+001B"), or `undefined` when nothing does. A loop over
 * char codes rather than a regular expression: every builder call of these fields runs it.
 *
 * @example controlIn('Hi\r\nBcc: x@y.z') // 'a line break (CR or LF)'
 */
export function controlIn(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) continue;
    if (code === 0x09 || code > 0x9f) continue;
    if (code === 0x0a || code === 0x0d) return 'a line break (CR or LF)';
    if (code === 0) return 'a NUL character';
    return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

// RFC 5322 field name: printable ASCII except colon and space.
const HEADER_NAME = /^[!-9;-~]+$/;

/** Whether `name` may name a custom header. @example isHeaderName('X-Campaign') // true */
export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}
