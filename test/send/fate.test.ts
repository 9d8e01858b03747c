import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { InactiveRecipientError } from '../../src/errors/inactive-recipient-error.js';
import { InvalidTokenError } from '../../src/errors/invalid-token-error.js';
import { MessageValidationError } from '../../src/errors/message-validation-error.js';
import { NetworkError } from '../../src/errors/network-error.js';
import { RateLimitError } from '../../src/errors/rate-limit-error.js';
import { ServerError } from '../../src/errors/server-error.js';
import { TimeoutError } from '../../src/errors/timeout-error.js';
import type { BatchFailure } from '../../src/send/batch-entry.js';
import { type Fate, fateOf } from '../../src/send/fate.js';

const failure = (error: Error, errorCode?: number): BatchFailure => ({
  status: 'failed',
  index: 0,
  ...(errorCode === undefined ? {} : { errorCode }),
  message: error.message,
  error,
});

const abort = (message: string) => Object.assign(new Error(message), { name: 'AbortError' });

// What may be sent again is exactly what the Sender's own retry rules say was not taken.
const CASES: [string, BatchFailure, Fate][] = [
  [
    'invalid',
    failure(new MessageValidationError([{ path: 'to', code: 'x', message: 'x' }])),
    'refused',
  ],
  [
    'ErrorCode 406 in a batch',
    failure(
      new InactiveRecipientError({ status: 200, errorCode: 406, recipients: ['a@b.c'] }),
      406,
    ),
    'refused',
  ],
  ['ErrorCode 300 (422)', failure(new ApiError({ status: 422, errorCode: 300 }), 300), 'refused'],
  [
    'bad token (401)',
    failure(new InvalidTokenError({ status: 401, errorCode: 10 }), 10),
    'refused',
  ],
  ['404 without an ErrorCode', failure(new ApiError({ status: 404 })), 'refused'],
  ['429', failure(new RateLimitError({ status: 429, errorCode: 429 }), 429), 'notTaken'],
  [
    'ErrorCode 429 in a batch',
    failure(new RateLimitError({ status: 200, errorCode: 429 }), 429),
    'notTaken',
  ],
  [
    '503 (maintenance, ErrorCode 100)',
    failure(new ServerError({ status: 503, errorCode: 100 }), 100),
    'notTaken',
  ],
  ['connection refused', failure(new NetworkError('refused', { safeToRetry: true })), 'notTaken'],
  [
    'aborted before its request',
    failure(abort('the batch was aborted before this message was sent')),
    'notTaken',
  ],
  ['500', failure(new ServerError({ status: 500 })), 'unknown'],
  ['a timeout', failure(new TimeoutError('slow', { timeout: 10 })), 'unknown'],
  ['a reset mid-answer', failure(new NetworkError('reset', { safeToRetry: false })), 'unknown'],
  [
    'aborted in flight',
    failure(abort('the batch was aborted while its request was in flight (it may have been sent)')),
    'unknown',
  ],
  [
    'ErrorCode 0 without a MessageID',
    failure(new ApiError({ status: 200, errorCode: 0 }), 0),
    'unknown',
  ],
  ['a batch answer that did not add up', failure(new ApiError({ status: 200 })), 'unknown'],
];

describe('the fate of a failed message', () => {
  it.each(CASES)('%s → %s', (_, entry, fate) => {
    expect(fateOf(entry)).toBe(fate);
  });
});
