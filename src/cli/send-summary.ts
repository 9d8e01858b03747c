import { isApiError } from '../errors/api-error.js';
import { isMessageValidationError } from '../errors/message-validation-error.js';
import { describeErrorCode } from '../postmark/error-codes.js';
import type { BatchEntry, BatchFailure } from '../send/batch-entry.js';
import { mayHaveBeenDelivered } from '../send/fate.js';

/** What `send` reports, as text or (with `--json`) as this object. */
export interface Summary {
  total: number;
  sent: number;
  failed: number;
  /**
   * Failures by Postmark's ErrorCode, or `invalid`, `unmatched answer` (an HTTP 200 whose
   * results did not fit the messages), `HTTP <status>`, or the error's name.
   */
  byErrorCode: Record<string, number>;
  /** Failures that may have been delivered all the same (a 500, a timeout, a broken answer). */
  maybeDelivered: number;
  /** Where the messages Postmark did not take were written, to send again. */
  failuresFile?: string;
  /** Where the messages that may have been delivered were written, to check first. */
  unknownFile?: string;
  /** A dry run (POSTMARK_TEST_MODE): answered like Postmark, nothing sent. */
  dryRun?: boolean;
}

const UNMATCHED = 'unmatched answer';

/** The key a failure is counted under: the ErrorCode when Postmark gave one. */
export function failureKind(entry: BatchFailure): string {
  if (isMessageValidationError(entry.error)) return 'invalid';
  if (entry.errorCode !== undefined) return String(entry.errorCode);
  // An HTTP 200 without an ErrorCode is an answer that did not fit the request (a result
  // count or a `To` that did not match): whether the messages were sent is unknown.
  if (isApiError(entry.error) && entry.error.errorCode === undefined && entry.error.status === 200)
    return UNMATCHED;
  if (isApiError(entry.error)) return `HTTP ${entry.error.status}`;
  return entry.error.name;
}

// Kept here by name too: the CLI's tests and callers read it from the summary.
export { mayHaveBeenDelivered };

export function summarize(entries: readonly BatchEntry[]): Summary {
  const byErrorCode: Record<string, number> = {};
  let maybeDelivered = 0;
  for (const entry of entries) {
    if (entry.status !== 'failed') continue;
    const key = failureKind(entry);
    byErrorCode[key] = (byErrorCode[key] ?? 0) + 1;
    if (mayHaveBeenDelivered(entry)) maybeDelivered++;
  }
  // Counted from the status alone, so a failure can never be shown as sent.
  const sent = entries.filter((e) => e.status === 'sent').length;
  return {
    total: entries.length,
    sent,
    failed: entries.length - sent,
    byErrorCode,
    maybeDelivered,
  };
}

/**
 * One result of `--json`. In a dry run each carries `dryRun: true`: its `status: 'sent'` and
 * `messageId` are the dry run's answer, and a script reading one result alone must see that.
 */
export function describeEntry(entry: BatchEntry, dryRun = false) {
  return { ...describeOutcome(entry), ...(dryRun ? { dryRun: true } : {}) };
}

function describeOutcome(entry: BatchEntry) {
  return entry.status === 'sent'
    ? { index: entry.index, status: entry.status, messageId: entry.messageId, to: entry.to }
    : {
        index: entry.index,
        status: entry.status,
        kind: failureKind(entry),
        ...(entry.errorCode === undefined ? {} : { errorCode: entry.errorCode }),
        message: entry.message,
      };
}

const SHOWN_FAILURES = 10;

export function formatSummary(summary: Summary, entries: readonly BatchEntry[]): string {
  const { total, sent, failed } = summary;
  const counts = `${sent} of ${total} message${total === 1 ? '' : 's'}; ${failed} failed.`;
  const lines = [
    summary.dryRun
      ? `Dry run (POSTMARK_TEST_MODE): nothing was sent. Would have sent ${counts}`
      : `Sent ${counts}`,
  ];
  for (const kind of Object.keys(summary.byErrorCode).sort(byKind))
    lines.push(`  ${label(kind)}: ${summary.byErrorCode[kind]}`);
  const failures = entries.filter((e): e is BatchFailure => e.status === 'failed');
  for (const entry of failures.slice(0, SHOWN_FAILURES))
    lines.push(`  ✗ [${entry.index}] ${entry.message}`);
  if (failures.length > SHOWN_FAILURES)
    lines.push(`  … and ${failures.length - SHOWN_FAILURES} more`);
  if (summary.maybeDelivered > 0)
    lines.push(
      `  ! ${summary.maybeDelivered} of them may have been delivered all the same (a 5xx, a timeout or a broken answer): re-sending them may send them twice.`,
    );
  if (summary.failuresFile)
    lines.push(
      `Failed messages written to ${summary.failuresFile} (re-send with: postmark-fluent send ${summary.failuresFile}).`,
    );
  if (summary.unknownFile)
    lines.push(
      `Messages that may have been delivered written to ${summary.unknownFile}: look them up (messages.search) before sending any of them again.`,
    );
  const invalid = summary.byErrorCode.invalid ?? 0;
  if (invalid > 0)
    lines.push(
      `${invalid} invalid message${invalid === 1 ? ' was' : 's were'} not sent${summary.failuresFile ? ` and ${invalid === 1 ? 'is' : 'are'} not in that file` : ''}: fix ${invalid === 1 ? 'it' : 'them'} and send again.`,
    );
  return lines.join('\n');
}

// Invalid first (the user's to fix), then ErrorCodes in order, then answers without one.
const rank = (kind: string) =>
  kind === 'invalid'
    ? 0
    : /^\d+$/.test(kind)
      ? 1
      : kind === UNMATCHED || kind.startsWith('HTTP ')
        ? 2
        : 3;

function byKind(a: string, b: string): number {
  return rank(a) - rank(b) || (rank(a) === 1 ? Number(a) - Number(b) : a.localeCompare(b));
}

function label(kind: string): string {
  if (kind === 'invalid') return 'invalid, not sent';
  // Postmark took it (ErrorCode 0) and gave no MessageID: counted failed, probably sent.
  if (kind === '0') return 'ErrorCode 0 but no MessageID (probably sent)';
  if (kind === UNMATCHED) return 'an answer that did not fit the messages (sent or not: unknown)';
  if (/^\d+$/.test(kind)) {
    const meaning = describeErrorCode(Number(kind));
    return `ErrorCode ${kind}${meaning ? ` (${meaning})` : ''}`;
  }
  if (kind.startsWith('HTTP ')) return `${kind} without an ErrorCode`;
  return kind;
}
