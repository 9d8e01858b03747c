import { guardFor, PostmarkError } from '../errors/postmark-error.js';
import type { BatchEntry, BatchFailure } from './batch-entry.js';

/**
 * Thrown by `BatchResult#throwIfFailed()` when any message of a batch failed. `results` is
 * every entry in input order (the sent ones too, so nothing is sent twice on a retry);
 * `failed` only the failures.
 *
 * @example
 * try { (await mailer.sendBatch(messages)).throwIfFailed(); }
 * catch (error) { if (isBatchSendError(error)) for (const f of error.failed) log(f.index, f.message); }
 */
export class BatchSendError extends PostmarkError {
  override name = 'BatchSendError';
  readonly results: readonly BatchEntry[];
  readonly failed: readonly BatchFailure[];

  constructor(results: readonly BatchEntry[]) {
    const failed = results.filter((entry): entry is BatchFailure => entry.status === 'failed');
    super(describe(results.length, failed));
    this.results = results;
    this.failed = failed;
  }
}

export const isBatchSendError = guardFor<BatchSendError>('BatchSendError');

function describe(total: number, failed: readonly BatchFailure[]): string {
  const shown = failed.slice(0, 3).map((f) => `[${f.index}] ${f.message}`);
  const more = failed.length > shown.length ? `; and ${failed.length - shown.length} more` : '';
  return `${failed.length} of ${total} messages failed: ${shown.join('; ')}${more}`;
}
