import { readPostmarkDate } from '../postmark/dates.js';
import {
  type PostmarkBounce,
  PostmarkBounceActivationSchema,
  PostmarkBounceListSchema,
  PostmarkBounceSchema,
  PostmarkBounceTagsSchema,
  type PostmarkBounceTypeName,
  PostmarkDeliveryStatsSchema,
  PostmarkDumpSchema,
} from '../schemas/bounces.js';
import { optionalText, reading } from './read.js';

/**
 * One bounce, in camelCase; `bouncedAt` is a `Date`. Text Postmark leaves empty or null is
 * `undefined`, except `name`, `description` and `details`, which are then `''`.
 *
 * @example
 * const bounce = await server.bounces.get(692560173);
 * if (bounce.inactive && bounce.canActivate) await server.bounces.activate(bounce.id);
 */
export interface Bounce {
  readonly id: number;
  /** The bounce type name, such as `HardBounce` (a string: Postmark may add types). */
  readonly type: PostmarkBounceTypeName | (string & {});
  readonly typeCode: number;
  /** Postmark's display name of the type, such as `Hard bounce`. */
  readonly name: string;
  readonly tag?: string | undefined;
  readonly messageId?: string | undefined;
  readonly serverId?: number | undefined;
  readonly messageStream?: string | undefined;
  readonly description: string;
  readonly details: string;
  readonly email: string;
  readonly from?: string | undefined;
  readonly bouncedAt: Date;
  /** Whether `bounces.dump(id)` can return the raw bounce. */
  readonly dumpAvailable: boolean;
  /** Whether the address is deactivated: Postmark refuses to send to it (ErrorCode 406). */
  readonly inactive: boolean;
  /** Whether `bounces.activate(id)` may reactivate the address. */
  readonly canActivate: boolean;
  readonly subject?: string | undefined;
  readonly content?: string | undefined;
}

/** A page of bounces and how many match in all. */
export interface BounceList {
  readonly totalCount: number;
  readonly bounces: readonly Bounce[];
}

/** The answer to `bounces.activate(id)`: Postmark's message and the bounce as it is now. */
export interface BounceActivation {
  readonly message: string;
  readonly bounce: Bounce;
}

/** Bounce counts of the server, by type. */
export interface DeliveryStats {
  /** How many addresses are deactivated. */
  readonly inactiveMails: number;
  /** The first entry is the total (`name: 'All'`, no `type`), then one per type seen. */
  readonly bounces: readonly {
    readonly type?: PostmarkBounceTypeName | (string & {}) | undefined;
    readonly name: string;
    readonly count: number;
  }[];
}

/** A checked PostmarkBounce in camelCase. */
export function toBounce(raw: PostmarkBounce): Bounce {
  return Object.freeze({
    id: raw.ID,
    type: raw.Type,
    typeCode: raw.TypeCode,
    name: raw.Name ?? '',
    tag: optionalText(raw.Tag),
    messageId: optionalText(raw.MessageID),
    serverId: raw.ServerID ?? undefined,
    messageStream: optionalText(raw.MessageStream),
    description: raw.Description ?? '',
    details: raw.Details ?? '',
    email: raw.Email,
    from: optionalText(raw.From),
    // The schema checked the text, so this is a date.
    bouncedAt: readPostmarkDate(raw.BouncedAt) as Date,
    dumpAvailable: raw.DumpAvailable,
    inactive: raw.Inactive,
    canActivate: raw.CanActivate,
    subject: optionalText(raw.Subject),
    content: optionalText(raw.Content),
  });
}

export const BounceReading = reading(PostmarkBounceSchema, toBounce);

export const BounceListReading = reading(
  PostmarkBounceListSchema,
  (raw): BounceList =>
    Object.freeze({
      totalCount: raw.TotalCount,
      bounces: Object.freeze(raw.Bounces.map(toBounce)),
    }),
);

export const BounceActivationReading = reading(
  PostmarkBounceActivationSchema,
  (raw): BounceActivation =>
    Object.freeze({ message: raw.Message ?? '', bounce: toBounce(raw.Bounce) }),
);

/** A dump's `Body`; Postmark answers an empty one when it kept no dump. */
export const DumpReading = reading(PostmarkDumpSchema, (raw): string => raw.Body ?? '');

export const BounceTagsReading = reading(PostmarkBounceTagsSchema, (tags): readonly string[] =>
  Object.freeze([...tags]),
);

export const DeliveryStatsReading = reading(
  PostmarkDeliveryStatsSchema,
  (raw): DeliveryStats =>
    Object.freeze({
      inactiveMails: raw.InactiveMails,
      bounces: Object.freeze(
        raw.Bounces.map((entry) =>
          Object.freeze({
            type: optionalText(entry.Type),
            name: entry.Name,
            count: entry.Count,
          }),
        ),
      ),
    }),
);
