import { isPlainObject, setOwn } from './own.js';

/** How deep JSON data may nest; deeper is taken for a cycle or a mistake. */
export const MAX_JSON_DEPTH = 64;

/**
 * A frozen copy of `value`, checked to be JSON that means what the caller wrote. Refused,
 * through `fail(path, reason)`: BigInt, functions, symbols, NaN and Infinity (JSON would send
 * `null`), Dates, Maps, Sets, RegExps and other class instances (JSON would send a string or
 * `{}`), holes and `undefined` in lists (sent as `null`), cycles. `undefined` properties are
 * left out, as JSON leaves them. A `__proto__` key is kept as data.
 *
 * @example copyJsonData({ items: [{ price: 3 }] }, 'model', (path, why) => new TypeError(`${path}: ${why}`))
 */
export function copyJsonData(
  value: unknown,
  path: string,
  fail: (path: string, reason: string) => Error,
  ancestors: Set<object> = new Set(),
): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      throw fail(path, `${value} has no JSON form (it would be sent as null)`);
    case 'bigint':
      throw fail(path, 'a BigInt has no JSON form (send it as a string or a number)');
    case 'object':
      break;
    default:
      throw fail(path, `a ${typeof value} has no JSON form`);
  }
  if (value === null) return null;
  if (ancestors.has(value)) throw fail(path, 'it refers to itself (a cycle)');
  if (ancestors.size >= MAX_JSON_DEPTH)
    throw fail(path, `it nests deeper than ${MAX_JSON_DEPTH} levels`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        if (value[i] === undefined) throw fail(`${path}[${i}]`, 'undefined would be sent as null');
        list.push(copyJsonData(value[i], `${path}[${i}]`, fail, ancestors));
      }
      return Object.freeze(list);
    }
    if (!isPlainObject(value)) {
      const kind = Object.prototype.toString.call(value).slice(8, -1);
      throw fail(
        path,
        `a ${kind} is not plain data (JSON would send it as ${kind === 'Date' ? 'a string' : '{}'}); convert it first`,
      );
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item !== undefined)
        setOwn(out, key, copyJsonData(item, `${path}.${key}`, fail, ancestors));
    }
    return Object.freeze(out);
  } finally {
    ancestors.delete(value);
  }
}
