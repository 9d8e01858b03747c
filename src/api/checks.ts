/**
 * Checks an id before it goes into a path. An empty or missing id would turn
 * `/bounces/{id}` into `/bounces/`, another endpoint; odd characters are fine, because
 * `pathTo` encodes them.
 */
export function checkId(what: string, id: unknown, numeric: boolean): string | number {
  if (typeof id === 'number' && numeric) {
    if (Number.isSafeInteger(id) && id >= 0) return id;
    throw new RangeError(`${what}: the id must be a whole number ≥ 0; got ${id}`);
  }
  if (typeof id !== 'string') {
    throw new TypeError(`${what}: the id must be a ${numeric ? 'number or a ' : ''}string`);
  }
  if (id.trim() === '') throw new RangeError(`${what}: the id is empty`);
  return id;
}

/**
 * Checks an id that Postmark gives as a number only (a webhook's, an inbound rule's): a
 * string is refused rather than sent, so `'12'` from a form field fails here, not at Postmark.
 */
export function checkNumberId(what: string, id: unknown): number {
  if (typeof id !== 'number') throw new TypeError(`${what}: the id must be a number`);
  return checkId(what, id, true) as number;
}
