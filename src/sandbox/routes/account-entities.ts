import { ERROR_CODES } from '../../postmark/error-codes.js';
import type { SandboxContext } from '../context.js';
import { ok } from '../http.js';
import { page, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';

/** What the account keeps of one kind of entity (domains, sender signatures). */
export interface EntityStore<E> {
  list(): E[];
  /** The entity of a path's id; throws Postmark's "not found" when there is none. */
  get(raw: string): E;
  create(json: unknown, now: number): E;
  edit(entity: E, json: unknown): void;
  remove(entity: E): void;
}

/** How one kind of entity is reached and shown. */
export interface EntityKind<E> {
  /** `/domains`, `/senders`. */
  readonly path: string;
  /** The list's field: `Domains`, `SenderSignatures`. */
  readonly listKey: string;
  readonly store: (context: SandboxContext) => EntityStore<E>;
  /** As the list shows it. */
  readonly summary: (entity: E) => Record<string, unknown>;
  /** As GET answers it. */
  readonly details: (entity: E) => Record<string, unknown>;
  /** The words of a delete: `Domain example.com removed.` */
  readonly removed: (entity: E) => string;
}

/**
 * The six account routes every kind of entity has: list (paged), create, get, edit, delete,
 * all with the account token.
 */
export function entityRoutes<E>(kind: EntityKind<E>): Route[] {
  const { path, listKey, store, summary, details } = kind;
  return [
    {
      method: 'GET',
      path,
      body: 'none',
      token: 'account',
      handle: ({ query, context }) => {
        const all = store(context).list();
        return ok({ TotalCount: all.length, [listKey]: page(all, readPaging(query)).map(summary) });
      },
    },
    {
      method: 'POST',
      path,
      body: 'json',
      token: 'account',
      handle: ({ json, context }) => ok(details(store(context).create(json, context.now()))),
    },
    entityCall(kind, 'GET', '', 'none', () => undefined),
    entityCall(kind, 'PUT', '', 'json', (entity, request) =>
      store(request.context).edit(entity, request.json),
    ),
    {
      method: 'DELETE',
      path: `${path}/:id`,
      body: 'none',
      token: 'account',
      handle: (request) => {
        const entity = store(request.context).get(request.params.id ?? '');
        store(request.context).remove(entity);
        return ok({ ErrorCode: ERROR_CODES.ok, Message: kind.removed(entity) });
      },
    },
  ];
}

/**
 * `method <path>/:id<suffix>` on one entity: does `change` to it (which may throw Postmark's
 * refusal), then answers its details.
 */
export function entityCall<E>(
  kind: EntityKind<E>,
  method: 'GET' | 'PUT' | 'POST',
  suffix: string,
  body: 'none' | 'json',
  change: (entity: E, request: RouteRequest) => void,
  path = `${kind.path}/:id${suffix}`,
): Route {
  return {
    method,
    path,
    body,
    token: 'account',
    handle: (request) => {
      const entity = kind.store(request.context).get(request.params.id ?? '');
      change(entity, request);
      return ok(kind.details(entity));
    },
  };
}
