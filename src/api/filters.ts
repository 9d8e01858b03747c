import { POSTMARK_BOUNCE_TYPES, type PostmarkBounceTypeName } from '../schemas/bounces.js';
import type { Query } from '../transport/types.js';
import { suggest } from '../utils/read-options.js';
import { filterDate } from './dates.js';
import { checkPaging, type Paging } from './paging.js';

// camelCase filters in, Postmark's query names out. Every filter is checked before any
// request: a misspelt key or a bad value would otherwise be ignored by Postmark or refused
// with a 422 that does not say which field was wrong. The caller's object is only read.

/** A date filter: a `Date`, or an ISO 8601 string (see docs/bounces-and-status.md). */
export type DateFilter = Date | string;

/** The paging every list takes. */
export interface PageFilter {
  /** Results per page: 1 to 500 (default 100 for `list()` and `search()`, 500 for `all()`). */
  readonly count?: number | undefined;
  /** Results to skip (default 0); `count + offset` may not pass 10,000. */
  readonly offset?: number | undefined;
}

/**
 * What to look for in GET /bounces. Every field is optional.
 *
 * @example
 * await server.bounces.list({ type: 'HardBounce', inactive: true, fromDate: '2024-05-01', count: 50 });
 */
export interface BounceFilter extends PageFilter {
  /** A bounce type name, such as `HardBounce`. */
  readonly type?: PostmarkBounceTypeName | undefined;
  /** Only bounces that deactivated their address (`true`), or only the others (`false`). */
  readonly inactive?: boolean | undefined;
  /** Part of the bounced address. */
  readonly emailFilter?: string | undefined;
  readonly tag?: string | undefined;
  /** The MessageID of the message that bounced (sent as Postmark's `messageID`). */
  readonly messageId?: string | undefined;
  readonly fromDate?: DateFilter | undefined;
  readonly toDate?: DateFilter | undefined;
}

/** The `status` filter of the outbound message search. */
export type MessageStatusFilter = 'queued' | 'sent' | 'processed';

/**
 * What to look for in GET /messages/outbound. Every field is optional.
 *
 * @example
 * await server.messages.search({ recipient: 'ada@example.com', tag: 'welcome', metadata: { userId: '42' } });
 */
