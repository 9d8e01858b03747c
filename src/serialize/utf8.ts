// Node, Bun and Deno measure natively without encoding; elsewhere the loop of utf8ByteLength.
const NodeBuffer = (
  globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }
).Buffer;

/**
 * The UTF-8 length of a string without encoding it (a batch can be 50 MB): 4 bytes for a
 * surrogate pair, 3 for a lone surrogate (written as U+FFFD, as TextEncoder does; JSON text
 * has none, since JSON.stringify escapes them, but a body validate() measures may).
 */
export const utf8ByteLength: (text: string) => number = NodeBuffer
  ? (text) => NodeBuffer.byteLength(text, 'utf8')
  : countUtf8Bytes;

/** The portable count behind `utf8ByteLength` where there is no Buffer (Workers, browsers). */
export function countUtf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
