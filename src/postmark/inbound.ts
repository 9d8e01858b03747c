import { emailsOf, isDomainName, isEmailAddress } from './address.js';
import { DEFAULT_STREAMS } from './answers.js';

// Postmark's inbound mail, once: the states of an inbound message, and the grammar and
// meaning of an inbound rule (the Triggers API), for the SDK's checks and the sandbox.

/** The server's inbound stream (a server has one): where inbound mail arrives. */
export const DEFAULT_INBOUND_STREAM: string =
  DEFAULT_STREAMS.find((stream) => stream.type === 'Inbound')?.id ?? 'inbound';

/** The `Status` of an inbound message, as Postmark writes it. */
export const INBOUND_STATUSES = Object.freeze([
  'Processed',
  'Blocked',
  'Queued',
  'Scheduled',
  'Failed',
] as const);

export type InboundStatusName = (typeof INBOUND_STATUSES)[number];

/** The values of the `status` filter of GET /messages/inbound: the statuses in lower case. */
export const INBOUND_STATUS_FILTERS = Object.freeze(
  INBOUND_STATUSES.map((status) => status.toLowerCase() as Lowercase<InboundStatusName>),
);

export type InboundStatusFilterName = (typeof INBOUND_STATUS_FILTERS)[number];

/** The status Postmark gives a filter value (`blocked` → `Blocked`), or `undefined`. */
export function inboundStatusOf(filter: string): InboundStatusName | undefined {
  return INBOUND_STATUSES.find((status) => status.toLowerCase() === filter.toLowerCase());
}

/**
 * Whether `rule` may be an inbound rule: an email address (`spammer@example.com`) or a domain
 * of two or more labels (`example.com`), by the address grammar of src/postmark/address.ts.
 *
 * @example isInboundRule('example.com') // true; isInboundRule('*.example.com') // false
 */
export function isInboundRule(rule: string): boolean {
  return isEmailAddress(rule) || isDomainName(rule);
}

/**
 * Whether an inbound rule blocks mail from `from` (an address or a From header): a rule that
 * is an address matches that address, a rule that is a domain every address at that domain;
 * both ignoring case. Subdomains are not taken as matching (Postmark does not say they are).
 *
 * @example inboundRuleMatches('example.com', 'Ada <ada@Example.com>') // true
 */
export function inboundRuleMatches(rule: string, from: string): boolean {
  const wanted = rule.toLowerCase();
  return emailsOf(from).some((email) =>
    wanted.includes('@') ? email === wanted : email.slice(email.lastIndexOf('@') + 1) === wanted,
  );
}
