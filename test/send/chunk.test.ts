import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChunkLimits, chunksOf, type Sized } from '../../src/send/chunk.js';

/** Runs the lazy planner to the end: every chunk, and what was set aside. */
function planChunks<T extends Sized>(items: T[], limits: ChunkLimits) {
  const tooLarge: T[] = [];
  const chunks = [...chunksOf(items, limits, (item) => tooLarge.push(item))];
  return { chunks, tooLarge };
}

// Bounds as tight as can be: the planner never needs an exact size.
const sized = (...bytes: number[]) => bytes.map((b, index) => ({ index, bytes: b, atMost: b }));

/** Items whose bound is `slack` times their size (or unknown), counting reads of `bytes`. */
function loose(slack: number, ...sizes: number[]) {
  const reads: number[] = [];
  const items = sizes.map((size, index) => ({
    index,
    atMost: size * slack,
    get bytes() {
      reads.push(index);
      return size;
    },
  }));
  return { items, reads };
}
const sizesOf = (chunks: readonly (readonly { bytes: number }[])[]) =>
  chunks.map((chunk) => chunk.map((item) => item.bytes));

describe('planChunks', () => {
  it('splits by count', () => {
    const plan = planChunks(sized(...Array.from({ length: 1201 }, () => 10)), {
      maxMessages: 500,
      maxBytes: 50_000_000,
      overhead: 2,
    });
    expect(plan.chunks.map((chunk) => chunk.length)).toEqual([500, 500, 201]);
    expect(plan.tooLarge).toEqual([]);
  });

  it('splits by bytes, counting the wrapper and the commas', () => {
    // overhead 2 + 10 + 1 + 10 + 1 + 10 = 34: three fit in 34, not in 33.
    expect(
      sizesOf(
        planChunks(sized(10, 10, 10, 10), { maxMessages: 500, maxBytes: 34, overhead: 2 }).chunks,
      ),
    ).toEqual([[10, 10, 10], [10]]);
    expect(
      sizesOf(
        planChunks(sized(10, 10, 10, 10), { maxMessages: 500, maxBytes: 33, overhead: 2 }).chunks,
      ),
    ).toEqual([
      [10, 10],
      [10, 10],
    ]);
  });

  it('sets aside an item too large even alone, and keeps the rest in order', () => {
    const plan = planChunks(sized(5, 100, 5), { maxMessages: 500, maxBytes: 50, overhead: 2 });
    expect(plan.tooLarge.map((item) => item.index)).toEqual([1]);
    expect(plan.chunks.map((chunk) => chunk.map((item) => item.index))).toEqual([[0, 2]]);
  });

  it('an item exactly at the limit fits alone', () => {
    expect(
      sizesOf(planChunks(sized(48, 48), { maxMessages: 500, maxBytes: 50, overhead: 2 }).chunks),
    ).toEqual([[48], [48]]);
  });

  it('property: every chunk is within both limits, and order and items are kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 20, max: 1000 }),
        (bytes, maxMessages, maxBytes) => {
          const overhead = 15;
          const items = sized(...bytes);
          const { chunks, tooLarge } = planChunks(items, { maxMessages, maxBytes, overhead });
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.length).toBeLessThanOrEqual(maxMessages);
            const size =
              overhead + chunk.reduce((sum, item) => sum + item.bytes, 0) + chunk.length - 1;
            expect(size).toBeLessThanOrEqual(maxBytes);
          }
          const placed = chunks.flat().map((item) => item.index);
          expect(placed).toEqual([...placed].sort((a, b) => a - b));
          expect([...placed, ...tooLarge.map((item) => item.index)].sort((a, b) => a - b)).toEqual(
            items.map((item) => item.index),
          );
          for (const item of tooLarge) expect(item.bytes + overhead).toBeGreaterThan(maxBytes);
        },
      ),
    );
  });
});

describe('planChunks with bounds', () => {
  it('reads no exact size while the bounds fit', () => {
    const { items, reads } = loose(6, ...Array.from({ length: 1201 }, () => 10));
    const plan = planChunks(items, { maxMessages: 500, maxBytes: 50_000_000, overhead: 2 });
    expect(plan.chunks.map((chunk) => chunk.length)).toEqual([500, 500, 201]);
    expect(reads).toEqual([]);
  });

  it('packs as tightly as the exact sizes allow when the bounds do not fit', () => {
    // Exact: 2 + 10 + 1 + 10 + 1 + 10 = 34 fits three; the bounds (60 each) fit one.
    for (const slack of [6, Number.POSITIVE_INFINITY]) {
      const { items, reads } = loose(slack, 10, 10, 10, 10);
      const plan = planChunks(items, { maxMessages: 500, maxBytes: 34, overhead: 2 });
      expect(plan.chunks.map((chunk) => chunk.map((item) => item.index))).toEqual([[0, 1, 2], [3]]);
      expect(plan.tooLarge).toEqual([]);
      expect(reads.length).toBeGreaterThan(0);
    }
  });

  it('measures an item whose bound is over the limit before setting it aside', () => {
    const { items } = loose(10, 40, 60);
    const plan = planChunks(items, { maxMessages: 500, maxBytes: 50, overhead: 2 });
    expect(plan.chunks.map((chunk) => chunk.map((item) => item.index))).toEqual([[0]]);
    expect(plan.tooLarge.map((item) => item.index)).toEqual([1]);
  });

  it('property: loose bounds give the same requests as exact sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 20, max: 1000 }),
        fc.constantFrom(1, 1.5, 6, Number.POSITIVE_INFINITY),
        (bytes, maxMessages, maxBytes, slack) => {
          const limits = { maxMessages, maxBytes, overhead: 15 };
          const indexes = (plan: ReturnType<typeof planChunks<{ index: number } & Sized>>) => ({
            chunks: plan.chunks.map((chunk) => chunk.map((item) => item.index)),
            tooLarge: plan.tooLarge.map((item) => item.index),
          });
          expect(indexes(planChunks(loose(slack, ...bytes).items, limits))).toEqual(
            indexes(planChunks(sized(...bytes), limits)),
          );
        },
      ),
    );
  });
});
