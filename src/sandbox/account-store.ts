import { ENTITY_WORDING, ERROR_CODES } from '../postmark/error-codes.js';
import { DataRemovalStore } from './data-removals.js';
import { DomainStore } from './domains.js';
import { unprocessable } from './http.js';
import { SenderStore } from './senders.js';
import type { ServerSettingsStore } from './server-settings.js';

/** What the account needs of each of its servers. */
export interface AccountServer {
  readonly serverId: number;
  readonly settings: ServerSettingsStore;
}

/**
 * The sandbox's account: what its account token reaches (servers, domains, sender
 * signatures, data removals; the HTTP layer checks the token). Its servers are full servers, each with its own token and its
 * own state, so a server created through POST /servers can send at once. `S` is the state of
 * one server (the routes' context); `makeServer` builds a new one from POST /servers JSON,
 * with the next id and a fresh token, or throws the refusal.
 */
export class AccountStore<S extends AccountServer> {
  readonly domains = new DomainStore();
  readonly senders = new SenderStore();
  readonly dataRemovals = new DataRemovalStore();
  readonly #servers = new Map<number, S>();
  readonly #makeServer: (id: number, json: Record<string, unknown>) => S;
  readonly #defaultId: number;
  #nextId: number;

  /** `first` is the server the sandbox starts with, which its `token` reaches. */
  constructor(
    first: (account: AccountStore<S>) => S,
    makeServer: (id: number, json: Record<string, unknown>) => S,
  ) {
    this.#makeServer = makeServer;
    const server = first(this);
    this.#defaultId = server.serverId;
    this.#servers.set(server.serverId, server);
    this.#nextId = server.serverId + 1;
  }

  /** The server the sandbox started with. */
  get defaultServer(): S {
    return this.#servers.get(this.#defaultId) as S;
  }

  /** Every server, oldest first. */
  servers(): S[] {
    return [...this.#servers.values()];
  }

  /** The server whose token this is (compared ignoring case, as Postmark compares tokens). */
  byToken(token: string): S | undefined {
    const folded = token.toLowerCase();
    return this.servers().find((server) =>
      server.settings.get().ApiTokens.some((own) => own.toLowerCase() === folded),
    );
  }

  /** The server with the path's id; 601 when there is none. */
  server(raw: string): S {
    const server = /^\d+$/.test(raw) ? this.#servers.get(Number(raw)) : undefined;
    if (server === undefined)
      throw unprocessable(ERROR_CODES.serverNotFound, ENTITY_WORDING.serverNotFound(raw));
    return server;
  }

  /** A new server from POST /servers JSON; 603 when the name is taken. */
  createServer(json: Record<string, unknown>, name: string): S {
    this.checkName(name);
    const server = this.#makeServer(this.#nextId, json);
    this.#nextId += 1;
    this.#servers.set(server.serverId, server);
    return server;
  }

  /** Throws 603 when another server than `except` has this name (compared ignoring case). */
  checkName(name: string, except?: S): void {
    const folded = name.trim().toLowerCase();
    const taken = this.servers().some(
      (server) => server !== except && server.settings.get().Name.trim().toLowerCase() === folded,
    );
    if (taken)
      throw unprocessable(ERROR_CODES.serverNameExists, ENTITY_WORDING.serverNameExists(name));
  }

  /** Deletes a server; the sandbox keeps the one it started with (605). */
  deleteServer(server: S): void {
    if (server.serverId === this.#defaultId) {
      throw unprocessable(
        ERROR_CODES.cannotDeleteServer,
        `Unable to delete Server: the sandbox keeps the server it started with (ID ${this.#defaultId}, the one its token reaches).`,
      );
    }
    this.#servers.delete(server.serverId);
  }

  /** Whether a From is covered by a confirmed sender signature or a domain with a verified DKIM key. */
  allowsFrom(email: string): boolean {
    return this.senders.confirmedFor(email) || this.domains.verifiedFor(email);
  }
}
