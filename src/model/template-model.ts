import { invalid } from '../errors/message-validation-error.js';
import { copyJsonData } from '../utils/json-data.js';
import { isPlainObject } from '../utils/own.js';

/**
 * A copy of a template model, checked to be JSON that means what the caller wrote (see
 * `copyJsonData`: no BigInt, NaN, Dates, Maps, class instances, cycles...), and frozen,
 * naming the path of a bad value (`templateModel.items[2].price`). Copied so the caller's
 * object stays theirs; frozen so nobody changes ours.
 *
 * @example checkModel({ name: 'Ada', items: [{ price: 3 }] })
 */
export function checkModel(model: unknown): Readonly<Record<string, unknown>> {
  if (!isPlainObject(model)) {
    throw invalid('templateModel', 'template.model', 'a template model must be a plain object');
  }
  return copyJsonData(model, 'templateModel', (path, reason) =>
    invalid(path, 'template.model', reason),
  ) as Readonly<Record<string, unknown>>;
}
