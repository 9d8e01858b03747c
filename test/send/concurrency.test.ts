import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from '../../src/send/concurrency.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('forEachConcurrently', () => {
  it('runs every item with at most `limit` in flight, starting them in order', async () => {
    let inFlight = 0;
    let max = 0;
    const started: number[] = [];
    await forEachConcurrently([5, 1, 3, 1, 2, 4], 2, async (ms, i) => {
      started.push(i);
      inFlight++;
      max = Math.max(max, inFlight);
      await tick(ms);
      inFlight--;
    });
    expect(max).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('handles an empty list and a limit larger than the list', async () => {
    await forEachConcurrently([], 4, async () => {
      throw new Error('never called');
    });
    const seen: number[] = [];
    await forEachConcurrently([1, 2], 10, async (item) => void seen.push(item));
    expect(seen).toEqual([1, 2]);
  });

  it('starts nothing new after a failure and passes the failure on', async () => {
    const seen: number[] = [];
    const run = forEachConcurrently([0, 1, 2, 3], 1, async (item) => {
      seen.push(item);
      if (item === 1) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(seen).toEqual([0, 1]);
  });
});
