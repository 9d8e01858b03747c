/**
 * Every number Postmark imposes, in one place. Each is a named value so a caller can
 * override it (for example `new Sender({ limits: { maxMessageBytes: 10 * 1024 * 1024 } })`)
 * when Postmark's documentation and its behaviour turn out to differ. The builder never reads
 * these: every rule that uses a number runs in `validate()` (and at send, and in the
 * sandbox), with the limits in force there.
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
  /**
   * One bulk request's encoded JSON (Postmark: "as many recipients as you need per API call,
   * as long as you stay within the 50 MB payload size limit, including attachments"; read as
   * 50,000,000 bytes). A bulk send with more is split into several requests.
   */
  readonly maxBulkBytes: number;
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
  maxBulkBytes: 50_000_000,
  maxTagLength: 1000,
  maxMetadataFields: 10,
  maxMetadataKeyLength: 20,
  maxMetadataValueLength: 80,
  forbiddenExtensions: Object.freeze(
    'vbs exe bin bat chm com cpl crt hlp hta inf ins isp jse lnk mdb pcd pif reg scr sct shs vbe vba wsf wsh wsl msc msi msp mst'.split(
      ' ',
    ),
  ),
});

// Limits in force are resolved once per object a caller keeps (a Sender's, a sandbox's), so
// that validating every message of a batch does not spread and check them again.
const resolved = new WeakSet<Limits>([DEFAULT_LIMITS]);
const cache = new WeakMap<object, Limits>();
const forbiddenSets = new WeakMap<Limits, ReadonlySet<string>>();

/**
 * The limits in force: `overrides` laid over the defaults, each value checked, the forbidden
 * extensions normalised (lower case, no leading dot). Only own properties are read, so a
 * polluted `Object.prototype` changes nothing. Throws a `TypeError` or `RangeError` naming
 * the limit.
 *
 * @example resolveLimits({ maxRecipients: 100 }).maxRecipients; // 100
 */
export function resolveLimits(overrides?: Partial<Limits>): Limits {
  if (overrides === undefined) return DEFAULT_LIMITS;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new TypeError('limits must be an object such as { maxRecipients: 50 }');
  }
  if (resolved.has(overrides as Limits)) return overrides as Limits;
  const known = cache.get(overrides);
  if (known) return known;

  const limits: Record<string, unknown> = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(overrides)) {
    if (!Object.hasOwn(DEFAULT_LIMITS, key)) {
      throw new TypeError(
        `unknown limit '${key}'; the limits are ${Object.keys(DEFAULT_LIMITS).join(', ')}`,
      );
    }
    const value = (overrides as Record<string, unknown>)[key];
    if (value === undefined) continue;
    limits[key] = key === 'forbiddenExtensions' ? extensionList(value) : count(key, value);
  }
  const frozen = Object.freeze(limits) as unknown as Limits;
  resolved.add(frozen);
  if (Object.isFrozen(overrides)) cache.set(overrides, frozen);
  return frozen;
}

/** The forbidden extensions of `limits` as a set, built once per limits object. */
export function forbiddenExtensionSet(limits: Limits): ReadonlySet<string> {
  let set = forbiddenSets.get(limits);
  if (set === undefined) {
    set = new Set(limits.forbiddenExtensions);
    forbiddenSets.set(limits, set);
  }
  return set;
}

function count(key: string, value: unknown): number {
  // A metadata limit of 0 forbids metadata; every other limit needs room for one.
  const least = key === 'maxMetadataFields' ? 0 : 1;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least) {
    throw new RangeError(
      `limits.${key} must be a whole number, ${least} or more (got ${String(value)})`,
    );
  }
  return value;
}

function extensionList(value: unknown): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw new TypeError(
      "limits.forbiddenExtensions must be a list of extensions such as ['exe', 'bat']",
    );
  }
  return Object.freeze(value.map((item: string) => item.trim().replace(/^\.+/, '').toLowerCase()));
}
