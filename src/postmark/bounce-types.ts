/** One of Postmark's bounce types, with what a bounce of that type looks like. */
export interface BounceType<Name extends string = string> {
  /** Postmark's `Type`, e.g. `HardBounce`: what the `type` filter of GET /bounces takes. */
  readonly type: Name;
  /** Postmark's `TypeCode`. */
  readonly code: number;
  /** Postmark's display `Name`, e.g. `Hard bounce`. */
  readonly name: string;
  readonly description: string;
  /** Whether Postmark deactivates the address (later sends answer ErrorCode 406). */
  readonly deactivates: boolean;
}

const type = <Name extends string>(
  name: Name,
  code: number,
  display: string,
  description: string,
  deactivates = false,
): BounceType<Name> => Object.freeze({ type: name, code, name: display, description, deactivates });

/**
 * Postmark's bounce types and codes (from the API reference), with Postmark's display names
 * and descriptions. An address is deactivated by HardBounce, BadEmailAddress, SpamComplaint
 * and ManuallyDeactivated.
 */
export const BOUNCE_TYPES = Object.freeze([
  type(
    'HardBounce',
    1,
    'Hard bounce',
    'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    true,
  ),
  type(
    'Transient',
    2,
    'Message delayed',
    'The server could not temporarily deliver your message (ex: Message is delayed due to network troubles).',
  ),
  type('Unsubscribe', 16, 'Unsubscribe request', 'Unsubscribe or Remove request.'),
  type(
    'Subscribe',
    32,
    'Subscribe request',
    'Subscribe request from someone wanting to get added to the mailing list.',
  ),
  type(
    'AutoResponder',
    64,
    'Auto responder',
    'Automatic email responder (ex: "Out of Office" or "On Vacation").',
  ),
  type('AddressChange', 128, 'Address change', 'The recipient has requested an address change.'),
  type('DnsError', 256, 'DNS error', 'A temporary DNS error.'),
  type(
    'SpamNotification',
    512,
    'Spam notification',
    'The message was delivered, but was either blocked by the user, or classified as spam, bulk mail, or had rejected content.',
  ),
  type(
    'OpenRelayTest',
    1024,
    'Open relay test',
    'The NDR is actually a test email message to see if the mail server is an open relay.',
  ),
  type('Unknown', 2048, 'Unknown', 'Unable to classify the NDR.'),
  type(
    'SoftBounce',
    4096,
    'Soft bounce',
    'Unable to temporarily deliver message (i.e. mailbox full, account disabled, exceeds quota, out of disk space).',
  ),
  type(
    'VirusNotification',
    8192,
    'Virus notification',
    'The bounce is actually a virus notification warning about a virus/code infected message.',
  ),
  type(
    'ChallengeVerification',
    16384,
    'Spam challenge verification',
    'The bounce is a challenge asking for verification you actually sent the email.',
  ),
  type(
    'BadEmailAddress',
    100000,
    'Invalid email address',
    'The address is not a valid email address.',
    true,
  ),
  type(
    'SpamComplaint',
    100001,
    'Spam complaint',
    'The subscriber explicitly marked this message as spam.',
    true,
  ),
  type(
    'ManuallyDeactivated',
    100002,
    'Manually deactivated',
    'The email was manually deactivated.',
    true,
  ),
  type(
    'Unconfirmed',
    100003,
    'Registration not confirmed',
    'Registration not confirmed — The subscriber has not clicked on the confirmation link upon registration or import.',
  ),
  type('Blocked', 100006, 'ISP block', 'Blocked from this ISP due to content or blacklisting.'),
  type(
    'SMTPApiError',
    100007,
    'SMTP API error',
    'An error occurred while accepting an email through the SMTP API.',
  ),
  type(
    'InboundError',
    100008,
    'Processing failed',
    'Unable to deliver inbound message to destination inbound hook.',
  ),
  type('DMARCPolicy', 100009, 'DMARC Policy', 'Email rejected due DMARC Policy.'),
  type(
    'TemplateRenderingFailed',
    100010,
    'Template rendering failed',
    'An error occurred while attempting to render your template.',
  ),
]);

/** A bounce type name, such as `HardBounce`. */
export type BounceTypeName = (typeof BOUNCE_TYPES)[number]['type'];

/** The bounce type named `name` (Postmark's `Type`, matched ignoring case), if any. */
export function bounceType(name: string): BounceType | undefined {
  const folded = name.toLowerCase();
  return BOUNCE_TYPES.find((candidate) => candidate.type.toLowerCase() === folded);
}
