import { DAILY_STATS, type DailyStatName } from '../../postmark/tracking.js';
import { ok } from '../http.js';
import type { Route } from '../router.js';
import { dailyStats, overview, statsScope } from '../stats.js';

/** The Stats API: the overview and each breakdown by day, computed from what was stored. */
export const statsRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/stats/outbound',
    body: 'none',
    handle: ({ query, context }) => ok(overview(statsScope(query, context))),
  },
  ...(Object.keys(DAILY_STATS) as DailyStatName[]).map(
    (name): Route => ({
      method: 'GET',
      path: `/stats/outbound${DAILY_STATS[name].path}`,
      body: 'none',
      handle: ({ query, context }) => ok(dailyStats(name, statsScope(query, context))),
    }),
  ),
];
