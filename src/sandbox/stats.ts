import { easternText } from '../postmark/dates.js';
import { DAILY_STATS, type DailyStatName, type OVERVIEW_COUNTS } from '../postmark/tracking.js';
import type { SandboxContext } from './context.js';
import { unprocessable } from './http.js';
import type { StoredBounce, StoredMessage, TrackedRecord } from './store.js';
import { trackedLinks, trackedLinksSent, tracksOpens } from './tracking.js';

// Postmark's statistics, counted from what this sandbox stored: messages sent, bounces,
// opens and clicks, by the Eastern day each happened on (Postmark keeps its stats by day in
// its own time zone). Nothing here is canned: a count is what a search would find.

/** What one statistic counts: something that happened on `day`, under `name`. */
interface Tally {
  readonly day: string;
  readonly name: string;
}

interface Scope {
  readonly messages: readonly StoredMessage[];
  readonly bounces: readonly StoredBounce[];
  readonly opens: readonly TrackedRecord[];
  readonly clicks: readonly TrackedRecord[];
  readonly context: SandboxContext;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (time: number) => easternText(time).slice(0, 10);

/** What the filters of `query` let through: tag, messagestream, fromdate and todate. */
export function statsScope(query: URLSearchParams, context: SandboxContext): Scope {
  const from = day(query, 'fromdate') ?? '0000-00-00';
  const to = day(query, 'todate') ?? '9999-99-99';
  const tag = query.get('tag') || undefined;
  const stream = query.get('messagestream') || undefined;
  const inDays = (time: number) => dayOf(time) >= from && dayOf(time) <= to;
  const counted = (message: StoredMessage) =>
    (!tag || message.message.Tag === tag) && (!stream || message.message.MessageStream === stream);
  const now = context.now();
  const tracked = (kind: 'Open' | 'Click') =>
    context.store.tracking
      .list(kind, now)
      .filter((record) => counted(record.stored) && inDays(record.event.at));
  return {
    messages: context.store.messages().filter((m) => counted(m) && inDays(m.receivedAt)),
    bounces: context.store
      .bounces(now)
      .filter(
        (bounce) =>
          (!tag || bounce.tag === tag) &&
          (!stream || bounce.stream === stream) &&
          inDays(bounce.at),
      ),
    opens: tracked('Open'),
    clicks: tracked('Click'),
    context,
  };
}

function day(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  if (!value) return undefined;
  if (!DAY.test(value)) throw unprocessable(300, `${name} '${value}' is not a day (YYYY-MM-DD).`);
  return value;
}

const BOUNCE_NAMES = new Set<string>(DAILY_STATS.bounces.counts);
const unique = (record: TrackedRecord) => record.kind === 'Open' && record.firstOpen;
const agent = (record: TrackedRecord) =>
  record.input.Client?.Family || record.input.Client?.Name || 'Unknown';
// Read times in whole seconds up to 20, then one bucket for longer reads (the sandbox's own
// bucketing: Postmark does not document its bucket names).
const readTime = (seconds: number) => (seconds > 20 ? '20+s' : `${seconds}s`);
// A click is unique the first time its recipient clicks that link of that message.
function firstClicks(clicks: readonly TrackedRecord[]): Set<TrackedRecord> {
  const seen = new Set<string>();
  const first = new Set<TrackedRecord>();
  for (const click of [...clicks].sort((a, b) => a.event.at - b.event.at)) {
    const key = `${click.stored.message.MessageID} ${click.event.recipient} ${click.input.OriginalLink}`;
    if (!seen.has(key)) first.add(click);
    seen.add(key);
  }
  return first;
}

// What each breakdown tallies, as (day, count name) pairs.
const TALLIES: Readonly<Record<DailyStatName, (scope: Scope) => Tally[]>> = {
  sends: ({ messages }) => messages.map((m) => ({ day: dayOf(m.receivedAt), name: 'Sent' })),
  bounces: ({ bounces }) =>
    bounces
      .filter((bounce) => BOUNCE_NAMES.has(bounce.type.type))
      .map((bounce) => ({ day: dayOf(bounce.at), name: bounce.type.type })),
  spam: ({ bounces }) =>
    bounces
      .filter((bounce) => bounce.type.type === 'SpamComplaint')
      .map((bounce) => ({ day: dayOf(bounce.at), name: 'SpamComplaint' })),
  tracked: ({ messages, context }) =>
    messages
      .filter((m) => tracksOpens(m, context))
      .map((m) => ({ day: dayOf(m.receivedAt), name: 'Tracked' })),
  opens: ({ opens }) =>
    opens.flatMap((open) => {
      const at = dayOf(open.event.at);
      return unique(open)
        ? [
            { day: at, name: 'Opens' },
            { day: at, name: 'Unique' },
          ]
        : [{ day: at, name: 'Opens' }];
    }),
  openPlatforms: ({ opens }) =>
    opens.map((open) => ({ day: dayOf(open.event.at), name: open.input.Platform ?? 'Unknown' })),
  openClients: ({ opens }) =>
    opens.map((open) => ({ day: dayOf(open.event.at), name: agent(open) })),
  readTimes: ({ opens }) =>
    opens
      .filter((open) => open.input.ReadSeconds !== undefined)
      .map((open) => ({
        day: dayOf(open.event.at),
        name: readTime(open.input.ReadSeconds as number),
      })),
  clicks: ({ clicks }) => {
    const first = firstClicks(clicks);
    return clicks.flatMap((click) => {
      const at = dayOf(click.event.at);
      return first.has(click)
        ? [
            { day: at, name: 'Clicks' },
            { day: at, name: 'Unique' },
          ]
        : [{ day: at, name: 'Clicks' }];
    });
  },
  clickBrowsers: ({ clicks }) =>
    clicks.map((click) => ({ day: dayOf(click.event.at), name: agent(click) })),
  clickPlatforms: ({ clicks }) =>
    clicks.map((click) => ({
      day: dayOf(click.event.at),
      name: click.input.Platform ?? 'Unknown',
    })),
  clickLocations: ({ clicks }) =>
    clicks.map((click) => ({
      day: dayOf(click.event.at),
      name: click.input.ClickLocation as string,
    })),
};

/**
 * One breakdown as Postmark answers it: the totals and `Days`, oldest first, each day with
 * every count the breakdown names (0 where nothing happened) and only days with something.
 */
export function dailyStats(name: DailyStatName, scope: Scope): Record<string, unknown> {
  const { counts } = DAILY_STATS[name];
  const zeros = () => Object.fromEntries(counts === 'named' ? [] : counts.map((c) => [c, 0]));
  const totals: Record<string, number> = zeros();
  const days = new Map<string, Record<string, number>>();
  for (const { day: date, name: count } of TALLIES[name](scope)) {
    const entry = days.get(date) ?? zeros();
    entry[count] = (entry[count] ?? 0) + 1;
    days.set(date, entry);
    totals[count] = (totals[count] ?? 0) + 1;
  }
  const Days = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, entry]) => ({ Date: date, ...entry }));
  return { Days, ...totals };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;

