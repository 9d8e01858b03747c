// Postmark's two kinds of API token and the headers they travel in (Postmark: "Each
// reference page for the different API endpoints will always specify which authentication
// header to use. The header name and value are case insensitive."). The SDK sends them, the
// sandbox checks them, and an InvalidTokenError says which one an endpoint needs.

/** A server token reaches one server: sending, bounces, templates, streams... */
export const SERVER_TOKEN_HEADER = 'X-Postmark-Server-Token';

/** An account token reaches the account: servers, domains, sender signatures, template pushes. */
export const ACCOUNT_TOKEN_HEADER = 'X-Postmark-Account-Token';

export type TokenKind = 'server' | 'account';

/** The header a kind of token travels in. */
export const TOKEN_HEADERS: Readonly<Record<TokenKind, string>> = Object.freeze({
  server: SERVER_TOKEN_HEADER,
  account: ACCOUNT_TOKEN_HEADER,
});

/**
 * What a refused token's error adds: which token the endpoint needs and where to find it. A
 * server token given where an account token is needed (or the reverse) is refused by Postmark
 * with the same 401 / ErrorCode 10 as a mistyped one, so the error must say which is wanted.
 */
export const TOKEN_NEEDED: Readonly<Record<TokenKind, string>> = Object.freeze({
  server: `this endpoint needs a server token (${SERVER_TOKEN_HEADER}, from the server's API Tokens tab in Postmark; an account token is refused here)`,
  account: `this endpoint needs an account token (${ACCOUNT_TOKEN_HEADER}, from the account's API Tokens tab in Postmark; a server token is refused here)`,
});

/** The kind of token sent in `header` (compared ignoring case, as Postmark does). */
export function tokenKindOf(header: string): TokenKind {
  return header.toLowerCase() === ACCOUNT_TOKEN_HEADER.toLowerCase() ? 'account' : 'server';
}
