/**
 * Freezes a value and everything in it, without recursion: a request may nest JSON
 * thousands of levels deep in a field the sandbox does not know, and a recursive freeze would
 * overflow the stack on it. Stored messages are handed to callers; freezing keeps a test
 * from changing the record.
 */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const child of Object.values(next)) pending.push(child);
  }
  return value;
}
