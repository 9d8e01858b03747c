import { callOptions } from '../options/call.js';
import { controlIn, isHeaderName } from '../postmark/text.js';
import {
  TRIGGER_ENABLED,
  WEBHOOK_TRIGGERS,
  type WebhookTriggerName,
} from '../postmark/webhooks.js';
import { PostmarkWebhookListSchema, PostmarkWebhookSchema } from '../schemas/webhooks.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { camelize } from './camel.js';
import { checkNumberId } from './checks.js';
import { type Confirmation, ConfirmationReading } from './confirmation.js';
import {
  anyText,
  type Field,
  type Fields,
  field,
  flag,
  list,
  nested,
  type Reader,
  readFields,
  text,
  url,
} from './fields.js';
import { rule, searchQuery } from './filters.js';
import { reading } from './read.js';
import { write } from './requests.js';

/** A trigger of a webhook: whether Postmark posts that event to the URL. */
export interface WebhookTrigger {
  readonly enabled: boolean;
}

/** The Open trigger: `postFirstOpenOnly` posts only the first open of each message. */
export interface WebhookOpenTrigger extends WebhookTrigger {
  readonly postFirstOpenOnly?: boolean;
}

/** The Bounce and SpamComplaint triggers: `includeContent` adds the bounced message's source. */
export interface WebhookContentTrigger extends WebhookTrigger {
  readonly includeContent?: boolean;
}

/** The events a webhook fires on. A trigger left out of a new webhook is off. */
export interface WebhookTriggers {
  readonly open?: WebhookOpenTrigger;
  readonly click?: WebhookTrigger;
  readonly delivery?: WebhookTrigger;
  readonly bounce?: WebhookContentTrigger;
  readonly spamComplaint?: WebhookContentTrigger;
  readonly subscriptionChange?: WebhookTrigger;
}

/** Basic auth Postmark sends with each post. */
export interface WebhookHttpAuth {
  readonly username: string;
  readonly password: string;
}

/** A header Postmark sends with each post. */
export interface WebhookHttpHeader {
  readonly name: string;
  readonly value: string;
}

/** A webhook as Postmark shows it. */
export interface Webhook {
  readonly id: number;
  readonly url: string;
  /** The message stream whose events it posts, such as `outbound`. */
  readonly messageStream?: string;
  readonly httpAuth?: WebhookHttpAuth;
  readonly httpHeaders: readonly WebhookHttpHeader[];
  readonly triggers: WebhookTriggers;
}

export interface WebhookList {
  readonly webhooks: readonly Webhook[];
}

/** What `webhooks.list()` takes: without a stream, every webhook of the server. */
export interface WebhookFilter {
  /** The message stream id (sent as `MessageStream`), as in the other searches. */
  readonly stream?: string;
}

/** A new webhook. */
export interface WebhookInput {
  /** An absolute http: or https: URL. */
  readonly url: string;
  /** The Transactional or Broadcasts stream whose events it posts; default `outbound`. */
  readonly messageStream?: string;
  readonly httpAuth?: WebhookHttpAuth;
  readonly httpHeaders?: readonly WebhookHttpHeader[];
  readonly triggers?: WebhookTriggers;
}

/** What `webhooks.edit()` may change (Postmark keeps a webhook on its stream). */
export type WebhookChanges = Partial<Omit<WebhookInput, 'messageStream'>>;

/**
 * The Webhooks API of one server (`server.webhooks`): where Postmark posts the events of a
 * message stream. Reads retry as reads; creating, editing and deleting are writes, repeated
 * only when certainly not carried out. Every input is checked before any request.
 *
 * @example
 * const hook = await server.webhooks.create({ url: 'https://example.com/hooks/postmark', triggers: { bounce: { enabled: true } } });
 */
export interface WebhooksApi {
  /** The webhooks of the server, or of one stream. @example const { webhooks } = await server.webhooks.list({ stream: 'outbound' }); */
  list(filter?: WebhookFilter, options?: RequestOptions): Promise<WebhookList>;
  /** One webhook by its id. @example const hook = await server.webhooks.get(1234567); */
  get(id: number, options?: RequestOptions): Promise<Webhook>;
  /**
   * Creates a webhook and resolves to it as Postmark stored it.
   * @example await server.webhooks.create({ url: 'https://example.com/hooks', httpAuth: { username: 'postmark', password: secret }, triggers: { delivery: { enabled: true }, open: { enabled: true, postFirstOpenOnly: true } } });
   */
  create(webhook: WebhookInput, options?: RequestOptions): Promise<Webhook>;
  /** Changes a webhook. @example await server.webhooks.edit(hook.id, { triggers: { click: { enabled: true } } }); */
  edit(id: number, changes: WebhookChanges, options?: RequestOptions): Promise<Webhook>;
  /** Deletes a webhook. @example await server.webhooks.delete(hook.id); */
  delete(id: number, options?: RequestOptions): Promise<Confirmation>;
}

