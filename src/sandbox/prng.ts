/**
 * mulberry32: a tiny seeded generator of numbers in [0, 1). Not for cryptography; its only
 * job is that the same seed gives the same fault sequence on every machine and run.
 *
 * @example
 * const next = mulberry32(42);
 * next() === mulberry32(42)(); // true
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seed for callers who gave none; reported on the handle so a failing run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4_294_967_296) >>> 0;
}
