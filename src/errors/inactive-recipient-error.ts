import { ApiError, type ApiErrorDetails } from './api-error.js';
import { guardFor } from './postmark-error.js';

/**
 * ErrorCode 406: a recipient is inactive (it hard-bounced, complained about spam, or was
 * suppressed by hand), so Postmark sent nothing. `recipients` lists the addresses Postmark
 * named. Reactivate them through the bounce API, or stop mailing them.
 *
 * @example
 * catch (error) { if (isInactiveRecipientError(error)) await unsubscribe(error.recipients); }
 */
export class InactiveRecipientError extends ApiError {
  override name = 'InactiveRecipientError';
  readonly recipients: readonly string[];

  constructor(
    details: ApiErrorDetails & { readonly recipients: readonly string[] },
    message?: string,
  ) {
    super(details, message);
    this.recipients = Object.freeze([...details.recipients]);
  }
}

export const isInactiveRecipientError = guardFor<InactiveRecipientError>('InactiveRecipientError');
