// Postmark's facts about message streams and their suppression lists, for the SDK (which
// checks input against them) and the sandbox (which answers by them). From Postmark's
// Message Streams and Suppressions API reference unless marked unconfirmed.

import { DEFAULT_STREAMS } from './answers.js';

/** The kinds of message stream a server has. */
export const MESSAGE_STREAM_TYPES = Object.freeze([
  'Transactional',
  'Broadcasts',
  'Inbound',
] as const);

/** A stream's kind: Transactional, Broadcasts, or the one Inbound stream a server has. */
export type MessageStreamType = (typeof MESSAGE_STREAM_TYPES)[number];

/** The kinds POST /message-streams creates: a server has one Inbound stream, made with it. */
export const CREATABLE_STREAM_TYPES = Object.freeze(['Transactional', 'Broadcasts'] as const);

/** How unsubscribes are handled (SubscriptionManagementConfiguration.UnsubscribeHandlingType). */
export const UNSUBSCRIBE_HANDLING_TYPES = Object.freeze(['None', 'Postmark', 'Custom'] as const);

/** The longest stream id Postmark takes. */
export const MAX_STREAM_ID_LENGTH = 30;

// Lower-case letters, digits and hyphens, starting with a letter or a digit.
const STREAM_ID = /^[a-z0-9][a-z0-9-]*$/;

/** The stream-id rule in words, for error messages on both sides. */
export const STREAM_ID_RULE = `lower-case letters, digits and hyphens, starting with a letter or a digit, at most ${MAX_STREAM_ID_LENGTH} characters`;

/**
 * Why `id` is not a stream id Postmark takes, or undefined when it is one.
 *
 * @example streamIdProblem('eu-outbound') // undefined
 * @example streamIdProblem('EU') // 'must be lower-case letters, digits and hyphens, ...'
 */
export function streamIdProblem(id: string): string | undefined {
  if (id.length <= MAX_STREAM_ID_LENGTH && STREAM_ID.test(id)) return undefined;
  return `must be ${STREAM_ID_RULE}`;
}

/**
 * How long Postmark keeps an archived stream (and its messages) before purging it: its
 * `ExpectedPurgeDate` is this many days after archiving. Unconfirmed by the API reference
 * (Postmark's help pages say 45 days).
 */
export const ARCHIVED_STREAM_RETENTION_DAYS = 45;

/**
 * Whether `id` is one of the streams a server comes with (`outbound`, `inbound`,
 * `broadcast`). Postmark's Message Streams reference: "Default Streams cannot be deleted";
 * archiving is how a stream is deleted, so these cannot be archived (the ErrorCode and words
 * of that refusal are unconfirmed: ERROR_CODES.defaultStreamNotArchivable).
 *
 * @example isDefaultStream('outbound') // true
 */
export function isDefaultStream(id: string): boolean {
  return DEFAULT_STREAMS.some((stream) => stream.id === id);
}

/** The most addresses one POST .../suppressions or .../suppressions/delete takes. */
export const MAX_SUPPRESSIONS_PER_REQUEST = 50;

/** Why an address is suppressed. */
export const SUPPRESSION_REASONS = Object.freeze([
  'HardBounce',
  'SpamComplaint',
  'ManualSuppression',
] as const);

export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Who suppressed it: the recipient (a bounce, a complaint, an unsubscribe), you, or Postmark. */
export const SUPPRESSION_ORIGINS = Object.freeze(['Recipient', 'Customer', 'Admin'] as const);

export type SuppressionOrigin = (typeof SUPPRESSION_ORIGINS)[number];

/** Postmark's `Message` for an address a suppression call could not change. */
export const SUPPRESSION_WORDING = Object.freeze({
  invalidAddress: 'An invalid email address was provided.',
  /** Deleting a SpamComplaint suppression: only Postmark's support can. */
  notAllowed: 'You do not have the required authority to change this suppression.',
});
