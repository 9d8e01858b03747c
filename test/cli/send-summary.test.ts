import { describe, expect, it } from 'vitest';
import {
  describeEntry,
  formatSummary,
  mayHaveBeenDelivered,
  summarize,
} from '../../src/cli/send-summary.js';
import { ApiError } from '../../src/errors/api-error.js';
import { MessageValidationError } from '../../src/errors/message-validation-error.js';
import { NetworkError } from '../../src/errors/network-error.js';
import { ServerError } from '../../src/errors/server-error.js';
import { TimeoutError } from '../../src/errors/timeout-error.js';
import type { BatchEntry, BatchFailure } from '../../src/send/batch-entry.js';

const failure = (index: number, error: Error, errorCode?: number): BatchEntry => ({
  status: 'failed',
  index,
  ...(errorCode === undefined ? {} : { errorCode }),
  message: error.message,
  error,
});

const entries: BatchEntry[] = [
  { status: 'sent', index: 0, messageId: 'id-0', submittedAt: new Date(0), to: 'a@example.com' },
  failure(1, new MessageValidationError([{ path: 'text', code: 'content.missing', message: 'x' }])),
  failure(2, new ApiError({ status: 200, errorCode: 406 }), 406),
  failure(3, new ServerError({ status: 503, errorCode: 100 }), 100),
  failure(4, new ServerError({ status: 500 })),
  failure(5, new TimeoutError('slow', { timeout: 10 })),
  failure(6, new NetworkError('refused', { safeToRetry: true })),
  failure(7, new NetworkError('reset', { safeToRetry: false })),
];

describe('send summary', () => {
  it('marks every --json result of a dry run, and none of a real run', () => {
    const [sent, invalid] = entries as [BatchEntry, BatchEntry];
    expect(describeEntry(sent, true)).toEqual({
      index: 0,
      status: 'sent',
      messageId: 'id-0',
      to: 'a@example.com',
      dryRun: true,
    });
    expect(describeEntry(invalid, true)).toMatchObject({ status: 'failed', dryRun: true });
    expect(describeEntry(sent)).not.toHaveProperty('dryRun');
  });

  it('counts by ErrorCode, else by HTTP status or error name, and flags possible deliveries', () => {
    expect(summarize(entries)).toEqual({
      total: 8,
      sent: 1,
      failed: 7,
      byErrorCode: {
        '100': 1,
        '406': 1,
        invalid: 1,
        'HTTP 500': 1,
        TimeoutError: 1,
        NetworkError: 2,
      },
      // The 500, the timeout and the reset: Postmark may have taken them.
      maybeDelivered: 3,
    });
  });

  it('prints the counts, the first failures, and what to do next', () => {
    const text = formatSummary({ ...summarize(entries), failuresFile: 'f.jsonl' }, entries);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'Sent 1 of 8 messages; 7 failed.',
        '  ErrorCode 406 (inactive recipient): 1',
        '  invalid, not sent: 1',
        '  HTTP 500 without an ErrorCode: 1',
        '  NetworkError: 2',
        'Failed messages written to f.jsonl (re-send with: postmark-fluent send f.jsonl).',
        '1 invalid message was not sent and is not in that file: fix it and send again.',
      ]),
    );
    expect(text).toContain('! 3 of them may have been delivered');
  });
});

describe('failures that are no refusal', () => {
  it('words an answer that did not fit, and ErrorCode 0 without a MessageID, as what they are', () => {
    const unmatched = new ApiError(
      { status: 200, body: [] },
      'POST /email/batch: the answer at [0] names "x@example.com", not a recipient of that message; which were sent is unknown',
    );
    const list: BatchEntry[] = [
      failure(0, unmatched),
      failure(1, unmatched),
      failure(2, new ApiError({ status: 200, errorCode: 0 }, 'no MessageID'), 0),
    ];
    const summary = summarize(list);
    expect(summary.byErrorCode).toEqual({ 'unmatched answer': 2, '0': 1 });
    expect(summary.maybeDelivered).toBe(3);
    const lines = formatSummary(summary, list).split('\n');
    expect(lines).toContain('  ErrorCode 0 but no MessageID (probably sent): 1');
    expect(lines).toContain('  an answer that did not fit the messages (sent or not: unknown): 2');
    expect(lines.join('\n')).not.toMatch(/HTTP 200|ErrorCode 0 \(ok\)/);
  });
});

describe('what may have been delivered', () => {
  it('includes an answer with ErrorCode 0 and no MessageID: Postmark took it', () => {
    const probablySent = failure(0, new ApiError({ status: 200, errorCode: 0 }, 'no MessageID'), 0);
    expect(mayHaveBeenDelivered(probablySent as BatchFailure)).toBe(true);
    expect(summarize([probablySent]).maybeDelivered).toBe(1);
    expect(
      mayHaveBeenDelivered(
        failure(1, new ApiError({ status: 200, errorCode: 406 }), 406) as BatchFailure,
      ),
    ).toBe(false);
  });
});
