/**
 * Whether text holds CR or LF, which would let a value that ends up in a mail header (a
 * display name, a header value, a file name) start a header line of its own. Two includes()
 * rather than a regex literal, which builds a RegExp each time it is evaluated.
 */
export function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}
