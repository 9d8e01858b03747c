import { randomUUID } from 'node:crypto';
import { isApiError } from '../errors/api-error.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import { ACCOUNT_ERROR_CODES } from '../postmark/error-codes.js';
import type { BatchEntry, BatchFailure } from '../send/batch-entry.js';
import { fateOf } from '../send/fate.js';
import type { Settlement } from './ledger.js';

/**
 * What a worker records for one message after its request, from the batch's own entry:
 * - sent (a MessageID) → `sent`;
 * - refused (Postmark's ErrorCode, or invalid) → `refused`, not retried;
 * - not taken (429, 503, no connection made) → `retrying`, under a new job after `delayMs`;
 * - refused for the account, not the message (a bad token, no credits: 401, ErrorCode 10,
 *   405, 412, 413) → `retrying` too, and the whole queue pauses: every message would get the
 *   same answer until a person fixes the account, and none was taken;
 * - anything that may have been delivered (a timeout, a 500, a broken answer) → `unknown`,
 *   never retried automatically.
 * Otherwise the rules are the send pipeline's own (`fateOf`), so the outbox re-sends what a
 * Sender would retry by itself, and, of what it would not, only the account's refusals.
 */
export interface Outcome {
  readonly settlement: Settlement;
  /** Wait this long before the new job may run (retrying only). */
  readonly delayMs?: number;
  /** A 429: every worker of the queue should back off. */
  readonly rateLimited?: { readonly retryAfterMs: number | undefined };
  /** Postmark refused the account (the error says why): every worker of the queue should back off. */
  readonly accountRefused?: Error;
}

export function outcomeOf(
  jobId: string,
  attempts: number,
  entry: BatchEntry,
  backoff: (attempt: number) => number,
): Outcome {
  if (entry.status === 'sent') {
    const { messageId, submittedAt } = entry;
    return { settlement: { jobId, state: 'sent', messageId, submittedAt } };
  }
  const { error } = entry;
  const details = {
    jobId,
    errorCode: entry.errorCode,
    error: entry.message,
    reason: error.name,
  };
  const account = refusesAccount(entry);
  const fate = fateOf(entry);
  if (fate !== 'notTaken' && !account) return { settlement: { ...details, state: fate } };
  const outcome: Outcome = {
    settlement: { ...details, state: 'retrying', nextJobId: randomUUID() },
    delayMs: backoff(attempts),
  };
  if (account) return { ...outcome, accountRefused: error };
  if (!isRateLimitError(error)) return outcome;
  return {
    ...outcome,
    rateLimited: { retryAfterMs: isApiError(error) ? error.retryAfterMs : undefined },
  };
}

/** Postmark said no to the account or its token (certainly not taking the message). */
function refusesAccount(entry: BatchFailure): boolean {
  const { error } = entry;
  if (!isApiError(error)) return false;
  const code = entry.errorCode ?? error.errorCode;
  return error.status === 401 || (code !== undefined && ACCOUNT_ERROR_CODES.has(code));
}

/** A message taken from the queue whose request never started (the worker is stopping). */
export function released(jobId: string): Outcome {
  return {
    settlement: { jobId, state: 'queued', nextJobId: randomUUID(), attemptsDelta: -1 },
    delayMs: 0,
  };
}

/**
 * A message whose stored JSON cannot be read back as a message (stored by another version,
 * or changed by hand): refused without a request, with the reason.
 */
export function unreadable(jobId: string, error: Error): Outcome {
  return {
    settlement: { jobId, state: 'refused', error: error.message, reason: error.name },
  };
}

/** A batch call that threw instead of reporting entries: whether it sent anything is unknown. */
export function thrown(jobId: string, error: unknown): Outcome {
  const failure = error instanceof Error ? error : new Error(String(error));
  return {
    settlement: {
      jobId,
      state: 'unknown',
      error: `the batch failed unexpectedly, so whether it was sent is unknown: ${failure.message}`,
      reason: failure.name,
    },
  };
}
