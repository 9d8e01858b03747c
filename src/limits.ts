/**
 * Every number Postmark imposes, in one place. Each is a named value so a caller can
 * override it (for example `new Sender({ limits: { maxMessageBytes: 10 * 1024 * 1024 } })`)
 * when Postmark's documentation and its behaviour turn out to differ.
 *
 * @example
 * import { DEFAULT_LIMITS } from 'postmark-fluent';
 * DEFAULT_LIMITS.maxRecipients; // 50
 */
export interface Limits {
  /** To + Cc + Bcc of one message (Postmark: "at most 50 recipients"). */
  readonly maxRecipients: number;
  /**
   * A whole message as encoded JSON, attachments base64-encoded. Postmark says "10 MB"
   * without saying 10^6 or 2^20; 10,000,000 is the reading that never lets through what
   * Postmark may reject.
   */
  readonly maxMessageBytes: number;
  /** Each of TextBody and HtmlBody (Postmark: "5 MB"; read as 5,000,000 bytes of UTF-8). */
  readonly maxBodyBytes: number;
  /** Messages in one /email/batch or /email/batchWithTemplates request. */
  readonly maxBatchMessages: number;
  /** One batch request's encoded JSON (Postmark: "50 MB"; read as 50,000,000 bytes). */
  readonly maxBatchBytes: number;
  /** Characters of the one Tag a message may carry. */
  readonly maxTagLength: number;
  /** Metadata fields per message. Unconfirmed by Postmark's own words. */
  readonly maxMetadataFields: number;
  /** Characters of a metadata key. Unconfirmed by Postmark's own words. */
  readonly maxMetadataKeyLength: number;
  /** Characters of a metadata value. Unconfirmed by Postmark's own words. */
  readonly maxMetadataValueLength: number;
  /** Attachment file extensions Postmark refuses (ErrorCode 411), lower case, no dot. */
  readonly forbiddenExtensions: readonly string[];
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxRecipients: 50,
  maxMessageBytes: 10_000_000,
  maxBodyBytes: 5_000_000,
  maxBatchMessages: 500,
  maxBatchBytes: 50_000_000,
  maxTagLength: 1000,
  maxMetadataFields: 10,
  maxMetadataKeyLength: 20,
  maxMetadataValueLength: 80,
  forbiddenExtensions: Object.freeze([
    'vbs',
    'exe',
    'bin',
    'bat',
    'chm',
    'com',
    'cpl',
    'crt',
    'hlp',
    'hta',
    'inf',
    'ins',
    'isp',
    'jse',
    'lnk',
    'mdb',
    'pcd',
    'pif',
    'reg',
    'scr',
    'sct',
    'shs',
    'vbe',
    'vba',
    'wsf',
    'wsh',
    'wsl',
    'msc',
    'msi',
    'msp',
    'mst',
  ]),
});

/** Fills the limits a caller left out with the defaults, once, so checks read one object. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return Object.freeze({ ...DEFAULT_LIMITS, ...overrides });
}
