import { DEFAULT_STREAMS } from '../postmark/answers.js';
import { ENTITY_WORDING, ERROR_CODES } from '../postmark/error-codes.js';
import {
  ARCHIVED_STREAM_RETENTION_DAYS,
  CREATABLE_STREAM_TYPES,
  isDefaultStream,
  type MessageStreamType,
  STREAM_ID_RULE,
  streamIdProblem,
  UNSUBSCRIBE_HANDLING_TYPES,
} from '../postmark/streams.js';
import { isPlainObject, type Problem } from './http.js';

/** A message stream of the sandbox's server; the mutable fields change by PATCH and archive. */
export interface StoredStream {
  readonly id: string;
  readonly type: MessageStreamType;
  name: string;
  description: string | null;
  unsubscribeHandlingType: string;
  readonly createdAt: number;
  updatedAt: number | null;
  archivedAt: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// Broadcasts come with Postmark's unsubscribe link; other streams handle none.
const defaultHandling = (type: MessageStreamType) => (type === 'Broadcasts' ? 'Postmark' : 'None');

/**
 * The message streams of one sandbox: Postmark's three defaults (`outbound`, `inbound`,
 * `broadcast`), the `messageStreams` start option (Transactional) and what POST
 * /message-streams creates. Nothing here is global.
 */
export class StreamStore {
  readonly #streams = new Map<string, StoredStream>();

