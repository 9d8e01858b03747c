/** The limits of one batch request. */
export interface ChunkLimits {
  /** Messages per request (Postmark: 500). */
  readonly maxMessages: number;
  /** Encoded bytes per request, wrapper included (Postmark: 50 MB). */
  readonly maxBytes: number;
  /** Bytes of the wrapper around the messages (`[]`, or `{"Messages":[]}`). */
  readonly overhead: number;
}

/**
 * Splits measured items into requests of at most `maxMessages` items and `maxBytes` bytes,
 * filling each request in input order before starting the next (one comma separates two
 * messages). Lazy: an item is pulled (and so, in a batch, serialized) only when the request
 * it may join is being filled, so a batch holds the JSON of the requests in flight, not of
 * every message. Items too large for any request, even alone, go to `tooLarge`.
 */
export function* chunksOf<T extends { readonly bytes: number }>(
  items: Iterable<T>,
  limits: ChunkLimits,
  tooLarge: (item: T) => void,
): Generator<T[]> {
  let current: T[] = [];
  let size = limits.overhead;
  for (const item of items) {
    if (limits.overhead + item.bytes > limits.maxBytes) {
      tooLarge(item);
      continue;
    }
    const added = (current.length === 0 ? 0 : 1) + item.bytes;
    if (current.length === limits.maxMessages || size + added > limits.maxBytes) {
      yield current;
      current = [];
      size = limits.overhead;
    }
    size += (current.length === 0 ? 0 : 1) + item.bytes;
    current.push(item);
  }
  if (current.length > 0) yield current;
}

// Node, Bun and Deno measure natively without encoding; elsewhere the loop of utf8ByteLength.
const NodeBuffer = (
  globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }
).Buffer;

/** The JSON body of a batch request from messages already encoded, without parsing them again. */
export function encodeBatch(kind: 'email' | 'template', jsons: readonly string[]): string {
  const list = `[${jsons.join(',')}]`;
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
