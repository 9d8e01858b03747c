import { DEFAULT_STREAM } from '../postmark/answers.js';
import { ENTITY_WORDING, ERROR_CODES } from '../postmark/error-codes.js';
import { DEFAULT_INBOUND_STREAM } from '../postmark/inbound.js';
import { controlIn, isHeaderName } from '../postmark/text.js';
import {
  hookUrlProblem,
  TRIGGER_ENABLED,
  WEBHOOK_TRIGGERS,
  type WebhookTriggerJson,
} from '../postmark/webhooks.js';
import { deepFreeze } from './freeze.js';
import { isPlainObject, unprocessable } from './http.js';

/** A trigger of a stored webhook: `Enabled`, and the trigger's own settings. */
export interface SandboxWebhookTrigger {
  readonly Enabled: boolean;
  readonly PostFirstOpenOnly?: boolean;
  readonly IncludeContent?: boolean;
}

/**
 * A webhook as the sandbox keeps it and answers it (Postmark's JSON): every trigger is
 * there, off unless it was turned on.
 *
 * @example
 * webhooksFor(context.webhooks, 'outbound', 'Delivery')[0]?.Url; // where a Delivery event goes
 */
export interface SandboxWebhook {
  readonly ID: number;
  readonly Url: string;
  readonly MessageStream: string;
  readonly HttpAuth: { readonly Username: string; readonly Password: string } | null;
  readonly HttpHeaders: readonly { readonly Name: string; readonly Value: string }[];
  readonly Triggers: Readonly<Record<WebhookTriggerJson, SandboxWebhookTrigger>>;
}

type WebhookFields = Omit<SandboxWebhook, 'ID'>;

const invalid = (message: string) =>
  unprocessable(ERROR_CODES.webhookFieldInvalid, `Invalid value provided for a field: ${message}`);

/** The webhooks of one sandbox. Ids are numbers from 1, never given twice. */
export class WebhookStore {
  readonly #byId = new Map<number, SandboxWebhook>();
  #nextId = 1;

