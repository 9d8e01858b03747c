/** The limits of one batch request. */
export interface ChunkLimits {
  /** Messages per request (Postmark: 500). */
  readonly maxMessages: number;
  /** Encoded bytes per request, wrapper included (Postmark: 50 MB). */
  readonly maxBytes: number;
  /** Bytes of the wrapper around the messages (`[]`, or `{"Messages":[]}`). */
  readonly overhead: number;
}

export interface ChunkPlan<T> {
  /** Consecutive runs of the input, in input order, each within both limits. */
  readonly chunks: readonly (readonly T[])[];
  /** Items too large to fit in any request, even alone. */
  readonly tooLarge: readonly T[];
}

/**
 * Splits measured items into requests of at most `maxMessages` items and `maxBytes` bytes,
 * filling each request in input order before starting the next (one comma separates two
 * messages). Sizes come from the items, measured once; nothing is re-encoded here.
 */
export function planChunks<T extends { readonly bytes: number }>(
  items: readonly T[],
  limits: ChunkLimits,
): ChunkPlan<T> {
  const chunks: T[][] = [];
  const tooLarge: T[] = [];
  let current: T[] = [];
  let size = limits.overhead;
  for (const item of items) {
    if (limits.overhead + item.bytes > limits.maxBytes) {
      tooLarge.push(item);
      continue;
    }
    const added = (current.length === 0 ? 0 : 1) + item.bytes;
    if (current.length === limits.maxMessages || size + added > limits.maxBytes) {
      chunks.push(current);
      current = [];
      size = limits.overhead;
    }
    size += (current.length === 0 ? 0 : 1) + item.bytes;
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, tooLarge };
}

/** The JSON body of a batch request from messages already encoded, without parsing them again. */
export function encodeBatch(kind: 'email' | 'template', jsons: readonly string[]): string {
  const list = `[${jsons.join(',')}]`;
  return kind === 'email' ? list : `{"Messages":${list}}`;
}

/**
 * The UTF-8 length of a string without encoding it (a batch can be 50 MB). JSON.stringify
 * escapes lone surrogates, so every surrogate here is half of a pair (4 bytes the pair).
 */
export function utf8ByteLength(text: string): number {
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