// The user name and password travel in an Authorization header, and a custom header as one:
// no line breaks. The errors name the field, never the value, which is often a secret.
const noControl = (field: string, value: string): string => {
  const control = controlIn(value);
  if (control) throw new RangeError(`${field} must not hold ${control}`);
  return value;
};
const username: Reader<string> = (field, value) => {
  const name = noControl(field, text(field, value));
  if (name.includes(':')) throw new RangeError(`${field} must not hold a colon (basic auth)`);
  return name;
};
const secret: Reader<string> = (field, value) => noControl(field, anyText(field, value));
const headerName: Reader<string> = (field, value) => {
  const name = text(field, value);
  if (!isHeaderName(name))
    throw new RangeError(
      `${field} '${name}' is not a header name (printable ASCII, no spaces or colons)`,
    );
  return name;
};

const AUTH = {
  username: field('Username', username, true),
  password: field('Password', secret, true),
};
const HEADER = { name: field('Name', headerName, true), value: field('Value', secret, true) };

// One field per row of Postmark's trigger table: `enabled`, plus the trigger's own settings.
const TRIGGERS: Fields = Object.fromEntries(
  Object.entries(WEBHOOK_TRIGGERS).map(([name, trigger]): [string, Field] => {
    const settings = Object.entries(trigger.settings).map(([key, json]) => [
      key,
      field(json, flag),
    ]);
    const fields = { enabled: field(TRIGGER_ENABLED, flag, true), ...Object.fromEntries(settings) };
    return [name, field(trigger.json, nested(fields, '{ enabled: true }'))];
  }),
);

const CHANGES = {
  url: field('Url', url),
  httpAuth: field('HttpAuth', nested(AUTH, "{ username: 'postmark', password: '...' }")),
  httpHeaders: field('HttpHeaders', list(nested(HEADER, "{ name: 'X-Token', value: '...' }"))),
  triggers: field('Triggers', nested(TRIGGERS, '{ delivery: { enabled: true } }')),
};
const NEW = {
  ...CHANGES,
  url: field('Url', url, true),
  messageStream: field('MessageStream', text),
};

const FILTER = { stream: rule('MessageStream', text) };

function toWebhook(raw: unknown): Webhook {
  const webhook = camelize<Webhook>(raw);
  return Object.freeze({
    ...webhook,
    httpHeaders: webhook.httpHeaders ?? Object.freeze([]),
    triggers: webhook.triggers ?? Object.freeze({}),
  });
}

const WebhookReading = reading(PostmarkWebhookSchema, toWebhook);
const ListReading = reading(PostmarkWebhookListSchema, (raw) =>
  Object.freeze({ webhooks: Object.freeze(raw.Webhooks.map(toWebhook)) }),
);

/** The Webhooks API over `client`. @example const webhooks = createWebhooksApi(client); */
export function createWebhooksApi(client: Client): WebhooksApi {
  return Object.freeze({
    async list(filter?: WebhookFilter, options?: RequestOptions) {
      const query = searchQuery(filter, FILTER, { what: 'webhooks.list()' });
      const call = callOptions('webhooks.list()', options);
      return client.get('/webhooks', query, ListReading, call);
    },
    async get(id: number, options?: RequestOptions) {
      const checked = checkNumberId('webhooks.get()', id);
      const call = callOptions('webhooks.get()', options);
      return client.get(pathTo`/webhooks/${checked}`, {}, WebhookReading, call);
    },
    async create(webhook: WebhookInput, options?: RequestOptions) {
      const body = readFields(
        webhook,
        NEW,
        'webhooks.create()',
        "{ url: 'https://example.com/hooks', triggers: { delivery: { enabled: true } } }",
      );
      const call = callOptions('webhooks.create()', options);
      return write(client, 'POST', '/webhooks', body, WebhookReading, call);
    },
    async edit(id: number, changes: WebhookChanges, options?: RequestOptions) {
      const checked = checkNumberId('webhooks.edit()', id);
      const body = readFields(
        changes,
        CHANGES,
        'webhooks.edit()',
        '{ triggers: { open: { enabled: true } } }',
      );
      const call = callOptions('webhooks.edit()', options);
      return write(client, 'PUT', pathTo`/webhooks/${checked}`, body, WebhookReading, call);
    },
    async delete(id: number, options?: RequestOptions) {
      const checked = checkNumberId('webhooks.delete()', id);
      const call = callOptions('webhooks.delete()', options);
      const path = pathTo`/webhooks/${checked}`;
      return write(client, 'DELETE', path, undefined, ConfirmationReading, call);
    },
  });
}

// The interface is written out for its TSDoc; the table is what the code reads. This fails to
// compile the day the two name different triggers.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const triggersMatchTable: Same<keyof WebhookTriggers, WebhookTriggerName> = true;
void triggersMatchTable;
