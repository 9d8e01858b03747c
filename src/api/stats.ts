import type * as v from 'valibot';
import { callOptions } from '../options/call.js';
import { easternText } from '../postmark/dates.js';
import { DAILY_STATS, OVERVIEW_COUNTS } from '../postmark/tracking.js';
import {
  type PostmarkDailyStats,
  PostmarkDailyStatsSchema,
  PostmarkOutboundOverviewSchema,
} from '../schemas/stats.js';
import type { Client, RequestOptions } from '../transport/client.js';
import { camelize } from './camel.js';
import { filterDate } from './dates.js';
import { type Rules, rule, searchQuery, text } from './filters.js';
import { camelKey, reading } from './read.js';

/**
 * Which messages a statistic counts. Every field is optional; without dates, Postmark counts
 * its whole retention period.
 *
 * @example
 * await server.stats.sends({ tag: 'welcome', fromDate: '2024-05-01', toDate: '2024-05-31' });
 */
export interface StatsFilter {
  readonly tag?: string;
  /** The first day counted: `'YYYY-MM-DD'` (a day in Postmark's Eastern time), or a `Date`. */
  readonly fromDate?: Date | string;
  /** The last day counted, included. */
  readonly toDate?: Date | string;
  /** The message stream id (sent as `messagestream`); without it, every stream. */
  readonly stream?: string;
}

/** GET /stats/outbound in camelCase. Rates are percentages. */
export interface OutboundOverview {
  readonly sent: number;
  readonly bounced: number;
  readonly smtpApiErrors: number;
  readonly bounceRate: number;
  readonly spamComplaints: number;
  readonly spamComplaintsRate: number;
  readonly opens: number;
  readonly uniqueOpens: number;
  readonly tracked: number;
  readonly withClientRecorded: number;
  readonly withPlatformRecorded: number;
  readonly withReadTimeRecorded: number;
  readonly totalClicks: number;
  readonly uniqueLinksClicked: number;
  readonly totalTrackedLinksSent: number;
  readonly withLinkTracking: number;
  readonly withOpenTracking: number;
}

/**
 * Counts with fixed names, in all and day by day: `{ sent: 5, days: [{ date: '2024-05-01',
 * sent: 5 }] }`. A count Postmark leaves out is 0; one it adds later comes in camelCase.
 */
export type DailyCounts<K extends string> = Readonly<Record<K, number>> & {
  readonly days: readonly (Readonly<Record<K, number>> & { readonly date: string })[];
};

/**
 * Counts under names Postmark takes from the data (email clients, browsers, read-time
 * buckets), kept as Postmark writes them: `{ counts: { 'Apple Mail': 3 }, days: [...] }`.
 */
export interface NamedCounts {
  readonly counts: Readonly<Record<string, number>>;
  readonly days: readonly {
    readonly date: string;
    readonly counts: Readonly<Record<string, number>>;
  }[];
}

type Stat<T> = (filter?: StatsFilter, options?: RequestOptions) => Promise<T>;

/**
 * The Stats API of one server: `server.stats`. Every call is a read, retried on 5xx, 429 and
 * timeouts, and takes a `StatsFilter`.
 *
 * @example
 * const { sent, bounced, bounceRate } = await server.stats.overview({ fromDate: '2024-05-01' });
 */
export interface StatsApi {
  /** Totals of sends, bounces, spam, opens and clicks. @example await server.stats.overview(); */
  overview: Stat<OutboundOverview>;
  /** Messages sent. @example (await server.stats.sends()).sent */
  sends: Stat<DailyCounts<'sent'>>;
  /** Bounces by kind. @example (await server.stats.bounces()).hardBounce */
  bounces: Stat<DailyCounts<'hardBounce' | 'softBounce' | 'smtpApiError' | 'transient'>>;
  /** Spam complaints. @example (await server.stats.spam()).spamComplaint */
  spam: Stat<DailyCounts<'spamComplaint'>>;
  /** Messages sent with open tracking. @example (await server.stats.tracked()).tracked */
  tracked: Stat<DailyCounts<'tracked'>>;
  /** Opens, and unique opens. @example (await server.stats.opens()).unique */
  opens: Stat<DailyCounts<'opens' | 'unique'>>;
  /** Opens by platform. @example (await server.stats.openPlatforms()).mobile */
  openPlatforms: Stat<DailyCounts<'desktop' | 'mobile' | 'webMail' | 'unknown'>>;
  /** Opens by email client. @example (await server.stats.openClients()).counts['Apple Mail'] */
  openClients: Stat<NamedCounts>;
  /** Opens by how long the message was read. @example (await server.stats.readTimes()).counts */
  readTimes: Stat<NamedCounts>;
  /** Clicks, and unique clicks. @example (await server.stats.clicks()).clicks */
  clicks: Stat<DailyCounts<'clicks' | 'unique'>>;
  /** Clicks by browser family. @example (await server.stats.clickBrowsers()).counts */
  clickBrowsers: Stat<NamedCounts>;
  /** Clicks by platform. @example (await server.stats.clickPlatforms()).desktop */
  clickPlatforms: Stat<DailyCounts<'desktop' | 'mobile' | 'unknown'>>;
  /** Clicks by the body they were in. @example (await server.stats.clickLocations()).html */
  clickLocations: Stat<DailyCounts<'html' | 'text'>>;
}

