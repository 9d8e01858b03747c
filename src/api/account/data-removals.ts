import { PostmarkDataRemovalSchema } from '../../schemas/account.js';
import { type Client, pathTo, type RequestOptions } from '../../transport/client.js';
import { camelize } from '../camel.js';
import { email, field, flag } from '../fields.js';
import { reading } from '../read.js';
import { bodyCall, idCall } from './calls.js';

/** A data removal request and where it stands. */
export interface DataRemoval {
  readonly id: number;
  /** `Pending`, then `Done`. */
  readonly status: 'Pending' | 'Done' | (string & {});
}

export interface DataRemovalInput {
  /** Who asks (an address of the account). */
  readonly requestedBy: string;
  /** Whose data to remove: the address of the person who asked for it. */
  readonly requestedFor: string;
  /** Email `requestedBy` when the removal is done. */
  readonly notifyWhenCompleted: boolean;
}

/**
 * Requests to remove a person's data from the account (GDPR and the like):
 * `account.dataRemovals`.
 *
 * @example
 * const { id } = await account.dataRemovals.request({ requestedBy: 'privacy@example.com', requestedFor: 'ada@example.com', notifyWhenCompleted: true });
 * (await account.dataRemovals.status(id)).status; // 'Pending', later 'Done'
 */
export interface DataRemovalsApi {
  /** Asks Postmark to remove what it keeps about `requestedFor`. @example await account.dataRemovals.request({ requestedBy, requestedFor, notifyWhenCompleted: false }); */
  request(input: DataRemovalInput, options?: RequestOptions): Promise<DataRemoval>;
  /** Where a request stands. @example await account.dataRemovals.status(12); */
  status(id: number, options?: RequestOptions): Promise<DataRemoval>;
}

const FIELDS = {
  requestedBy: field('RequestedBy', email, true),
  requestedFor: field('RequestedFor', email, true),
  notifyWhenCompleted: field('NotifyWhenCompleted', flag, true),
};

const RemovalReading = reading(PostmarkDataRemovalSchema, (raw) => camelize<DataRemoval>(raw));

/** The Data Removals API over `client`. @example const dataRemovals = createDataRemovalsApi(client); */
export function createDataRemovalsApi(client: Client): DataRemovalsApi {
  return Object.freeze({
    request: bodyCall<DataRemovalInput, DataRemoval>(client, '/data-removals', {
      what: 'dataRemovals.request()',
      method: 'POST',
      fields: FIELDS,
      example:
        "{ requestedBy: 'privacy@example.com', requestedFor: 'ada@example.com', notifyWhenCompleted: true }",
      schema: RemovalReading,
      idempotent: false,
    }),
    status: idCall(client, {
      what: 'dataRemovals.status()',
      method: 'GET',
      path: (id) => pathTo`/data-removals/${id}`,
      schema: RemovalReading,
      idempotent: true,
    }),
  });
}
