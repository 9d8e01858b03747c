import { ENTITY_WORDING, ERROR_CODES } from '../../postmark/error-codes.js';
import { ok, unprocessable } from '../http.js';
import type { Route } from '../router.js';
import { type StoredSender, senderDetails, senderSummary } from '../senders.js';
import { type EntityKind, entityCall, entityRoutes } from './account-entities.js';

const SENDERS: EntityKind<StoredSender> = {
  path: '/senders',
  listKey: 'SenderSignatures',
  store: (context) => context.account.senders,
  summary: senderSummary,
  details: senderDetails,
  removed: (sender) => `Signature ${sender.email} removed.`,
};

/** The Sender Signatures API (account token), and the sandbox's own way to confirm one. */
export const senderRoutes: readonly Route[] = [
  ...entityRoutes(SENDERS),
  {
    method: 'POST',
    path: '/senders/:id/resend',
    body: 'none',
    token: 'account',
    handle: ({ params, context }) => {
      const sender = context.account.senders.get(params.id ?? '');
      if (sender.confirmed)
        throw unprocessable(
          ERROR_CODES.senderConfirmed,
          ENTITY_WORDING.senderConfirmed(sender.email),
        );
      return ok({
        ErrorCode: ERROR_CODES.ok,
        Message: `Confirmation email for Sender Signature ${sender.email} was re-sent.`,
      });
    },
  },
  entityCall(SENDERS, 'POST', '/verifyspf', 'none', (sender) => sender.dns.verifySpf()),
  entityCall(SENDERS, 'POST', '/requestnewdkim', 'none', (sender, request) =>
    sender.dns.rotateDkim(request.context.now()),
  ),
  // Not Postmark's: what its confirmation link does (the sandbox sends no mail).
  entityCall(
    SENDERS,
    'POST',
    '',
    'none',
    (sender) => {
      sender.confirmed = true;
    },
    '/sandbox/senders/:id/confirm',
  ),
];
