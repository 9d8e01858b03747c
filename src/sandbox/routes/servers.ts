import { DELIVERY_TYPES } from '../../postmark/account.js';
import { ERROR_CODES } from '../../postmark/error-codes.js';
import { failure, isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import { page, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';
import { isProblem } from '../server-settings.js';

/**
 * The Servers API (account token): the account's servers, each a whole server with its own
 * token and state. A server created here can send at once with the token it answers with.
 */
export const serverAccountRoutes: readonly Route[] = [
  { method: 'GET', path: '/servers', body: 'none', token: 'account', handle: listServers },
  { method: 'POST', path: '/servers', body: 'json', token: 'account', handle: createServer },
  {
    method: 'GET',
    path: '/servers/:id',
    body: 'none',
    token: 'account',
    handle: ({ params, context }) => ok(context.account.server(params.id ?? '').settings.get()),
  },
  { method: 'PUT', path: '/servers/:id', body: 'json', token: 'account', handle: editServer },
  {
    method: 'DELETE',
    path: '/servers/:id',
    body: 'none',
    token: 'account',
    handle: ({ params, context }) => {
      const server = context.account.server(params.id ?? '');
      context.account.deleteServer(server);
      const { Name } = server.settings.get();
      return ok({ ErrorCode: ERROR_CODES.ok, Message: `Server ${Name} removed.` });
    },
  },
];

function listServers({ query, context }: RouteRequest): Reply {
  const name = query.get('name')?.toLowerCase() ?? '';
  const servers = context.account
    .servers()
    .map((server) => server.settings.get())
    .filter((settings) => settings.Name.toLowerCase().includes(name));
  return ok({ TotalCount: servers.length, Servers: page(servers, readPaging(query, ['name'])) });
}

function createServer({ json, context }: RouteRequest): Reply {
  const fields = isPlainObject(json) ? json : {};
  const name = serverName(fields.Name);
  const { DeliveryType: deliveryType } = fields;
  if (deliveryType !== undefined && !(DELIVERY_TYPES as readonly unknown[]).includes(deliveryType))
    throw unprocessable(
      ERROR_CODES.invalidRequest,
      `DeliveryType must be one of ${DELIVERY_TYPES.join(', ')}.`,
    );
  // The settings are checked as PUT /server checks them (laid over any server's), before
  // anything is made.
  const problem = context.settings.check(fields);
  if (isProblem(problem)) return failure(problem);
  return ok(context.account.createServer(fields, name).settings.get());
}

function editServer({ params, json, context }: RouteRequest): Reply {
  const server = context.account.server(params.id ?? '');
  if (isPlainObject(json) && json.Name !== undefined)
    context.account.checkName(serverName(json.Name), server);
  const answer = server.settings.edit(json);
  return isProblem(answer) ? failure(answer) : ok(answer);
}

// Postmark: 608 "Server name missing or invalid".
function serverName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '')
    throw unprocessable(
      ERROR_CODES.serverNameInvalid,
      'Server name missing or invalid: give a Name.',
    );
  return name;
}