export interface MessageFilter extends PageFilter {
  /** Part of a To, Cc or Bcc address. */
  readonly recipient?: string | undefined;
  readonly fromEmail?: string | undefined;
  readonly tag?: string | undefined;
  readonly status?: MessageStatusFilter | undefined;
  readonly fromDate?: DateFilter | undefined;
  readonly toDate?: DateFilter | undefined;
  readonly subject?: string | undefined;
  /** The message stream id, such as `outbound` (sent as `messagestream`). */
  readonly stream?: string | undefined;
  /** Metadata that must match: `{ userId: '42' }` is sent as `metadata_userId=42`. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** A search as the API layer sends it: the filters, and where paging starts. */
export interface SearchQuery {
  readonly query: Query;
  readonly paging: Paging;
  /** The filters the search takes: what narrows it past Postmark's window. */
  readonly narrowBy: readonly string[];
}

type Reader = (field: string, value: unknown) => string | boolean;

/** One filter: Postmark's query parameter, and how its value is checked. */
export interface Rule {
  /** Postmark's query parameter. */
  readonly param: string;
  readonly read: Reader;
}

export type Rules = Readonly<Record<string, Rule>>;

/** A filter sent as the query parameter `param`. */
export const rule = (param: string, read: Reader): Rule => Object.freeze({ param, read });

/** A non-empty string filter. */
export const text: Reader = (field, value) => {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string`);
  // An empty filter would be sent as "match anything": say so rather than ignore it.
  if (value === '') throw new RangeError(`${field} is empty; leave it out to match everything`);
  return value;
};

export const flag: Reader = (field, value) => {
  if (typeof value !== 'boolean') throw new TypeError(`${field} must be true or false`);
  return value;
};

const BOUNCE_TYPE_NAMES = Object.keys(POSTMARK_BOUNCE_TYPES);

const bounceType: Reader = (field, value) => {
  const name = text(field, value) as string;
  if (Object.hasOwn(POSTMARK_BOUNCE_TYPES, name)) return name;
  const near = BOUNCE_TYPE_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
  const hint = near ? ` (did you mean '${near}'?)` : '';
  throw new RangeError(
    `${field} '${name}' is not a Postmark bounce type${hint}; use one of ${BOUNCE_TYPE_NAMES.join(', ')}`,
  );
};

const STATUSES: readonly string[] = ['queued', 'sent', 'processed'];

const status: Reader = (field, value) => {
  const name = text(field, value) as string;
  if (STATUSES.includes(name)) return name;
  throw new RangeError(`${field} '${name}' is not a status; use one of ${STATUSES.join(', ')}`);
};

const BOUNCE_RULES: Rules = {
  type: { param: 'type', read: bounceType },
  inactive: { param: 'inactive', read: flag },
  emailFilter: { param: 'emailFilter', read: text },
  tag: { param: 'tag', read: text },
  messageId: { param: 'messageID', read: text },
  fromDate: { param: 'fromdate', read: filterDate },
  toDate: { param: 'todate', read: filterDate },
};

const MESSAGE_RULES: Rules = {
  recipient: { param: 'recipient', read: text },
  fromEmail: { param: 'fromemail', read: text },
  tag: { param: 'tag', read: text },
  status: { param: 'status', read: status },
  fromDate: { param: 'fromdate', read: filterDate },
  toDate: { param: 'todate', read: filterDate },
  subject: { param: 'subject', read: text },
  stream: { param: 'messagestream', read: text },
};

/**
 * The query of a bounce search, checked. `what` names the call in error messages.
 * @example bounceQuery({ messageId: 'abc' }, 100, 'bounces.list()').query; // { messageID: 'abc' }
 */
export function bounceQuery(
  filter: BounceFilter | undefined,
  defaultCount: number,
  what: string,
): SearchQuery {
  return searchQuery(filter, BOUNCE_RULES, { defaultCount, what });
}

/**
 * The query of an outbound message search, checked.
 * @example messageQuery({ metadata: { userId: '42' } }, 100, 'messages.search()').query; // { metadata_userId: '42' }
 */
export function messageQuery(
  filter: MessageFilter | undefined,
  defaultCount: number,
  what: string,
): SearchQuery {
  return searchQuery(filter, MESSAGE_RULES, { defaultCount, what, metadata: true });
}

interface QueryOptions {
  /** Page size when the filter gives no `count`; without one, the query takes no paging. */
  readonly defaultCount?: number | undefined;
  readonly what: string;
  /** Whether the search takes `metadata`, sent as one `metadata_<key>` per field. */
  readonly metadata?: boolean;
}

/**
 * The query of a search, checked against `rules` (camelCase filter → Postmark parameter):
 * own properties only, unknown filters refused, `count`/`offset` checked against Postmark's
 * paging window when the search pages, `fromDate` before `toDate`.
 */
export function searchQuery(
  filter: object | undefined,
  rules: Rules,
  options: QueryOptions & { readonly defaultCount: number },
): SearchQuery;
export function searchQuery(filter: object | undefined, rules: Rules, options: QueryOptions): Query;
export function searchQuery(
  filter: object | undefined,
  rules: Rules,
  options: QueryOptions,
): SearchQuery | Query {
  return toQuery(filter, rules, options);
}

function toQuery(
  filter: object | undefined,
  rules: Rules,
  { defaultCount, what, metadata = false }: QueryOptions,
): SearchQuery | Query {
  const pages = defaultCount !== undefined;
  const known = [
    ...(pages ? ['count', 'offset'] : []),
    ...Object.keys(rules),
    ...(metadata ? ['metadata'] : []),
  ];
  if (
    filter !== undefined &&
    (typeof filter !== 'object' || filter === null || Array.isArray(filter))
  )
    // Named from this search's own filters: an example from another search would mislead.
    throw new TypeError(
      `${what}: the filter must be an object${known.length ? ` of ${known.join(', ')}` : ''}`,
    );
  // Own properties only, in objects without a prototype: a polluted `count` is not a filter.
  const fields: Record<string, unknown> = Object.assign(Object.create(null), filter);
  const query: Record<string, string | boolean> = Object.create(null);
  for (const [key, value] of Object.entries(fields)) {
    // `{ tag: maybeTag }` with no tag means "no filter", not an error.
    if (value === undefined || (pages && (key === 'count' || key === 'offset'))) continue;
    if (metadata && key === 'metadata') {
      for (const [name, wanted] of metadataEntries(`${what}: metadata`, value))
        query[`metadata_${name}`] = wanted;
      continue;
    }
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (rule === undefined) {
      throw new TypeError(
        `${what}: unknown filter '${key}'${suggest(key, known)}; known filters: ${known.join(', ')}`,
      );
    }
    query[rule.param] = rule.read(`${what}: ${key}`, value);
  }
  checkDateOrder(query, what);
  if (!pages) return Object.freeze(query);
  const narrowBy = Object.freeze([...Object.keys(rules), ...(metadata ? ['metadata'] : [])]);
  const paging = checkPaging(fields.count ?? defaultCount, fields.offset ?? 0, what, narrowBy);
  return { query: Object.freeze(query), paging, narrowBy };
}

function metadataEntries(field: string, value: unknown): [string, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${field} must be an object of strings such as { userId: '42' }`);
  return Object.entries(value).map(([name, wanted]) => {
    if (name === '') throw new RangeError(`${field} has an empty key`);
    if (typeof wanted !== 'string') throw new TypeError(`${field}.${name} must be a string`);
    return [name, wanted];
  });
}

// Both dates are Eastern wall-clock texts by now, so they compare as strings once a bare day
// is taken as its first (from) or last (to) second.
function checkDateOrder(query: Record<string, string | boolean>, what: string): void {
  const fromdate = query.fromdate ?? query.fromDate;
  const todate = query.todate ?? query.toDate;
  if (typeof fromdate !== 'string' || typeof todate !== 'string') return;
  const from = fromdate.length === 10 ? `${fromdate}T00:00:00` : fromdate;
  const to = todate.length === 10 ? `${todate}T23:59:59` : todate;
  if (from > to) {
    throw new RangeError(`${what}: fromDate (${fromdate}) is after toDate (${todate})`);
  }
}
