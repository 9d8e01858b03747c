import type { Address } from '../model/types.js';
import { type BounceType, bounceType } from '../postmark/bounce-types.js';
import { renderBounceDump } from './mime.js';
import type { StoredBounce, StoredEvent } from './store.js';

/** Postmark's domain for test addresses that bounce: `<type>@bounce-testing.postmarkapp.com`. */
export const BOUNCE_TESTING_DOMAIN = 'bounce-testing.postmarkapp.com';

// Postmark reports these as a temporary failure of the message rather than a bounce.
const TRANSIENT_TYPES = new Set(['Transient', 'SoftBounce', 'DnsError']);

/**
 * The bounce type an address asks for: the local part (before any `+suffix`) is a bounce
 * type's name in any case, at Postmark's bounce-testing domain.
 *
 * @example
 * bounceTypeForAddress('HardBounce+1@bounce-testing.postmarkapp.com')?.code; // 1
 * bounceTypeForAddress('ada@example.com'); // undefined
 */
export function bounceTypeForAddress(email: string): BounceType | undefined {
  const at = email.lastIndexOf('@');
  if (email.slice(at + 1).toLowerCase() !== BOUNCE_TESTING_DOMAIN) return undefined;
  const local = email.slice(0, at).split('+')[0] ?? '';
  return bounceType(local);
}

/** What one accepted message leads to. */
export interface Outcome {
  readonly events: StoredEvent[];
  readonly bounces: StoredBounce[];
}

/**
 * The future of an accepted message: one event per recipient at time `at` — `Delivered`, or
 * for a bounce-testing address a bounce record and a `Bounced` (or `Transient`) event.
 */
export function deliveryOutcome(input: {
  readonly messageId: string;
  readonly from: Address;
  readonly recipients: readonly Address[];
  readonly subject: string;
  readonly tag: string;
  readonly stream: string;
  readonly at: number;
  readonly nextBounceId: () => number;
}): Outcome {
  const events: StoredEvent[] = [];
  const bounces: StoredBounce[] = [];
  for (const recipient of input.recipients) {
    const type = bounceTypeForAddress(recipient.email);
    if (type === undefined) {
      events.push({
        recipient: recipient.email,
        type: 'Delivered',
        at: input.at,
        details: {
          DeliveryMessage: 'smtp;250 2.0.0 OK (postmark-fluent sandbox)',
          DestinationServer: 'sandbox',
          DestinationIP: '127.0.0.1',
        },
      });
      continue;
    }
    const id = input.nextBounceId();
    const details = `smtp;550 5.0.0 ${type.name} for ${recipient.email} (bounce-testing address)`;
    bounces.push({
      id,
      type,
      messageId: input.messageId,
      email: recipient.email,
      from: input.from.email,
      subject: input.subject,
      tag: input.tag,
      stream: input.stream,
      details,
      dump: renderBounceDump({ ...input, email: recipient.email, from: input.from.email, details }),
      inactive: type.deactivates,
      // A spam complaint stays suppressed: reactivating someone who complained is not an API call.
      canActivate: type.deactivates && type.type !== 'SpamComplaint',
      at: input.at,
    });
    events.push({
      recipient: recipient.email,
      type: TRANSIENT_TYPES.has(type.type) ? 'Transient' : 'Bounced',
      at: input.at,
      details: { Summary: type.description, BounceID: String(id) },
    });
  }
  return { events, bounces };
}
