import type * as v from 'valibot';
import { callOptions } from '../options/call.js';
import {
  type GeoLocation,
  PostmarkClickListSchema,
  PostmarkOpenListSchema,
  type UserAgentPart,
} from '../schemas/tracking.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { camelize } from './camel.js';
import { checkId } from './checks.js';
import { type PageFilter, type Rules, rule, searchQuery, text } from './filters.js';
import { DEFAULT_LIST_COUNT, MAX_PAGE_COUNT } from './paging.js';
import { reading } from './read.js';
import { allPages } from './requests.js';

export type { GeoLocation, UserAgentPart } from '../schemas/tracking.js';

interface TrackedEvent {
  readonly recordType?: string;
  readonly messageId: string;
  readonly recipient: string;
  readonly receivedAt: Date;
  readonly messageStream?: string;
  readonly tag?: string;
  /** The message's metadata, its keys as you wrote them. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** `Desktop`, `Mobile`, `WebMail` or `Unknown`. */
  readonly platform?: string;
  readonly userAgent?: string;
  readonly client?: UserAgentPart;
  readonly os?: UserAgentPart;
  readonly geo?: GeoLocation;
}

/** One recorded open of a message by one recipient. */
export interface OpenEvent extends TrackedEvent {
  /** Whether this is the recipient's first open of the message. */
  readonly firstOpen?: boolean;
  /** How long the message was open, in seconds. */
  readonly readSeconds?: number;
}

/** One recorded click of a tracked link. */
export interface ClickEvent extends TrackedEvent {
  readonly originalLink: string;
  /** `HTML` or `Text`: the body the link was clicked in. */
  readonly clickLocation?: string;
}

export interface OpenList {
  readonly totalCount: number;
  readonly opens: readonly OpenEvent[];
}

export interface ClickList {
  readonly totalCount: number;
  readonly clicks: readonly ClickEvent[];
}

/**
 * What to look for in the opens or clicks of a server. Every field is optional.
 *
 * @example
 * await server.opens.search({ recipient: 'ada@example.com', platform: 'Mobile' });
 */
export interface TrackingFilter extends PageFilter {
  /** A To, Cc or Bcc address. */
  readonly recipient?: string;
  readonly tag?: string;
  /** e.g. `Gmail`, `Outlook`. */
  readonly clientName?: string;
  /** e.g. `Google`, `Microsoft`. */
  readonly clientCompany?: string;
  readonly clientFamily?: string;
  readonly osName?: string;
  readonly osFamily?: string;
  readonly osCompany?: string;
  /** `Desktop`, `Mobile`, `WebMail` or `Unknown`. */
  readonly platform?: string;
  readonly country?: string;
  readonly region?: string;
  readonly city?: string;
  /** The message stream id (sent as `messagestream`). */
  readonly stream?: string;
}

/**
 * The opens of a server's messages: `server.opens`. Postmark records an open only for a
 * message sent with open tracking on. Every call is a read, retried on 5xx, 429 and timeouts.
 *
 * @example
 * const { opens } = await server.opens.forMessage(messageId);
 */
export interface OpensApi {
  /** One page of opens, newest first. @example await server.opens.search({ tag: 'welcome' }); */
  search(filter?: TrackingFilter, options?: RequestOptions): Promise<OpenList>;
  /** Every matching open, page after page. @example for await (const open of server.opens.all()) console.log(open.recipient); */
  all(
    filter?: TrackingFilter,
    options?: RequestOptions,
  ): AsyncGenerator<OpenEvent, void, undefined>;
  /** One page of the opens of one message. @example await server.opens.forMessage(messageId, { count: 50 }); */
  forMessage(messageId: string, page?: PageFilter, options?: RequestOptions): Promise<OpenList>;
}

/**
 * The clicks on a server's tracked links: `server.clicks`. Postmark records a click only for
 * a message sent with link tracking on. Every call is a read.
 *
 * @example
 * const { clicks } = await server.clicks.forMessage(messageId);
 */
