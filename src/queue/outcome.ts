import { randomUUID } from 'node:crypto';
import { isApiError } from '../errors/api-error.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import type { BatchEntry } from '../send/batch-entry.js';
import { fateOf } from '../send/fate.js';
import type { Settlement } from './ledger.js';

/**
 * What a worker records for one message after its request, from the batch's own entry:
 * - sent (a MessageID) → `sent`;
 * - refused (Postmark's ErrorCode, or invalid) → `refused`, not retried;
 * - not taken (429, 503, no connection made) → `retrying`, under a new job after `delayMs`;
 * - anything that may have been delivered (a timeout, a 500, a broken answer) → `unknown`,
 *   never retried automatically.
 * The rules are the send pipeline's own (`fateOf`), so the outbox re-sends exactly what a
 * Sender would retry by itself, and nothing else.
 */
export interface Outcome {
  readonly settlement: Settlement;
  /** Wait this long before the new job may run (retrying only). */
  readonly delayMs?: number;
  /** A 429: every worker of the queue should back off. */
  readonly rateLimited?: { readonly retryAfterMs: number | undefined };
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
  const fate = fateOf(entry);
  if (fate !== 'notTaken') return { settlement: { ...details, state: fate } };
  const outcome: Outcome = {
    settlement: { ...details, state: 'retrying', nextJobId: randomUUID() },
    delayMs: backoff(attempts),
  };
  if (!isRateLimitError(error)) return outcome;
  return {
    ...outcome,
    rateLimited: { retryAfterMs: isApiError(error) ? error.retryAfterMs : undefined },
  };
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
