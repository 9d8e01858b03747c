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
