import { PostmarkDateSchema } from './bounces.js';
import * as v from './v.js';

// Postmark's JSON of the opens and clicks searches. Loose objects, nullish where Postmark
// sends null or leaves a field out (Geo and Client are empty for many opens).

const Agent = v.nullish(
  v.looseObject({
    Name: v.nullish(v.string()),
    Family: v.nullish(v.string()),
    Company: v.nullish(v.string()),
  }),
);

const Geo = v.nullish(
  v.looseObject({
    IP: v.nullish(v.string()),
    City: v.nullish(v.string()),
    Country: v.nullish(v.string()),
    CountryISOCode: v.nullish(v.string()),
    Region: v.nullish(v.string()),
    RegionISOCode: v.nullish(v.string()),
    Zip: v.nullish(v.string()),
    Coords: v.nullish(v.string()),
  }),
);

const TRACKED = {
  RecordType: v.nullish(v.string()),
  MessageID: v.string(),
  Recipient: v.string(),
  ReceivedAt: PostmarkDateSchema,
  MessageStream: v.nullish(v.string()),
  Tag: v.nullish(v.string()),
  Metadata: v.nullish(v.record(v.string(), v.string())),
  Platform: v.nullish(v.string()),
  UserAgent: v.nullish(v.string()),
  Client: Agent,
  OS: Agent,
  Geo,
};

/** One open, as GET /messages/outbound/opens lists it. */
export const PostmarkOpenSchema = v.looseObject({
  ...TRACKED,
  FirstOpen: v.nullish(v.boolean()),
  ReadSeconds: v.nullish(v.number()),
});

/** One click, as GET /messages/outbound/clicks lists it. */
export const PostmarkClickSchema = v.looseObject({
  ...TRACKED,
  OriginalLink: v.string(),
  ClickLocation: v.nullish(v.string()),
});

export const PostmarkOpenListSchema = v.looseObject({
  TotalCount: v.number(),
  Opens: v.array(PostmarkOpenSchema),
});

export const PostmarkClickListSchema = v.looseObject({
  TotalCount: v.number(),
  Clicks: v.array(PostmarkClickSchema),
});

// The same parts in camelCase, as the opens and clicks searches and the webhooks give them.

/** The software or system an open or click came from, as far as Postmark could tell. */
export interface UserAgentPart {
  /** e.g. `Gmail`, `OS X 10.9 Mavericks`. */
  readonly name?: string;
  /** e.g. `Gmail`, `OS X`. */
  readonly family?: string;
  /** e.g. `Google`, `Apple Computer, Inc.`. */
  readonly company?: string;
}

/** Where an open or click came from. */
export interface GeoLocation {
  readonly ip?: string;
  readonly city?: string;
  readonly country?: string;
  readonly countryIsoCode?: string;
  readonly region?: string;
  readonly regionIsoCode?: string;
  readonly zip?: string;
  /** Latitude and longitude, e.g. `"42.1,-71.3"`. */
  readonly coords?: string;
}
