import { callOptions } from '../options/call.js';
import {
  CREATABLE_STREAM_TYPES,
  MESSAGE_STREAM_TYPES,
  type MessageStreamType,
  UNSUBSCRIBE_HANDLING_TYPES,
} from '../postmark/streams.js';
import {
  PostmarkMessageStreamListSchema,
  PostmarkMessageStreamSchema,
  PostmarkStreamArchiveSchema,
} from '../schemas/streams.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { camelize } from './camel.js';
import { anyText, field, flag, nested, oneOf, readFields, text } from './fields.js';
import { rule, searchQuery } from './filters.js';
import { named, reading } from './read.js';
import { write } from './requests.js';
import { checkStreamId, streamId } from './stream-id.js';

export type { MessageStreamType } from '../postmark/streams.js';

/** How a stream handles unsubscribes: not at all, by Postmark's link, or by your own. */
export type UnsubscribeHandlingType = (typeof UNSUBSCRIBE_HANDLING_TYPES)[number];

export interface SubscriptionManagementConfiguration {
  readonly unsubscribeHandlingType: UnsubscribeHandlingType | (string & {});
}

/** A message stream of the server. */
export interface MessageStream {
  /** The stream's id, such as `outbound`: what a message's `stream()` names. */
  readonly id: string;
  readonly serverId: number;
  readonly name: string;
  /** Absent when Postmark has none (it sends null). */
  readonly description?: string;
  readonly messageStreamType: MessageStreamType | (string & {});
  readonly createdAt: Date;
  readonly updatedAt?: Date;
  /** Set while the stream is archived. */
  readonly archivedAt?: Date;
  /** When an archived stream and its messages will be purged. */
  readonly expectedPurgeDate?: Date;
  /** Absent when Postmark sends none. */
  readonly subscriptionManagementConfiguration?: SubscriptionManagementConfiguration;
}

export interface MessageStreamList {
  readonly totalCount: number;
  readonly messageStreams: readonly MessageStream[];
}

/** What `streams.list()` takes. Every field is optional. */
export interface MessageStreamFilter {
  /** `All` (the default), `Inbound`, `Transactional` or `Broadcasts`. */
  readonly messageStreamType?: 'All' | MessageStreamType | undefined;
  /** Archived streams are left out unless this is `true`. */
  readonly includeArchivedStreams?: boolean | undefined;
}

/** What `streams.edit()` may change; the id and the type are fixed at creation. */
export interface MessageStreamChanges {
  readonly name?: string;
  /** `''` clears it. */
  readonly description?: string;
  readonly subscriptionManagementConfiguration?: {
    readonly unsubscribeHandlingType: UnsubscribeHandlingType;
  };
}

/** A new stream. Inbound streams cannot be created: a server has the one it came with. */
export interface MessageStreamInput extends MessageStreamChanges {
  /** Lower-case letters, digits and hyphens, starting with a letter or digit; at most 30. */
  readonly id: string;
  readonly name: string;
  readonly messageStreamType: 'Transactional' | 'Broadcasts';
}

/** The answer to `streams.archive()`. */
export interface MessageStreamArchive {
  readonly id: string;
  readonly serverId: number;
  /** When Postmark will purge the stream and its messages, unless it is unarchived first. */
  readonly expectedPurgeDate: Date;
}

/**
 * The Message Streams API of one server: `server.streams` (server token). Ids and inputs are
 * checked before any request; reads retry as reads; creating, editing, archiving and
 * unarchiving are writes, repeated only when certainly not carried out.
 *
 * @example
 * await server.streams.create({ id: 'newsletter', name: 'Newsletter', messageStreamType: 'Broadcasts' });
 * await mailer.send(Message.to('ada@example.com').stream('newsletter').subject('News').text('...'));
 */
