import { callOptions } from '../options/call.js';
import {
  MAX_SUPPRESSIONS_PER_REQUEST,
  SUPPRESSION_ORIGINS,
  SUPPRESSION_REASONS,
  type SuppressionOrigin,
  type SuppressionReason,
} from '../postmark/streams.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { date, email, list, oneOf } from './fields.js';
import { type DateFilter, rule, searchQuery } from './filters.js';
import { write } from './requests.js';
import { checkStreamId } from './stream-id.js';
import { SuppressionBatchError } from './suppression-batch-error.js';
import {
  type SuppressionList,
  SuppressionListReading,
  type SuppressionResult,
  type SuppressionResults,
  SuppressionResultsReading,
} from './suppression-results.js';

/** What `suppressions.list()` takes. Every field is optional. */
export interface SuppressionFilter {
  readonly suppressionReason?: SuppressionReason | undefined;
  readonly origin?: SuppressionOrigin | undefined;
  readonly fromDate?: DateFilter | undefined;
  readonly toDate?: DateFilter | undefined;
  /** One address (the whole address, not a part). */
  readonly emailAddress?: string | undefined;
}

/**
 * The Suppressions API of one server: `server.suppressions` (server token). Each message
 * stream has its own list of addresses Postmark will not send to: sends to them answer
 * ErrorCode 406 (`InactiveRecipientError`). Postmark takes at most 50 addresses a call;
 * `add()` and `remove()` send a longer list as several requests, in order, and resolve to
 * one result per address (see `SuppressionBatchError` for a request that fails midway).
 *
 * @example
 * await server.suppressions.add('outbound', ['ada@example.com']);
 * const { suppressions } = await server.suppressions.list('outbound', { suppressionReason: 'ManualSuppression' });
 */
export interface SuppressionsApi {
  /**
   * The suppressed addresses of a stream (GET .../suppressions/dump; not paged).
   * @example const { suppressions } = await server.suppressions.list('outbound', { origin: 'Recipient' });
   */
  list(
    streamId: string,
    filter?: SuppressionFilter,
    options?: RequestOptions,
  ): Promise<SuppressionList>;
  /**
   * Suppresses addresses on a stream. Every address is checked before the first request.
   * @example const { suppressions } = await server.suppressions.add('outbound', ['ada@example.com']); // [{ emailAddress, status: 'Suppressed' }]
   */
  add(
    streamId: string,
    emails: readonly string[],
    options?: RequestOptions,
  ): Promise<SuppressionResults<'Suppressed'>>;
  /**
   * Removes suppressions, so the addresses can be sent to again (a HardBounce suppression's
   * bounce is reactivated). A SpamComplaint suppression cannot be removed: its address comes
   * back `Failed`, with Postmark's message.
   * @example await server.suppressions.remove('outbound', ['ada@example.com']); // [{ emailAddress, status: 'Deleted' }]
   */
  remove(
    streamId: string,
    emails: readonly string[],
    options?: RequestOptions,
  ): Promise<SuppressionResults<'Deleted'>>;
}

const FILTER = {
  suppressionReason: rule('SuppressionReason', oneOf(SUPPRESSION_REASONS)),
  origin: rule('Origin', oneOf(SUPPRESSION_ORIGINS)),
  fromDate: rule('fromdate', date),
  toDate: rule('todate', date),
  emailAddress: rule('EmailAddress', email),
};

const addresses = list(email);

/** The Suppressions API over `client`. @example const suppressions = createSuppressionsApi(client); */
export function createSuppressionsApi(client: Client): SuppressionsApi {
  const base = (what: string, stream: unknown) =>
    pathTo`/message-streams/${checkStreamId(what, stream)}/suppressions`;

  async function change<Status extends string>(
    what: string,
    path: string,
    given: unknown,
    options: RequestOptions | undefined,
  ): Promise<SuppressionResults<Status>> {
    // A hole in a sparse list is an address too (undefined, refused), not a gap to skip.
    const emails = addresses(`${what}: emails`, Array.isArray(given) ? Array.from(given) : given);
    const call = callOptions(what, options);
    const done: SuppressionResult<Status>[] = [];
    for (let start = 0; start < emails.length; start += MAX_SUPPRESSIONS_PER_REQUEST) {
      const chunk = emails.slice(start, start + MAX_SUPPRESSIONS_PER_REQUEST);
      const body = { Suppressions: chunk.map((address) => ({ EmailAddress: address })) };
      try {
        const answer = await write(client, 'POST', path, body, SuppressionResultsReading, call);
        done.push(...(answer.suppressions as readonly SuppressionResult<Status>[]));
      } catch (error) {
        // Nothing done yet: the request's own error says all there is to say.
        if (start === 0) throw error;
        const sofar = Object.freeze({ suppressions: Object.freeze([...done]) });
        throw new SuppressionBatchError<Status>(what, sofar, emails.slice(start), error);
      }
    }
    return Object.freeze({ suppressions: Object.freeze(done) });
  }

  return Object.freeze({
    async list(stream: string, filter?: SuppressionFilter, options?: RequestOptions) {
      const path = `${base('suppressions.list()', stream)}/dump`;
      const query = searchQuery(filter, FILTER, { what: 'suppressions.list()' });
      const call = callOptions('suppressions.list()', options);
      return client.get(path, query, SuppressionListReading, call);
    },
    async add(stream: string, emails: readonly string[], options?: RequestOptions) {
      const path = base('suppressions.add()', stream);
      return change<'Suppressed'>('suppressions.add()', path, emails, options);
    },
    async remove(stream: string, emails: readonly string[], options?: RequestOptions) {
      const path = `${base('suppressions.remove()', stream)}/delete`;
      return change<'Deleted'>('suppressions.remove()', path, emails, options);
    },
  });
}
