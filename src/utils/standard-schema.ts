// The Standard Schema interface (standardschema.dev), which valibot's schemas implement: what
// the request layer checks an answer with. Through it the request layer reads valibot's
// schemas without importing valibot, and a hand-written check (src/schemas/answers.ts) can
// stand where a schema would cost a send-only bundle all of valibot.

/** A problem found in a value; `path` leads to it. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/** The value (as the schema outputs it), or what is wrong with it. */
export type StandardResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: readonly StandardIssue[] };

/** Anything that checks an unknown value into a `T`: a valibot schema, or `checkedBy()`'s. */
export interface StandardSchema<T> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<T> | Promise<StandardResult<T>>;
  };
}

/**
 * A Standard Schema from a function that says what is wrong with a value (`undefined`: it
 * is a `T`, passed on as it is).
 * @example const Numbers = checkedBy<number[]>((v) => Array.isArray(v) ? undefined : 'expected an array');
 */
export function checkedBy<T>(problem: (value: unknown) => string | undefined): StandardSchema<T> {
  return {
    '~standard': {
      version: 1,
      vendor: 'postmark-fluent',
      validate: (value) => {
        const found = problem(value);
        return found === undefined ? { value: value as T } : { issues: [{ message: found }] };
      },
    },
  };
}

/** A value as an issue names it: `"7"`, `5`, `null`, `an object`, `nothing`. */
export function described(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