  /** The defaults plus `extra` (Transactional), created at `now`. Throws on a bad extra id. */
  static start(extra: readonly string[], now: number): StreamStore {
    const store = new StreamStore();
    for (const { id, type, name } of DEFAULT_STREAMS) store.#put(stream(id, type, name, now));
    for (const id of extra) {
      const problem = typeof id === 'string' ? streamIdProblem(id) : 'must be a string';
      if (problem !== undefined)
        throw new TypeError(`startSandbox: messageStreams: '${String(id)}' ${problem}.`);
      if (!store.#streams.has(id)) store.#put(stream(id, 'Transactional', id, now));
    }
    return store;
  }

  /** A copy whose changes leave this store as it is (for the test token). */
  copy(): StreamStore {
    const copy = new StreamStore();
    for (const stored of this.#streams.values()) copy.#put({ ...stored });
    return copy;
  }

  get(id: string): StoredStream | undefined {
    return this.#streams.get(id);
  }

  /** Every stream, in the order they were made. */
  list(): StoredStream[] {
    return [...this.#streams.values()];
  }

  /**
   * Creates a stream from POST /message-streams JSON, or says why not: a bad or taken id
   * (1221, 1222), a type that cannot be created (1223, Inbound), a bad field (300).
   */
  create(json: unknown, now: number): StoredStream | Problem {
    if (!isPlainObject(json)) return invalid('A message stream must be a JSON object.');
    const id = json.ID;
    if (typeof id !== 'string' || streamIdProblem(id) !== undefined) {
      return {
        errorCode: ERROR_CODES.invalidStreamId,
        message: `The message stream 'ID' must be ${STREAM_ID_RULE}; got ${JSON.stringify(id ?? null)}.`,
      };
    }
    if (this.#streams.has(id)) {
      return {
        errorCode: ERROR_CODES.streamIdTaken,
        message: `A message stream with the ID '${id}' already exists on this server.`,
      };
    }
    const type = json.MessageStreamType;
    if (!(CREATABLE_STREAM_TYPES as readonly unknown[]).includes(type)) {
      return {
        errorCode: ERROR_CODES.streamTypeNotCreatable,
        message: `The 'MessageStreamType' must be one of ${CREATABLE_STREAM_TYPES.join(', ')}; got ${JSON.stringify(type ?? null)}${type === 'Inbound' ? ' (a server has one Inbound stream, made with it)' : ''}.`,
      };
    }
    if (json.Name === undefined || json.Name === null) return invalid("The 'Name' is required.");
    const problem = changesProblem(json);
    if (problem) return problem;
    const created = stream(id, type as MessageStreamType, json.Name as string, now);
    edit(created, json);
    this.#put(created);
    return created;
  }

  /** Applies PATCH /message-streams/{id} JSON to `stored`, or says why not (300). */
  edit(stored: StoredStream, json: unknown, now: number): Problem | undefined {
    if (!isPlainObject(json)) return invalid('The changes must be a JSON object.');
    const problem = changesProblem(json);
    if (problem) return problem;
    edit(stored, json);
    stored.updatedAt = now;
    return undefined;
  }

  /**
   * Archives `stored` at `now`, or says why not: a default stream cannot be archived (else
   * every send without a stream would answer 1236). Archiving an archived stream keeps its
   * first date, so its purge date does not move.
   */
  archive(stored: StoredStream, now: number): Problem | undefined {
    if (isDefaultStream(stored.id))
      return {
        errorCode: ERROR_CODES.defaultStreamNotArchivable,
        message: ENTITY_WORDING.defaultStreamNotArchivable(stored.id),
      };
    stored.archivedAt ??= now;
    return undefined;
  }

  #put(stored: StoredStream): void {
    this.#streams.set(stored.id, stored);
  }
}

/** A stream as Postmark's Message Streams API shows it. */
export function streamRecord(stored: StoredStream, serverId: number): Record<string, unknown> {
  const time = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    ID: stored.id,
    ServerID: serverId,
    Name: stored.name,
    Description: stored.description,
    MessageStreamType: stored.type,
    CreatedAt: time(stored.createdAt),
    UpdatedAt: time(stored.updatedAt),
    ArchivedAt: time(stored.archivedAt),
    ExpectedPurgeDate: time(purgeDate(stored)),
    SubscriptionManagementConfiguration: {
      UnsubscribeHandlingType: stored.unsubscribeHandlingType,
    },
  };
}

/** When an archived stream will be purged; null while it is not archived. */
export function purgeDate(stored: StoredStream): number | null {
  return stored.archivedAt === null
    ? null
    : stored.archivedAt + ARCHIVED_STREAM_RETENTION_DAYS * DAY_MS;
}

function stream(id: string, type: MessageStreamType, name: string, now: number): StoredStream {
  return {
    id,
    type,
    name,
    description: null,
    unsubscribeHandlingType: defaultHandling(type),
    createdAt: now,
    updatedAt: null,
    archivedAt: null,
  };
}

// Name, Description and SubscriptionManagementConfiguration, each optional; null is absent.
function changesProblem(json: Record<string, unknown>): Problem | undefined {
  const { Name, Description, SubscriptionManagementConfiguration: config } = json;
  if (Name !== undefined && Name !== null && (typeof Name !== 'string' || Name.trim() === ''))
    return invalid("The 'Name' must be a non-empty string.");
  if (Description !== undefined && Description !== null && typeof Description !== 'string')
    return invalid("The 'Description' must be a string.");
  if (config === undefined || config === null) return undefined;
  const handling = isPlainObject(config) ? config.UnsubscribeHandlingType : undefined;
  if (!(UNSUBSCRIBE_HANDLING_TYPES as readonly unknown[]).includes(handling)) {
    return invalid(
      `'SubscriptionManagementConfiguration.UnsubscribeHandlingType' must be one of ${UNSUBSCRIBE_HANDLING_TYPES.join(', ')}.`,
    );
  }
  return undefined;
}

function edit(stored: StoredStream, json: Record<string, unknown>): void {
  if (typeof json.Name === 'string') stored.name = json.Name;
  if (typeof json.Description === 'string') stored.description = json.Description;
  const config = json.SubscriptionManagementConfiguration;
  if (isPlainObject(config))
    stored.unsubscribeHandlingType = String(config.UnsubscribeHandlingType);
}

// Postmark names no code for a malformed stream field; 300 ("invalid request") is used.
function invalid(message: string): Problem {
  return { errorCode: ERROR_CODES.invalidRequest, message };
}