/** GET /stats/outbound: the totals of everything in scope. */
export function overview(scope: Scope): Record<(typeof OVERVIEW_COUNTS)[number], number> {
  const { messages, bounces, opens, clicks, context } = scope;
  const sent = messages.length;
  const firstOpens = opens.filter(unique);
  const spam = bounces.filter((bounce) => bounce.type.type === 'SpamComplaint').length;
  const bounced = bounces.length - spam;
  const linked = messages.filter((m) => trackedLinks(m, context) !== 'None');
  const openTracked = messages.filter((m) => tracksOpens(m, context)).length;
  return {
    Sent: sent,
    Bounced: bounced,
    SMTPApiErrors: bounces.filter((bounce) => bounce.type.type === 'SMTPApiError').length,
    BounceRate: percent(bounced, sent),
    SpamComplaints: spam,
    SpamComplaintsRate: percent(spam, sent),
    Opens: opens.length,
    UniqueOpens: firstOpens.length,
    Tracked: openTracked,
    WithClientRecorded: firstOpens.filter((open) => open.input.Client !== undefined).length,
    WithPlatformRecorded: firstOpens.filter((open) => open.input.Platform !== undefined).length,
    WithReadTimeRecorded: firstOpens.filter((open) => open.input.ReadSeconds !== undefined).length,
    TotalClicks: clicks.length,
    UniqueLinksClicked: new Set(
      clicks.map((click) => `${click.stored.message.MessageID} ${click.input.OriginalLink}`),
    ).size,
    TotalTrackedLinksSent: linked.reduce((sum, m) => sum + trackedLinksSent(m, context).length, 0),
    WithLinkTracking: linked.length,
    WithOpenTracking: openTracked,
  };
}
