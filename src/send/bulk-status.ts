import { ApiError } from '../errors/api-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { callOptions } from '../options/call.js';
import { type PollOptions, readPollOptions } from '../options/wait.js';
import { BULK_STATUSES, type BulkStatusName, FINAL_BULK_STATUSES } from '../postmark/bulk.js';
import { readPostmarkDate } from '../postmark/dates.js';
import { BulkStatusAnswer } from '../schemas/answers.js';
import type { PostmarkBulkStatus } from '../schemas/bulk.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { poll } from '../utils/poll.js';

/**
 * How far a bulk request has gone (GET /email/bulk/{id}).
 *
 * @example
 * const { status, percentageCompleted } = await mailer.bulkStatus(bulk.id);
 */
export interface BulkStatus {
  readonly id: string;
  /** `Accepted`, `Processing`, then `Completed`; or `Failed`. */
  readonly status: BulkStatusName | (string & {});
  readonly submittedAt?: Date;
  /** The messages the request makes: one per recipient. */
  readonly totalMessages?: number;
  /** How many of them have been sent, 0 to 100. */
  readonly percentageCompleted?: number;
  readonly subject?: string;
}

/**
 * How `waitForBulk()` waits.
 *
 * @example
 * await mailer.waitForBulk(bulk.id, { until: 'Completed', timeout: 600_000, signal });
 */
export interface WaitForBulkOptions extends PollOptions {
  /**
   * When to stop: a status, a list of them (default `'Completed'`), or a predicate over the
   * status, called after each check. A request that reaches `Failed` when `until` does not
   * name it ends the wait with an `ApiError`: it will never complete.
   */
  readonly until?:
    | BulkStatusName
    | readonly BulkStatusName[]
    | ((status: BulkStatus) => boolean)
    | undefined;
}

/** GET /email/bulk/{id}, a read: retried as reads are. */
export async function bulkStatus(
  client: Client,
  id: unknown,
  options: RequestOptions | undefined,
  what = 'bulkStatus()',
): Promise<BulkStatus> {
  const checked = checkBulkId(what, id);
  const call = callOptions(what, options);
  const answer = await client.get(pathTo`/email/bulk/${checked}`, {}, BulkStatusAnswer, call);
  return readStatus(answer);
}

/**
 * Checks the bulk request's status until `until` holds, pausing `interval` ms doubling up to
 * `maxInterval`; resolves to the status. Rejects with a `TimeoutError` after `timeout` ms,
 * with the signal's reason on abort, and with an `ApiError` when the request `Failed` and
 * `until` did not ask for that.
 */
export async function waitForBulk(
  client: Client,
  id: unknown,
  options: WaitForBulkOptions = {},
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>,
): Promise<BulkStatus> {
  const checked = checkBulkId('waitForBulk()', id);
  const what = `waitForBulk('${checked}')`;
  const { settings, until: given } = readPollOptions(what, options);
  const until = readUntil(what, given);
  const done =
    typeof until === 'function' ? until : (status: BulkStatus) => until.includes(status.status);
  let last = 'no answer yet';
  return poll(
    async (signal) => {
      const status = await bulkStatus(client, checked, { signal }, what);
      if (done(status)) return status;
      last = seen(status);
      if (FINAL_BULK_STATUSES.has(status.status)) {
        throw new ApiError(
          { status: 200, body: status, request: `GET /email/bulk/${checked}` },
          `${what}: the bulk request is ${status.status}; it will not become ${describe(until)}`,
        );
      }
      return undefined;
    },
    settings,
    () =>
      new TimeoutError(
        `${what}: not ${describe(until)} within ${settings.timeout} ms; last check: ${last}`,
        {
          timeout: settings.timeout,
        },
      ),
    sleep,
  );
}

type Until = readonly string[] | ((status: BulkStatus) => boolean);

function readUntil(what: string, until: unknown): Until {
  if (until === undefined) return ['Completed'];
  if (typeof until === 'function') return until as (status: BulkStatus) => boolean;
  const names = typeof until === 'string' ? [until] : until;
  if (
    !Array.isArray(names) ||
    names.length === 0 ||
    !names.every((name) => (BULK_STATUSES as readonly unknown[]).includes(name))
  ) {
    throw new TypeError(
      `${what}: until must be one of ${BULK_STATUSES.join(', ')}, a non-empty list of them, or a function`,
    );
  }
  return Object.freeze([...names]);
}

function describe(until: Until): string {
  return typeof until === 'function' ? 'what `until` asks' : until.join(' or ');
}

function seen(status: BulkStatus): string {
  const progress =
    status.percentageCompleted === undefined
      ? ''
      : `, ${status.percentageCompleted}% of ${status.totalMessages ?? '?'} messages`;
  return `${status.status}${progress}`;
}

// An empty id would turn /email/bulk/{id} into /email/bulk, the endpoint that sends.
function checkBulkId(what: string, id: unknown): string {
  if (typeof id !== 'string') throw new TypeError(`${what}: the id must be a string`);
  if (id.trim() === '') throw new RangeError(`${what}: the id is empty`);
  return id;
}

function readStatus(answer: PostmarkBulkStatus): BulkStatus {
  const { ID, Id, Status, SubmittedAt, TotalMessages, PercentageCompleted, Subject } = answer;
  const status: Record<string, unknown> = { id: ID ?? Id, status: Status };
  const submittedAt = SubmittedAt ? readPostmarkDate(SubmittedAt) : undefined;
  if (submittedAt) status.submittedAt = submittedAt;
  if (TotalMessages !== null && TotalMessages !== undefined) status.totalMessages = TotalMessages;
  if (PercentageCompleted !== null && PercentageCompleted !== undefined)
    status.percentageCompleted = PercentageCompleted;
  if (Subject !== null && Subject !== undefined) status.subject = Subject;
  return Object.freeze(status) as unknown as BulkStatus;
}
