import { invalid } from '../errors/message-validation-error.js';
import { isPlainObject, setOwn } from '../utils/own.js';

/** How deep a template model may nest; deeper is taken for a cycle or a mistake. */
export const MAX_MODEL_DEPTH = 64;

/**
 * A copy of a template model, checked to be JSON that means what the caller wrote, and
 * frozen. Refused, naming the path (`templateModel.items[2].price`): BigInt, functions,
 * symbols, NaN and Infinity (JSON would send `null`), Dates, Maps, Sets, RegExps and other
 * class instances (JSON would send a string or `{}`), cycles. `undefined` properties are
 * left out, as JSON leaves them, which means the same to a template as a missing value.
 * Copied so the caller's object stays theirs; frozen so nobody changes ours.
 *
 * @example checkModel({ name: 'Ada', items: [{ price: 3 }] })
 */
export function checkModel(model: unknown): Readonly<Record<string, unknown>> {
  if (!isPlainObject(model)) {
    throw invalid('templateModel', 'template.model', 'a template model must be a plain object');
  }
  return copy(model, 'templateModel', new Set()) as Readonly<Record<string, unknown>>;
}

function copy(value: unknown, path: string, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      throw refused(path, `${value} has no JSON form (it would be sent as null)`);
    case 'object':
      break;
    case 'bigint':
      throw refused(path, 'a BigInt has no JSON form (send it as a string or a number)');
    default:
      throw refused(path, `a ${typeof value} has no JSON form`);
  }
  if (value === null) return null;
  if (ancestors.has(value)) throw refused(path, 'the model refers to itself (a cycle)');
  if (ancestors.size >= MAX_MODEL_DEPTH) {
    throw refused(path, `the model nests deeper than ${MAX_MODEL_DEPTH} levels`);
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        // A hole or undefined would be sent as null: say so rather than change the list.
        if (value[i] === undefined)
          throw refused(`${path}[${i}]`, 'undefined would be sent as null');
        list.push(copy(value[i], `${path}[${i}]`, ancestors));
      }
      return Object.freeze(list);
    }
    if (!isPlainObject(value)) {
      const kind = Object.prototype.toString.call(value).slice(8, -1);
      throw refused(
        path,
        `a ${kind} is not plain data (JSON would send it as ${kind === 'Date' ? 'a string' : '{}'}); convert it first`,
      );
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined) continue;
      const child = copy(item, `${path}.${key}`, ancestors);
      setOwn(out, key, child); // a `__proto__` key (from JSON.parse) is data
    }
    return Object.freeze(out);
  } finally {
    ancestors.delete(value);
  }
}

function refused(path: string, reason: string) {
  return invalid(path, 'template.model', reason);
}