// Postmark's stats are kept by day: a Date is taken as its day in Eastern time; a time of
// day would be ignored, so it is refused rather than silently dropped. A string that is no
// date at all is told the one form a day takes, not the date-time forms other filters take.
const day = (field: string, value: unknown): string => {
  let sent: string;
  try {
    sent = filterDate(field, value);
  } catch (error) {
    if (typeof value !== 'string') throw error;
    throw new RangeError(
      `${field} '${value}' is not a date: statistics take a day, 'YYYY-MM-DD' (Eastern time, as Postmark reads it), or a Date`,
    );
  }
  if (value instanceof Date) return easternText(value.getTime()).slice(0, 10);
  if (sent.length !== 10)
    throw new RangeError(
      `${field} '${String(value)}' has a time; statistics take a day: 'YYYY-MM-DD'`,
    );
  return sent;
};

const FILTER: Rules = {
  tag: rule('tag', text),
  fromDate: rule('fromdate', day),
  toDate: rule('todate', day),
  stream: rule('messagestream', text),
};

const OverviewReading = reading(PostmarkOutboundOverviewSchema, (raw): OutboundOverview => {
  const overview: Record<string, number> = {};
  for (const key of OVERVIEW_COUNTS) overview[camelKey(key)] = 0;
  return Object.freeze({
    ...overview,
    ...camelize<Record<string, number>>(raw),
  }) as unknown as OutboundOverview;
});

type Raw = Readonly<Record<string, unknown>>;

function fixedCounts(raw: Raw, names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[camelKey(name)] = 0;
  for (const [key, value] of Object.entries(raw))
    if (typeof value === 'number') counts[camelKey(key)] = value;
  return counts;
}

function namedCounts(raw: Raw): Readonly<Record<string, number>> {
  const counts: Record<string, number> = Object.create(null);
  for (const [key, value] of Object.entries(raw))
    if (typeof value === 'number' && key !== 'Date') counts[key] = value;
  return Object.freeze(counts);
}

const daysOf = (raw: PostmarkDailyStats) => (raw.Days ?? []) as readonly Raw[];

function dailyReading(counts: readonly string[] | 'named') {
  const read =
    counts === 'named'
      ? (raw: Raw) => ({ counts: namedCounts(raw) })
      : (raw: Raw) => fixedCounts(raw, counts);
  return reading(PostmarkDailyStatsSchema, (raw) =>
    Object.freeze({
      ...read(raw),
      days: Object.freeze(
        daysOf(raw).map((entry) => Object.freeze({ date: entry.Date as string, ...read(entry) })),
      ),
    }),
  );
}

/** The Stats API over `client`. @example const stats = createStatsApi(client); */
export function createStatsApi(client: Client): StatsApi {
  const stat =
    <T>(name: string, path: string, schema: v.GenericSchema<unknown, T>): Stat<T> =>
    async (filter, options) => {
      const what = `stats.${name}()`;
      const query = searchQuery(filter, FILTER, { what });
      return client.get(`/stats/outbound${path}`, query, schema, callOptions(what, options));
    };
  const api: Record<string, Stat<unknown>> = { overview: stat('overview', '', OverviewReading) };
  for (const [name, { path, counts }] of Object.entries(DAILY_STATS))
    api[name] = stat(name, path, dailyReading(counts));
  return Object.freeze(api) as unknown as StatsApi;
}