  /**
   * Stores a webhook from Postmark's JSON (POST /webhooks); throws a 422 `ApiFailure` naming
   * the broken rule. `hasStream` says whether the server has a message stream.
   */
  create(json: unknown, hasStream: (id: string) => boolean): SandboxWebhook {
    const fields = readWebhook(json, undefined, hasStream);
    const webhook = deepFreeze({ ID: this.#nextId, ...fields });
    this.#nextId += 1;
    this.#byId.set(webhook.ID, webhook);
    return webhook;
  }

  /** Changes a webhook (PUT /webhooks/{id}): what the JSON gives replaces what was there. */
  edit(id: number, json: unknown, hasStream: (id: string) => boolean): SandboxWebhook {
    const existing = this.get(id);
    const webhook = deepFreeze({ ID: id, ...readWebhook(json, existing, hasStream) });
    this.#byId.set(id, webhook);
    return webhook;
  }

  /** The webhook, or a 422 with the Webhooks API's "not found". */
  get(id: number): SandboxWebhook {
    const webhook = this.#byId.get(id);
    if (webhook === undefined)
      throw unprocessable(ERROR_CODES.webhookNotFound, ENTITY_WORDING.webhookNotFound(String(id)));
    return webhook;
  }

  remove(id: number): SandboxWebhook {
    const webhook = this.get(id);
    this.#byId.delete(id);
    return webhook;
  }

  /** Every webhook, or those of one stream, oldest first. */
  list(stream?: string): SandboxWebhook[] {
    const all = [...this.#byId.values()];
    return stream === undefined ? all : all.filter((webhook) => webhook.MessageStream === stream);
  }
}

/**
 * The webhooks that want an event: those of `stream` whose `trigger` is enabled, oldest first.
 * (Firing them is the sandbox's to do when an event happens.)
 *
 * @example webhooksFor(context.webhooks, 'outbound', 'Bounce').map((webhook) => webhook.Url)
 */
export function webhooksFor(
  store: WebhookStore,
  stream: string,
  trigger: WebhookTriggerJson,
): readonly SandboxWebhook[] {
  return store.list(stream).filter((webhook) => webhook.Triggers[trigger].Enabled);
}

// Postmark's JSON, checked, laid over `base` (an edit) or over a webhook with nothing turned
// on (a create). `null` is taken as absent; fields Postmark does not know are ignored.
function readWebhook(
  json: unknown,
  base: SandboxWebhook | undefined,
  hasStream: (id: string) => boolean,
): WebhookFields {
  if (!isPlainObject(json))
    throw unprocessable(ERROR_CODES.webhookBodyMissing, 'A request body must be provided.');
  const given = (name: string) => (json[name] === null ? undefined : json[name]);
  return {
    Url: readUrl(given('Url'), base),
    MessageStream: readStream(given('MessageStream'), base, hasStream),
    HttpAuth: given('HttpAuth') === undefined ? (base?.HttpAuth ?? null) : readAuth(json.HttpAuth),
    HttpHeaders:
      given('HttpHeaders') === undefined
        ? (base?.HttpHeaders ?? [])
        : readHeaders(json.HttpHeaders),
    Triggers: readTriggers(given('Triggers'), base?.Triggers),
  };
}

function readUrl(value: unknown, base: SandboxWebhook | undefined): string {
  if (value === undefined && base) return base.Url;
  const problem = typeof value === 'string' ? hookUrlProblem(value) : 'is missing';
  if (problem) {
    throw unprocessable(
      ERROR_CODES.webhookUrlInvalid,
      `The request must contain a valid 'Url' field: the Url ${problem}.`,
    );
  }
  return value as string;
}

function readStream(
  value: unknown,
  base: SandboxWebhook | undefined,
  hasStream: (id: string) => boolean,
): string {
  if (base) {
    if (value !== undefined && value !== base.MessageStream) {
      throw unprocessable(
        ERROR_CODES.webhookStreamFixed,
        "You cannot update the 'ID' or 'MessageStream' fields of a webhook.",
      );
    }
    return base.MessageStream;
  }
  const stream = value ?? DEFAULT_STREAM;
  if (typeof stream !== 'string') throw invalid('MessageStream must be a string.');
  if (stream === DEFAULT_INBOUND_STREAM) {
    throw unprocessable(
      ERROR_CODES.webhookOnInboundStream,
      `You cannot create a webhook on the inbound stream '${stream}': webhooks are for Transactional and Broadcasts streams.`,
    );
  }
  if (!hasStream(stream))
    throw unprocessable(ERROR_CODES.streamNotFound, ENTITY_WORDING.streamNotFound(stream));
  return stream;
}

// Basic auth travels in an Authorization header: no line breaks, no colon in the user name.
// An empty user name and password mean "no auth". Messages never repeat the password.
function readAuth(value: unknown): SandboxWebhook['HttpAuth'] {
  if (!isPlainObject(value)) throw invalid('HttpAuth must be an object { Username, Password }.');
  const { Username, Password } = value;
  if (typeof Username !== 'string' || typeof Password !== 'string')
    throw invalid('HttpAuth needs a string Username and a string Password.');
  if (Username === '' && Password === '') return null;
  if (Username.includes(':') || controlIn(Username) || controlIn(Password))
    throw invalid('HttpAuth may not hold control characters, nor a colon in the Username.');
  return { Username, Password };
}

function readHeaders(value: unknown): SandboxWebhook['HttpHeaders'] {
  if (!Array.isArray(value)) throw invalid('HttpHeaders must be an array of { Name, Value }.');
  return value.map((header, index) => {
    const name = isPlainObject(header) ? header.Name : undefined;
    if (typeof name !== 'string' || !isHeaderName(name)) {
      throw unprocessable(
        ERROR_CODES.webhookHeaderNameInvalid,
        `You must provide a valid 'HttpHeader' 'Name' (HttpHeaders[${index}]).`,
      );
    }
    const headerValue = (header as Record<string, unknown>).Value ?? '';
    if (typeof headerValue !== 'string' || controlIn(headerValue))
      throw invalid(`HttpHeaders[${index}].Value must be a string without control characters.`);
    return { Name: name, Value: headerValue };
  });
}

function readTriggers(
  value: unknown,
  base: SandboxWebhook['Triggers'] | undefined,
): SandboxWebhook['Triggers'] {
  if (value !== undefined && !isPlainObject(value))
    throw invalid('Triggers must be an object such as { "Delivery": { "Enabled": true } }.');
  const triggers: Partial<Record<WebhookTriggerJson, SandboxWebhookTrigger>> = {};
  for (const { json, settings } of Object.values(WEBHOOK_TRIGGERS)) {
    const names = [TRIGGER_ENABLED, ...Object.values(settings)];
    const before: Record<string, boolean> = base?.[json]
      ? { ...base[json] }
      : Object.fromEntries(names.map((name) => [name, false]));
    const given = value?.[json] ?? undefined;
    if (given !== undefined && !isPlainObject(given))
      throw invalid(`Triggers.${json} must be an object such as { "Enabled": true }.`);
    for (const name of names) {
      const setting = given?.[name] ?? undefined;
      if (setting === undefined) continue;
      if (typeof setting !== 'boolean')
        throw invalid(`Triggers.${json}.${name} must be true or false.`);
      before[name] = setting;
    }
    triggers[json] = before as unknown as SandboxWebhookTrigger;
  }
  return triggers as SandboxWebhook['Triggers'];
}
