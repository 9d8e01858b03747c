import { isPlainObject } from './own.js';

/**
 * The own properties of an options object, checked against the names it may have, in an
 * object without a prototype: a polluted `Object.prototype.fetch` or `.baseUrl` is never
 * read as an option. `what` names the options in errors (`Sender option`, `retry`).
 *
 * @example readOptions({ timeout: 10 }, ['timeout'], 'Sender option').timeout // 10
 */
export function readOptions<K extends string>(
  options: unknown,
  known: readonly K[],
  what: string,
  example: string,
): Partial<Record<K, unknown>> {
  if (options === undefined) return Object.create(null);
  if (!isPlainObject(options)) throw new TypeError(`${what} must be an object such as ${example}`);
  const read: Partial<Record<K, unknown>> = Object.create(null);
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      throw new TypeError(
        `unknown ${what} "${key}"${suggest(key, known)}; known: ${known.join(', ')}`,
      );
    }
    const value = options[key];
    if (value !== undefined) read[key as K] = value;
  }
  return read;
}

/**
 * " (did you mean 'baseUrl'?)" for a name that differs from a known one only in case or by a
 * letter or two: the nearest one, so `contentID` means `contentId`, not `content`.
 */
export function suggest(name: string, known: readonly string[]): string {
  const folded = name.toLowerCase();
  let near: string | undefined;
  let nearest = 3;
  for (const candidate of known) {
    const distance = editDistance(candidate.toLowerCase(), folded);
    if (distance < nearest) [near, nearest] = [candidate, distance];
  }
  return near ? ` (did you mean "${near}"?)` : '';
}

/** Levenshtein distance, for short names (options, fields, commands). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = saved;
    }
  }
  return row[b.length] as number;
}
