import {
  CONNECTION_KEYS,
  type Connection,
  type ConnectionOptions,
  resolveTokenOptions,
} from './connection.js';

/**
 * Everything a Server is made of. Only `serverToken` is required.
 *
 * @example
 * new Server({ serverToken: process.env.POSTMARK_SERVER_TOKEN!, timeout: 10_000 });
 */
export interface ServerOptions extends ConnectionOptions {
  /** The server's API token (Servers → API Tokens). Kept private: it is never printed. */
  readonly serverToken: string;
}

export const SERVER_KEYS = ['serverToken', ...CONNECTION_KEYS] as const;

/** A Server's options, checked and completed with defaults. */
export interface ServerSettings extends Connection {
  readonly token: string;
}

/** Every Server option checked once, at construction, as a Sender's are. */
export function resolveServerOptions(options: unknown): ServerSettings {
  return resolveTokenOptions(options, {
    name: 'Server',
    tokenKey: 'serverToken',
    variable: 'POSTMARK_SERVER_TOKEN',
  });
}

// The token and connection of each Sender, for Server.of(sender): held here, where no public
// name reaches them, so that a Sender never shows its token and a Server can still share it.
const connections = new WeakMap<object, ServerSettings>();

/** Remembers what `owner` connects with (a Sender, at construction). */
export function rememberConnection(owner: object, settings: ServerSettings): void {
  connections.set(owner, settings);
}

/** What `owner` connects with, or `undefined` for an object that is not a Sender. */
export function connectionOf(owner: unknown): ServerSettings | undefined {
  return typeof owner === 'object' && owner !== null ? connections.get(owner) : undefined;
}
