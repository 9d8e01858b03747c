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
