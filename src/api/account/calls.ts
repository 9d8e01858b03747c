import type * as v from 'valibot';
import { callOptions } from '../../options/call.js';
import type { Client, RequestOptions } from '../../transport/client.js';
import type { TransportRequest } from '../../transport/types.js';
import { checkNumberId } from '../checks.js';
import { type Fields, readFields } from '../fields.js';

// The shapes of the account API's calls, each checked before any request (and async, so a
// bad input rejects the call's promise rather than throwing where it was called): an id (Postmark's
// are numbers), a body (camelCase fields, checked and sent by Postmark's names), the call
// options. Reads and checks that change nothing retry as reads; the rest are writes, never
// repeated once they may have been carried out.

type Method = TransportRequest['method'];

/** How a call on one entity reaches Postmark. */
export interface IdCall<T> {
  /** The call's name in errors, such as `domains.verifyDkim()`. */
  readonly what: string;
  readonly method: Method;
  readonly path: (id: number) => string;
  readonly schema: v.GenericSchema<unknown, T>;
  /** Safe to repeat: a read, or a check such as a DNS verification. */
  readonly idempotent: boolean;
}

/**
 * A call on the entity with the numeric id given, without a body.
 * @example const get = idCall(client, { what: 'domains.get()', method: 'GET', path: (id) => pathTo`/domains/${id}`, schema, idempotent: true });
 */
export function idCall<T>(client: Client, call: IdCall<T>) {
  return async (id: number, options?: RequestOptions): Promise<T> => {
    const checked = checkNumberId(call.what, id);
    const checkedOptions = callOptions(call.what, options);
    return client.request({
      ...checkedOptions,
      method: call.method,
      path: call.path(checked),
      schema: call.schema,
      idempotent: call.idempotent,
    });
  };
}

/** How a call with a body reaches Postmark: its fields, and an input to show in errors. */
export interface BodyCall<T> extends Omit<IdCall<T>, 'path'> {
  readonly fields: Fields;
  readonly example: string;
}

/**
 * A call with a checked body (a create, a push, a request).
 * @example const create = bodyCall(client, '/domains', { what: 'domains.create()', method: 'POST', fields, example, schema, idempotent: false });
 */
export function bodyCall<I, T>(client: Client, path: string, call: BodyCall<T>) {
  return async (input: I, options?: RequestOptions): Promise<T> =>
    send(client, path, call, input, callOptions(call.what, options));
}

/**
 * A call with the numeric id of an entity and a checked body (an edit).
 * @example const edit = idBodyCall(client, (id) => pathTo`/domains/${id}`, { what: 'domains.edit()', method: 'PUT', fields, example, schema, idempotent: false });
 */
export function idBodyCall<I, T>(client: Client, path: (id: number) => string, call: BodyCall<T>) {
  return async (id: number, input: I, options?: RequestOptions): Promise<T> => {
    const checked = checkNumberId(call.what, id);
    return send(client, path(checked), call, input, callOptions(call.what, options));
  };
}

function send<T>(
  client: Client,
  path: string,
  call: BodyCall<T>,
  input: unknown,
  options: RequestOptions,
): Promise<T> {
  const body = readFields(input, call.fields, call.what, call.example);
  return client.request({
    ...options,
    method: call.method,
    path,
    body: JSON.stringify(body),
    schema: call.schema,
    idempotent: call.idempotent,
  });
}
