import { callOptions } from '../options/call.js';
import {
  INBOUND_STATUS_FILTERS,
  type InboundStatusFilterName,
  type InboundStatusName,
  inboundStatusOf,
} from '../postmark/inbound.js';
import {
  type PostmarkInboundMessage,
  PostmarkInboundMessageDetailsSchema,
  PostmarkInboundMessageListSchema,
} from '../schemas/inbound.js';
import {
  type InboundAttachment,
  type InboundMail,
  type InboundMailBodies,
  inboundMail,
} from '../schemas/inbound-mail.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { checkId } from './checks.js';
import { type Confirmation, ConfirmationReading } from './confirmation.js';
import { filterDate } from './dates.js';
import { oneOf } from './fields.js';
import { type DateFilter, type PageFilter, rule, text } from './filters.js';
import { reading } from './read.js';
import { pagedSearch, write } from './requests.js';

export type { InboundAttachment, InboundContact } from '../schemas/inbound-mail.js';

/** Where an inbound message is: Postmark's `Status`. It may add others. */
export type InboundStatus = InboundStatusName | (string & {});

/**
 * The `status` filter of the inbound search: Postmark's query takes it in lower case, its
 * answers write it capitalised (`Blocked`); either is taken, in any case, and sent lower case.
 */
export type InboundStatusFilter = InboundStatusFilterName | InboundStatusName;

/**
 * An inbound message as the search lists it.
 *
 * @example
 * const { inboundMessages } = await server.inbound.search({ status: 'blocked' });
 * inboundMessages[0]?.fromFull.email; // 'spammer@example.com'
 */
export interface InboundMessage extends InboundMail {
  readonly status: InboundStatus;
  readonly attachments: readonly InboundAttachment[];
}

/** An inbound message with its bodies and headers. */
export interface InboundMessageDetails extends InboundMessage, InboundMailBodies {
  /** Why a Blocked message was blocked. */
  readonly blockedReason?: string;
}

export interface InboundMessageList {
  readonly totalCount: number;
  readonly inboundMessages: readonly InboundMessage[];
}

/**
 * What to look for in GET /messages/inbound. Every field is optional.
 *
 * @example
 * await server.inbound.search({ status: 'failed', fromDate: '2024-05-01', count: 50 });
 */
export interface InboundFilter extends PageFilter {
  /** Part of the address the mail was sent to. */
  readonly recipient?: string | undefined;
  readonly fromEmail?: string | undefined;
  readonly tag?: string | undefined;
  readonly subject?: string | undefined;
  readonly mailboxHash?: string | undefined;
  /** `blocked`, `processed`, `queued`, `failed` or `scheduled` (any case: `Blocked` too). */
  readonly status?: InboundStatusFilter | undefined;
  readonly fromDate?: DateFilter | undefined;
  readonly toDate?: DateFilter | undefined;
}

/**
 * The inbound Messages API of one server (`server.inbound`): the mail Postmark received for
 * the server. Reads retry as reads; `bypass()` and `retry()` are writes.
 *
 * @example
 * for await (const message of server.inbound.all({ status: 'blocked' })) await server.inbound.bypass(message.messageId);
 */
export interface InboundApi {
  /** One page of inbound messages, newest first. @example await server.inbound.search({ mailboxHash: '4242' }); */
  search(filter?: InboundFilter, options?: RequestOptions): Promise<InboundMessageList>;
  /** Every matching message, page after page. @example for await (const m of server.inbound.all({ tag: 'support' })) console.log(m.subject); */
  all(
    filter?: InboundFilter,
    options?: RequestOptions,
  ): AsyncGenerator<InboundMessage, void, undefined>;
  /** The message with its bodies, headers and why it was blocked. @example const { textBody } = await server.inbound.details(messageId); */
  details(messageId: string, options?: RequestOptions): Promise<InboundMessageDetails>;
  /** Processes a Blocked message despite the inbound rules. @example await server.inbound.bypass(messageId); */
  bypass(messageId: string, options?: RequestOptions): Promise<Confirmation>;
  /** Processes a Failed message again (after fixing your inbound webhook). @example await server.inbound.retry(messageId); */
  retry(messageId: string, options?: RequestOptions): Promise<Confirmation>;
}

// A status as an answer writes it (`Blocked`) is the filter `blocked`; only an unknown one is
// refused, with the values listed.
const status = (field: string, value: unknown) => {
  const known = typeof value === 'string' ? inboundStatusOf(value) : undefined;
  return known ? known.toLowerCase() : oneOf(INBOUND_STATUS_FILTERS)(field, value);
};

const FILTER = {
  recipient: rule('recipient', text),
  fromEmail: rule('fromemail', text),
  tag: rule('tag', text),
  subject: rule('subject', text),
  mailboxHash: rule('mailboxhash', text),
  status: rule('status', status),
  fromDate: rule('fromdate', filterDate),
  toDate: rule('todate', filterDate),
};

const NONE: readonly never[] = Object.freeze([]);

const toInbound = (raw: PostmarkInboundMessage) => inboundMail(raw) as unknown as InboundMessage;

const ListReading = reading(PostmarkInboundMessageListSchema, (raw) =>
  Object.freeze({
    totalCount: raw.TotalCount,
    inboundMessages: Object.freeze(raw.InboundMessages.map((m) => Object.freeze(toInbound(m)))),
  }),
);
const DetailsReading = reading(PostmarkInboundMessageDetailsSchema, (raw) => {
  const message = toInbound(raw) as InboundMessageDetails;
  return Object.freeze({ ...message, headers: message.headers ?? NONE });
});

/** The inbound Messages API over `client`. @example const inbound = createInboundApi(client); */
export function createInboundApi(client: Client): InboundApi {
  const { page, all } = pagedSearch<InboundFilter, InboundMessage, InboundMessageList>(client, {
    path: '/messages/inbound',
    rules: FILTER,
    schema: ListReading,
    items: (list) => list.inboundMessages,
    names: ['inbound.search()', 'inbound.all()'],
  });
  const act = (action: 'bypass' | 'retry') => async (id: string, options?: RequestOptions) => {
    const what = `inbound.${action}()`;
    const checked = checkId(what, id, false);
    const call = callOptions(what, options);
    const path = pathTo`/messages/inbound/${checked}/${action}`;
    return write(client, 'PUT', path, undefined, ConfirmationReading, call);
  };
  return Object.freeze({
    search: page,
    all,
    async details(messageId: string, options?: RequestOptions) {
      const id = checkId('inbound.details()', messageId, false);
      const call = callOptions('inbound.details()', options);
      return client.get(pathTo`/messages/inbound/${id}/details`, {}, DetailsReading, call);
    },
    bypass: act('bypass'),
    retry: act('retry'),
  });
}
