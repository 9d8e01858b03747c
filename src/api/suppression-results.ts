import type { SuppressionOrigin, SuppressionReason } from '../postmark/streams.js';
import {
  PostmarkSuppressionListSchema,
  PostmarkSuppressionStatusListSchema,
} from '../schemas/streams.js';
import { camelize } from './camel.js';
import { reading } from './read.js';

export type { SuppressionOrigin, SuppressionReason } from '../postmark/streams.js';

/** An address Postmark does not send to on one stream. */
export interface Suppression {
  readonly emailAddress: string;
  readonly suppressionReason: SuppressionReason | (string & {});
  readonly origin: SuppressionOrigin | (string & {});
  readonly createdAt: Date;
}

export interface SuppressionList {
  readonly suppressions: readonly Suppression[];
}

/**
 * What became of one address in `suppressions.add()` (`Suppressed`) or `remove()`
 * (`Deleted`); `Failed` with Postmark's `message` when it could not be changed.
 */
export interface SuppressionResult<Status extends string = string> {
  readonly emailAddress: string;
  readonly status: Status | 'Failed' | (string & {});
  readonly message?: string;
}

/** One result per address, in the order the addresses were given. */
export interface SuppressionResults<Status extends string = string> {
  readonly suppressions: readonly SuppressionResult<Status>[];
}

export const SuppressionListReading = reading(PostmarkSuppressionListSchema, (raw) =>
  camelize<SuppressionList>(raw),
);

export const SuppressionResultsReading = reading(PostmarkSuppressionStatusListSchema, (raw) =>
  camelize<SuppressionResults>(raw),
);
