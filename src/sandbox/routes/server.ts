import { failure, ok, type Reply } from '../http.js';
import type { Route, RouteRequest } from '../router.js';
import { isProblem } from '../server-settings.js';

/** The Server API: the settings of the server the token belongs to. */
export const serverRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/server',
    body: 'none',
    handle: ({ context }) => ok(context.settings.get()),
  },
  { method: 'PUT', path: '/server', body: 'json', handle: editServer },
];

function editServer({ json, context }: RouteRequest): Reply {
  // The test token checks the changes without keeping them, as it does sends.
  const answer = context.testMode ? context.settings.check(json) : context.settings.edit(json);
  return isProblem(answer) ? failure(answer) : ok(answer);
}
