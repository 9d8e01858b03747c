import { streamIdProblem } from '../postmark/streams.js';
import { type Reader, text } from './fields.js';

/**
 * A message stream id, by Postmark's rule (src/postmark/streams.ts): refused before any
 * request, because Postmark would answer a bad one with "not found" and an id with a `/` in
 * it would name another endpoint.
 *
 * @example streamId('streams.create(): id', 'eu-outbound') // 'eu-outbound'
 */
export const streamId: Reader<string> = (field, value) => {
  const id = text(field, value);
  const problem = streamIdProblem(id);
  if (problem !== undefined) throw new RangeError(`${field} '${id}' ${problem}`);
  return id;
};

/** The stream id of a call's path. @example checkStreamId('streams.get()', 'outbound') */
export function checkStreamId(what: string, id: unknown): string {
  if (typeof id !== 'string') throw new TypeError(`${what}: the stream id must be a string`);
  return streamId(`${what}: the stream id`, id);
}
