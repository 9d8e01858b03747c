import { DELIVERY_TYPES, type DeliveryType } from '../../postmark/account.js';
import { PostmarkServerListSchema } from '../../schemas/account.js';
import * as v from '../../schemas/v.js';
import { type Client, pathTo, type RequestOptions } from '../../transport/client.js';
import { camelize } from '../camel.js';
import type { Confirmation } from '../confirmation.js';
import { field, oneOf, text } from '../fields.js';
import { type PageFilter, rule } from '../filters.js';
import { named, reading } from '../read.js';
import { pagedSearch } from '../requests.js';
import {
  SERVER_SETTING_FIELDS,
  type ServerInfo,
  ServerReading,
  type ServerSettingsChanges,
} from '../server-info.js';
import { bodyCall, idBodyCall, idCall } from './calls.js';

/** What `servers.list()` and `all()` take. */
export interface ServerFilter extends PageFilter {
  /** Only the servers whose name holds this text. */
  readonly name?: string | undefined;
}

export interface ServerList {
  readonly totalCount: number;
  readonly servers: readonly ServerInfo[];
}

/** A new server: a name, and any of the settings `server.edit()` takes. */
export interface ServerInput extends ServerSettingsChanges {
  readonly name: string;
  /** `Live` (the default) or `Sandbox`: a sandbox-mode server accepts mail and delivers none. */
  readonly deliveryType?: DeliveryType;
}

/**
 * The servers of the account: `account.servers`. A server created here answers with its
 * `apiTokens`: give one to a `Sender` or a `Server` to use it.
 *
 * @example
 * const staging = await account.servers.create({ name: 'Staging', color: 'yellow' });
 * const mailer = new Sender({ serverToken: staging.apiTokens![0]! });
 */
export interface ServersApi {
  /** One page of servers. @example await account.servers.list({ name: 'Staging' }); */
  list(filter?: ServerFilter, options?: RequestOptions): Promise<ServerList>;
  /** Every server, page after page. @example for await (const s of account.servers.all()) console.log(s.name); */
  all(filter?: ServerFilter, options?: RequestOptions): AsyncGenerator<ServerInfo, void, undefined>;
  /** One server by its id. @example await account.servers.get(12345); */
  get(id: number, options?: RequestOptions): Promise<ServerInfo>;
  /** Creates a server. @example await account.servers.create({ name: 'Staging', trackOpens: true }); */
  create(server: ServerInput, options?: RequestOptions): Promise<ServerInfo>;
  /** Changes a server's settings. @example await account.servers.edit(12345, { color: 'red' }); */
  edit(id: number, changes: ServerSettingsChanges, options?: RequestOptions): Promise<ServerInfo>;
  /** Deletes a server and everything on it. @example await account.servers.delete(12345); */
  delete(id: number, options?: RequestOptions): Promise<Confirmation>;
}

const NEW = {
  ...SERVER_SETTING_FIELDS,
  name: field('Name', text, true),
  deliveryType: field('DeliveryType', oneOf(DELIVERY_TYPES)),
};

const ListReading = reading(PostmarkServerListSchema, (raw) =>
  Object.freeze({
    ...camelize<ServerList>(raw),
    servers: Object.freeze(raw.Servers.map((server) => named<ServerInfo>(server))),
  }),
);

// Postmark's reference shows no body for a deleted server; the official client reads
// `{ ErrorCode, Message }`. Either is a deletion carried out.
const DeletedReading = reading(
  v.union([v.looseObject({ Message: v.nullish(v.string()) }), v.literal('')]),
  (raw): Confirmation =>
    Object.freeze({ message: typeof raw === 'string' ? '' : (raw.Message ?? '') }),
);

/** The Servers API over `client` (an account token's). @example const servers = createServersApi(client); */
export function createServersApi(client: Client): ServersApi {
  const { page, all } = pagedSearch<ServerFilter, ServerInfo, ServerList>(client, {
    path: '/servers',
    rules: { name: rule('name', text) },
    schema: ListReading,
    items: (list) => list.servers,
    names: ['servers.list()', 'servers.all()'],
  });
  const at = (id: number) => pathTo`/servers/${id}`;
  return Object.freeze({
    list: page,
    all,
    get: idCall(client, {
      what: 'servers.get()',
      method: 'GET',
      path: at,
      schema: ServerReading,
      idempotent: true,
    }),
    create: bodyCall<ServerInput, ServerInfo>(client, '/servers', {
      what: 'servers.create()',
      method: 'POST',
      fields: NEW,
      example: "{ name: 'Staging' }",
      schema: ServerReading,
      idempotent: false,
    }),
    edit: idBodyCall<ServerSettingsChanges, ServerInfo>(client, at, {
      what: 'servers.edit()',
      method: 'PUT',
      fields: SERVER_SETTING_FIELDS,
      example: "{ name: 'Production' }",
      schema: ServerReading,
      idempotent: false,
    }),
    delete: idCall(client, {
      what: 'servers.delete()',
      method: 'DELETE',
      path: at,
      schema: DeletedReading,
      idempotent: false,
    }),
  });
}
