/**
 * Runs `task` over every item with at most `limit` running at once, starting them in order.
 * Items are pulled one at a time, so a lazy iterable is read only as fast as tasks start.
 * Tasks are expected to settle their own errors; after a rejection no further task starts,
 * and the first rejection is passed on once the running ones have finished.
 */
export async function forEachConcurrently<T>(
  items: Iterable<T>,
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed) {
      const pulled = iterator.next();
      if (pulled.done) return;
      const index = next++;
      try {
        await task(pulled.value, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: limit }, worker);
  const settled = await Promise.allSettled(workers);
  const failure = settled.find(
    (result): result is PromiseRejectedResult => result.status === 'rejected',
  );
  if (failure) throw failure.reason;
}