export interface StreamsApi {
  /** The server's streams (not paged). @example const { messageStreams } = await server.streams.list({ messageStreamType: 'Transactional' }); */
  list(filter?: MessageStreamFilter, options?: RequestOptions): Promise<MessageStreamList>;
  /** One stream. @example const stream = await server.streams.get('outbound'); */
  get(id: string, options?: RequestOptions): Promise<MessageStream>;
  /** Creates a stream. @example await server.streams.create({ id: 'receipts', name: 'Receipts', messageStreamType: 'Transactional' }); */
  create(stream: MessageStreamInput, options?: RequestOptions): Promise<MessageStream>;
  /** Changes a stream's name, description or unsubscribe handling (PATCH). @example await server.streams.edit('receipts', { description: 'Order receipts' }); */
  edit(id: string, changes: MessageStreamChanges, options?: RequestOptions): Promise<MessageStream>;
  /**
   * Archives a stream: sends through it are refused until it is unarchived, and Postmark
   * purges it at `expectedPurgeDate`.
   * @example const { expectedPurgeDate } = await server.streams.archive('receipts');
   */
  archive(id: string, options?: RequestOptions): Promise<MessageStreamArchive>;
  /** Brings an archived stream back. @example await server.streams.unarchive('receipts'); */
  unarchive(id: string, options?: RequestOptions): Promise<MessageStream>;
}

const FILTER = {
  messageStreamType: rule('MessageStreamType', oneOf(['All', ...MESSAGE_STREAM_TYPES])),
  includeArchivedStreams: rule('IncludeArchivedStreams', flag),
};

const SUBSCRIPTION = {
  unsubscribeHandlingType: field(
    'UnsubscribeHandlingType',
    oneOf(UNSUBSCRIBE_HANDLING_TYPES),
    true,
  ),
};
const CHANGES = {
  name: field('Name', text),
  description: field('Description', anyText),
  subscriptionManagementConfiguration: field(
    'SubscriptionManagementConfiguration',
    nested(SUBSCRIPTION, "{ unsubscribeHandlingType: 'Postmark' }"),
  ),
};
const NEW = {
  id: field('ID', streamId, true),
  ...CHANGES,
  name: field('Name', text, true),
  messageStreamType: field('MessageStreamType', oneOf(CREATABLE_STREAM_TYPES), true),
};

const StreamReading = reading(PostmarkMessageStreamSchema, (raw) => named<MessageStream>(raw));
const ListReading = reading(PostmarkMessageStreamListSchema, (raw) =>
  Object.freeze({
    ...camelize<MessageStreamList>(raw),
    messageStreams: Object.freeze(raw.MessageStreams.map((s) => named<MessageStream>(s))),
  }),
);
const ArchiveReading = reading(PostmarkStreamArchiveSchema, (raw) =>
  camelize<MessageStreamArchive>({ ...raw, ID: String(raw.ID) }),
);

/** The Message Streams API over `client`. @example const streams = createStreamsApi(client); */
export function createStreamsApi(client: Client): StreamsApi {
  const path = (what: string, id: unknown) => pathTo`/message-streams/${checkStreamId(what, id)}`;
  return Object.freeze({
    async list(filter?: MessageStreamFilter, options?: RequestOptions) {
      const query = searchQuery(filter, FILTER, { what: 'streams.list()' });
      const call = callOptions('streams.list()', options);
      return client.get('/message-streams', query, ListReading, call);
    },
    async get(id: string, options?: RequestOptions) {
      const at = path('streams.get()', id);
      return client.get(at, {}, StreamReading, callOptions('streams.get()', options));
    },
    async create(stream: MessageStreamInput, options?: RequestOptions) {
      const body = readFields(
        stream,
        NEW,
        'streams.create()',
        "{ id: 'receipts', name: 'Receipts', messageStreamType: 'Transactional' }",
      );
      const call = callOptions('streams.create()', options);
      return write(client, 'POST', '/message-streams', body, StreamReading, call);
    },
    async edit(id: string, changes: MessageStreamChanges, options?: RequestOptions) {
      const at = path('streams.edit()', id);
      const body = readFields(changes, CHANGES, 'streams.edit()', "{ name: 'Receipts' }");
      const call = callOptions('streams.edit()', options);
      return write(client, 'PATCH', at, body, StreamReading, call);
    },
    async archive(id: string, options?: RequestOptions) {
      const at = `${path('streams.archive()', id)}/archive`;
      const call = callOptions('streams.archive()', options);
      // An empty object, as the official client sends: Postmark's POSTs take a JSON body.
      return write(client, 'POST', at, {}, ArchiveReading, call);
    },
    async unarchive(id: string, options?: RequestOptions) {
      const at = `${path('streams.unarchive()', id)}/unarchive`;
      const call = callOptions('streams.unarchive()', options);
      return write(client, 'POST', at, {}, StreamReading, call);
    },
  });
}
