import * as v from 'valibot';
import { camelize } from '../schemas/camel.js';
import { issueWording } from '../schemas/wording.js';

/**
 * A schema that checks Postmark's JSON against `schema`, then converts it with `convert`.
 * The request layer reports a failed check in one line; this puts the path of the first
 * problem into that line (`Bounces[3].BouncedAt: expected an ISO 8601 date-time, ...`), so a
 * malformed answer gives a clear `ApiError` instead of a crash deep inside the caller.
 *
 * @example
 * const Tags = reading(v.array(v.string()), (tags) => [...tags]);
 */
export function reading<TInput, TOutput>(
  schema: v.GenericSchema<unknown, TInput>,
  convert: (input: TInput) => TOutput,
): v.GenericSchema<unknown, TOutput> {
  return v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = v.safeParse(schema, dataset.value);
      if (parsed.success) return convert(parsed.output);
      addIssue({ message: describe(parsed.issues) });
      return NEVER;
    }),
  );
}

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const [first] = issues;
  if (first === undefined) return 'the answer does not have the expected shape';
  const path = (v.getDotPath(first) ?? '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
  return `${path === '' ? '' : `${path}: `}${issueWording(first)}${more}`;
}

// camelKey lives with camelize (src/schemas/camel.ts); re-exported for the API's readers.
export { camelKey } from '../schemas/camel.js';

/**
 * `camelize(raw)` with a `name` that is always text: Postmark sends `Name: null` for an
 * unnamed template, stream or server, and the API's `name` is a string (`''` then), as a
 * bounce's is.
 *
 * @example named<{ name: string }>({ ID: 1, Name: null }) // { id: 1, name: '' }
 */
export function named<T>(raw: { readonly Name?: string | null | undefined }): T {
  return Object.freeze({ ...camelize<object>(raw), name: raw.Name ?? '' }) as T;
}

/** `undefined` for null, a missing field or an empty string: "Postmark has no value here". */
export function optionalText(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}
