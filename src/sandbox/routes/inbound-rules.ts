import { ERROR_CODES, WORDING } from '../../postmark/error-codes.js';
import { isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import { page, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';

/** The Triggers API's inbound rules: list (paged), create, delete. */
export const inboundRuleRoutes: readonly Route[] = [
  { method: 'GET', path: '/triggers/inboundrules', body: 'none', handle: listRules },
  { method: 'POST', path: '/triggers/inboundrules', body: 'json', handle: createRule },
  {
    method: 'DELETE',
    path: '/triggers/inboundrules/:id',
    body: 'none',
    handle: ({ params, context }) => {
      const removed = context.inboundRules.remove(params.id ?? '');
      return ok({ ErrorCode: ERROR_CODES.ok, Message: `Rule ${removed.Rule} removed.` });
    },
  },
];

function listRules({ query, context }: RouteRequest): Reply {
  const rules = context.inboundRules.list();
  return ok({ TotalCount: rules.length, InboundRules: page(rules, readPaging(query)) });
}

function createRule({ json, context }: RouteRequest): Reply {
  if (!isPlainObject(json) || json.Rule === undefined || json.Rule === null)
    throw unprocessable(ERROR_CODES.noTriggerData, WORDING.noTriggerData);
  return ok(context.inboundRules.add(json.Rule));
}
