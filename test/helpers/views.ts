import { format, inspect } from 'node:util';

/** Every way a value can be shown: where a secret must never appear. */
export function everyView(value: unknown): string[] {
  return [
    String(value),
    `${value}`,
    inspect(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    format('%o %O %j %s', value, value, value, value),
    JSON.stringify(value) ?? '',
    JSON.stringify(Object.getOwnPropertyDescriptors(value as object)),
    Object.getOwnPropertyNames(value as object).join(','),
  ];
}
