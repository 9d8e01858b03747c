import { isEmailAddress } from '../../postmark/address.js';
import { ENTITY_WORDING, ERROR_CODES } from '../../postmark/error-codes.js';
import { dataRemovalRecord } from '../data-removals.js';
import { isPlainObject, ok, unprocessable } from '../http.js';
import type { Route } from '../router.js';

/** The Data Removals API (account token): requests pending until `eventDelayMs` has passed. */
export const dataRemovalRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/data-removals',
    body: 'json',
    token: 'account',
    handle: ({ json, context }) => {
      const fields = isPlainObject(json) ? json : {};
      const { RequestedBy: by, RequestedFor: of, NotifyWhenCompleted: notify } = fields;
      for (const [name, value] of [
        ['RequestedBy', by],
        ['RequestedFor', of],
      ] as const) {
        if (typeof value !== 'string' || !isEmailAddress(value))
          throw unprocessable(ERROR_CODES.invalidRequest, `${name} must be an email address.`);
      }
      if (notify !== undefined && typeof notify !== 'boolean')
        throw unprocessable(
          ERROR_CODES.invalidRequest,
          'NotifyWhenCompleted must be true or false.',
        );
      const now = context.now();
      const removal = context.account.dataRemovals.add({
        requestedBy: by as string,
        requestedFor: of as string,
        notifyWhenCompleted: notify === true,
        doneAt: now + context.eventDelayMs,
      });
      return ok(dataRemovalRecord(removal, now));
    },
  },
  {
    method: 'GET',
    path: '/data-removals/:id',
    body: 'none',
    token: 'account',
    handle: ({ params, context }) => {
      const raw = params.id ?? '';
      const removal = /^\d+$/.test(raw) ? context.account.dataRemovals.get(Number(raw)) : undefined;
      // Postmark answers 404 ("Entity doesn't exist") for what it does not have.
      if (removal === undefined)
        return { status: 404, body: { Message: ENTITY_WORDING.dataRemovalNotFound(raw) } };
      return ok(dataRemovalRecord(removal, context.now()));
    },
  },
];
