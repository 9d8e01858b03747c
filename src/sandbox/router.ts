import type { SandboxContext } from './context.js';
import type { Reply } from './http.js';

/**
 * What a route reads from its request body: nothing, one message (limited to
 * `maxMessageBytes`), a batch (`maxBatchBytes`), a bulk request (`maxBulkBytes`) or other
 * JSON (`maxBatchBytes`).
 */
export type BodyKind = 'none' | 'message' | 'batch' | 'bulk' | 'json';

/** A request after authentication, header checks and JSON parsing. */
export interface RouteRequest {
  /** Path parameters, already URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The query, its parameter names in lower case (Postmark reads them ignoring case). */
  readonly query: URLSearchParams;
  readonly json: unknown;
  readonly context: SandboxContext;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path whose `:name` segments become `params.name`. */
  readonly path: string;
  readonly body: BodyKind;
  /**
   * The token the endpoint takes: a server's (the default), or the account's; the route then
   * sees the sandbox's first server as its context, and the account through it.
   */
  readonly token?: 'server' | 'account';
  readonly handle: (request: RouteRequest) => Reply | Promise<Reply>;
}

export type Match =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'wrong-method'; readonly allowed: readonly string[] }
  | { readonly kind: 'none' };

/**
 * Finds the first route whose path matches `pathname` (still percent-encoded, so that an
 * encoded `/` stays inside its segment) and decodes its parameters. Literal segments match
 * ignoring case, and a trailing slash is accepted, as Postmark does.
 *
 * @example
 * matchRoute(routes, 'GET', '/messages/outbound/a%2Fb/details'); // params.id === 'a/b'
 */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): Match {
  const segments = trimSlash(pathname).split('/');
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path.split('/'), segments);
    if (params === undefined) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}

function matchPath(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined; // a malformed escape names no entity
      }
    } else if (part.toLowerCase() !== segment.toLowerCase()) {
      // Postmark matches paths ignoring case (the official client calls GET /deliveryStats).
      return undefined;
    }
  }
  return params;
}

function trimSlash(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}
