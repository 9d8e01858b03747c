import { type Connection, type ConnectionOptions, resolveTokenOptions } from './connection.js';

/**
 * Everything an Account is made of. Only `accountToken` is required.
 *
 * @example
 * new Account({ accountToken: process.env.POSTMARK_ACCOUNT_TOKEN!, timeout: 10_000 });
 */
export interface AccountOptions extends ConnectionOptions {
  /** The account's API token (Account → API Tokens). Kept private: it is never printed. */
  readonly accountToken: string;
}

/** An Account's options, checked and completed with defaults. */
export interface AccountSettings extends Connection {
  readonly token: string;
}

/** Every Account option checked once, at construction, as a Server's are. */
export function resolveAccountOptions(options: unknown): AccountSettings {
  return resolveTokenOptions(options, {
    name: 'Account',
    tokenKey: 'accountToken',
    variable: 'POSTMARK_ACCOUNT_TOKEN',
  });
}
