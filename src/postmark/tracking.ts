// Opens, clicks and the statistics Postmark keeps of them: the names of the values and of
// the counts, shared by the SDK's readers and the sandbox that computes them.

/** The platforms Postmark tells opens and clicks apart by. */
export const PLATFORMS = Object.freeze(['Desktop', 'Mobile', 'WebMail', 'Unknown'] as const);

/** Where a click happened: in the HTML body or in the text body. */
export const CLICK_LOCATIONS = Object.freeze(['HTML', 'Text'] as const);

/**
 * The Stats API's breakdowns by day: the path under /stats/outbound, and the counts each
 * day and the totals hold. `named` ones count under names taken from the data (an email
 * client's, a browser's, a read-time bucket), so they have no fixed list.
 */
export const DAILY_STATS = Object.freeze({
  sends: { path: '/sends', counts: ['Sent'] },
  bounces: { path: '/bounces', counts: ['HardBounce', 'SoftBounce', 'SMTPApiError', 'Transient'] },
  spam: { path: '/spam', counts: ['SpamComplaint'] },
  tracked: { path: '/tracked', counts: ['Tracked'] },
  opens: { path: '/opens', counts: ['Opens', 'Unique'] },
  openPlatforms: { path: '/opens/platforms', counts: ['Desktop', 'Mobile', 'WebMail', 'Unknown'] },
  openClients: { path: '/opens/emailclients', counts: 'named' },
  readTimes: { path: '/opens/readtimes', counts: 'named' },
  clicks: { path: '/clicks', counts: ['Clicks', 'Unique'] },
  clickBrowsers: { path: '/clicks/browserfamilies', counts: 'named' },
  clickPlatforms: { path: '/clicks/platforms', counts: ['Desktop', 'Mobile', 'Unknown'] },
  clickLocations: { path: '/clicks/location', counts: ['HTML', 'Text'] },
} as const satisfies Record<string, { path: string; counts: readonly string[] | 'named' }>);

export type DailyStatName = keyof typeof DAILY_STATS;

/** The totals of GET /stats/outbound. */
export const OVERVIEW_COUNTS = Object.freeze([
  'Sent',
  'Bounced',
  'SMTPApiErrors',
  'BounceRate',
  'SpamComplaints',
  'SpamComplaintsRate',
  'Opens',
  'UniqueOpens',
  'Tracked',
  'WithClientRecorded',
  'WithPlatformRecorded',
  'WithReadTimeRecorded',
  'TotalClicks',
  'UniqueLinksClicked',
  'TotalTrackedLinksSent',
  'WithLinkTracking',
  'WithOpenTracking',
] as const);
