/**
 * `object[key]` when the object itself holds it, else `undefined`. Input that is a plain
 * object (a message init, an attachment, options) is read through this, so a polluted
 * `Object.prototype` (`Object.prototype.bcc = ...`) adds nothing to a message.
 *
 * @example ownValue({ name: 'a.txt' }, 'name') // 'a.txt'
 */
export function ownValue<T extends object, K extends keyof T>(object: T, key: K): T[K] | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * True for a plain object: `{...}`, `Object.create(null)`, or one from another realm. Not
 * an array, a Map, a Date or any other class instance, whose own properties are not what
 * the caller meant (`metadata(['a'])` must not become `{ "0": "a" }`).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Sets `target[key]` as an ordinary own property, even for `__proto__`, which plain
 * assignment would take as a change of prototype (the seed of prototype pollution).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * True for an object that can be iterated: an array, a Set, a generator. A string is
 * iterable too, by character, which a list of messages or recipients never means.
 */
export function isIterableObject(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function'
  );
}