export interface ClicksApi {
  /** One page of clicks, newest first. @example await server.clicks.search({ tag: 'welcome' }); */
  search(filter?: TrackingFilter, options?: RequestOptions): Promise<ClickList>;
  /** Every matching click, page after page. @example for await (const click of server.clicks.all()) console.log(click.originalLink); */
  all(
    filter?: TrackingFilter,
    options?: RequestOptions,
  ): AsyncGenerator<ClickEvent, void, undefined>;
  /** One page of the clicks on one message's links. @example await server.clicks.forMessage(messageId); */
  forMessage(messageId: string, page?: PageFilter, options?: RequestOptions): Promise<ClickList>;
}

const FILTER: Rules = {
  recipient: rule('recipient', text),
  tag: rule('tag', text),
  clientName: rule('client_name', text),
  clientCompany: rule('client_company', text),
  clientFamily: rule('client_family', text),
  osName: rule('os_name', text),
  osFamily: rule('os_family', text),
  osCompany: rule('os_company', text),
  platform: rule('platform', text),
  country: rule('country', text),
  region: rule('region', text),
  city: rule('city', text),
  stream: rule('messagestream', text),
};

// camelCase throughout, except the metadata: its keys are the sender's, kept as written.
function tracked<T>(raw: { readonly Metadata?: Record<string, string> | null }): T {
  const event = camelize<Record<string, unknown>>({ ...raw, Metadata: null });
  if (!raw.Metadata) return event as T;
  return Object.freeze({ ...event, metadata: Object.freeze({ ...raw.Metadata }) }) as T;
}

const OpenListReading = reading(PostmarkOpenListSchema, (raw) =>
  Object.freeze({
    totalCount: raw.TotalCount,
    opens: Object.freeze(raw.Opens.map((open) => tracked<OpenEvent>(open))),
  }),
);
const ClickListReading = reading(PostmarkClickListSchema, (raw) =>
  Object.freeze({
    totalCount: raw.TotalCount,
    clicks: Object.freeze(raw.Clicks.map((click) => tracked<ClickEvent>(click))),
  }),
);

function trackingApi<List extends { readonly totalCount: number }, Item>(
  client: Client,
  kind: 'opens' | 'clicks',
  schema: v.GenericSchema<unknown, List>,
  items: (list: List) => readonly Item[],
) {
  const path = `/messages/outbound/${kind}`;
  return Object.freeze({
    async search(filter?: TrackingFilter, options?: RequestOptions) {
      const what = `${kind}.search()`;
      const { query, paging } = searchQuery(filter, FILTER, {
        defaultCount: DEFAULT_LIST_COUNT,
        what,
      });
      return client.get(path, { ...query, ...paging }, schema, callOptions(what, options));
    },
    all(filter?: TrackingFilter, options?: RequestOptions) {
      const what = `${kind}.all()`;
      const search = searchQuery(filter, FILTER, { defaultCount: MAX_PAGE_COUNT, what });
      return allPages(client, { path, ...search }, schema, items, what, callOptions(what, options));
    },
    async forMessage(messageId: string, page?: PageFilter, options?: RequestOptions) {
      const what = `${kind}.forMessage()`;
      const id = checkId(what, messageId, false);
      const { paging } = searchQuery(page, {}, { defaultCount: DEFAULT_LIST_COUNT, what });
      return client.get(
        pathTo`/messages/outbound/${kind}/${id}`,
        { ...paging },
        schema,
        callOptions(what, options),
      );
    },
  });
}

/** The opens API over `client`. @example const opens = createOpensApi(client); */
export function createOpensApi(client: Client): OpensApi {
  return trackingApi<OpenList, OpenEvent>(client, 'opens', OpenListReading, (list) => list.opens);
}

/** The clicks API over `client`. @example const clicks = createClicksApi(client); */
export function createClicksApi(client: Client): ClicksApi {
  return trackingApi<ClickList, ClickEvent>(
    client,
    'clicks',
    ClickListReading,
    (list) => list.clicks,
  );
}
