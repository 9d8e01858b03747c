/** The limits of one batch request. */
export interface ChunkLimits {
  /** Messages per request (Postmark: 500). */
  readonly maxMessages: number;
  /** Encoded bytes per request, wrapper included (Postmark: 50 MB). */
  readonly maxBytes: number;
  /** Bytes of the wrapper around the messages (`[]`, or `{"Messages":[]}`). */
  readonly overhead: number;
}

/** An item to place in a request: a cheap upper bound of its size, and its exact size. */
export interface Sized {
  /** Never less than `bytes`; `Infinity` when no bound is known. */
  readonly atMost: number;
  /** The exact size. May be costly (it serializes a message), so it is read only when needed. */
  readonly bytes: number;
}

/**
 * Splits items into requests of at most `maxMessages` items and `maxBytes` bytes, filling
 * each request in input order before starting the next (one comma separates two messages).
 *
 * Sizes are added up from the bounds while those fit, which for usual messages (500 of
 * them far below 50 MB) is always: no message is serialized just to be measured. Only when
 * the bounds of a request would pass the limit are its exact sizes read, so a request is
 * packed as tightly as exact sizes allow. Lazy: an item is pulled only when the request it
 * may join is being filled. Items too large for any request, even alone, go to `tooLarge`.
 */
export function* chunksOf<T extends Sized>(
  items: Iterable<T>,
  limits: ChunkLimits,
  tooLarge: (item: T) => void,
): Generator<T[]> {
  const { maxMessages, maxBytes, overhead } = limits;
  let current: T[] = [];
  let bound = overhead;
  let exact: number | undefined; // the exact size of `current`, once it had to be known
  for (const item of items) {
    if (overhead + item.atMost > maxBytes && overhead + item.bytes > maxBytes) {
      tooLarge(item);
      continue;
    }
    if (current.length > 0) {
      let fits = bound + 1 + item.atMost <= maxBytes;
      if (!fits && current.length < maxMessages) {
        exact ??= exactSize(current, overhead);
        fits = exact + 1 + item.bytes <= maxBytes;
      }
      if (current.length === maxMessages || !fits) {
        yield current;
        current = [];
        bound = overhead;
        exact = undefined;
      }
    }
    const comma = current.length === 0 ? 0 : 1;
    bound += comma + item.atMost;
    if (exact !== undefined) exact += comma + item.bytes;
    current.push(item);
  }
  if (current.length > 0) yield current;
}

function exactSize(items: readonly Sized[], overhead: number): number {
  return items.reduce((size, item, i) => size + (i === 0 ? 0 : 1) + item.bytes, overhead);
}

// Node, Bun and Deno measure natively without encoding; elsewhere the loop of utf8ByteLength.
const NodeBuffer = (
  globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }
).Buffer;

/** The JSON body of a batch request around the JSON array of its messages. */
export function batchBody(kind: 'email' | 'template', list: string): string {
  return kind === 'email' ? list : `{"Messages":${list}}`;
}

/**
 * The UTF-8 length of a string without encoding it (a batch can be 50 MB). JSON.stringify
 * escapes lone surrogates, so every surrogate here is half of a pair (4 bytes the pair).
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
