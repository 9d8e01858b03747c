import { OVERVIEW_COUNTS } from '../postmark/tracking.js';
import * as v from './v.js';

// Postmark's JSON of the Stats API. Every count is a number, or null/absent where Postmark
// has none; days and totals may carry counts Postmark adds later.

const countsOnly = (key: string) => key === 'Date' || key === 'Days';

/** An object whose values (but `Date` and `Days`) are counts. */
const Counts = v.pipe(
  v.record(v.string(), v.unknown()),
  v.check(
    (counts) =>
      Object.entries(counts).every(
        ([key, value]) => countsOnly(key) || value === null || typeof value === 'number',
      ),
    'expected every count to be a number',
  ),
);

/** One day of a Stats answer: `{ Date: '2024-05-01', Sent: 3 }`. */
export const PostmarkStatsDaySchema = v.pipe(
  v.looseObject({ Date: v.string() }),
  v.check((day) => v.is(Counts, day), 'expected every count of the day to be a number'),
);

/** The answer of a Stats endpoint that counts by day: totals beside `Days`. */
export const PostmarkDailyStatsSchema = v.pipe(
  v.looseObject({ Days: v.nullish(v.array(PostmarkStatsDaySchema)) }),
  v.check((answer) => v.is(Counts, answer), 'expected every total to be a number'),
);

/** The answer of GET /stats/outbound: every total a number, or null. */
export const PostmarkOutboundOverviewSchema = v.looseObject(
  Object.fromEntries(OVERVIEW_COUNTS.map((name) => [name, v.nullish(v.number())])),
);

export type PostmarkDailyStats = v.InferOutput<typeof PostmarkDailyStatsSchema>;
