import { domainDetails, domainSummary, type StoredDomain } from '../domains.js';
import type { Route } from '../router.js';
import { type EntityKind, entityCall, entityRoutes } from './account-entities.js';

const DOMAINS: EntityKind<StoredDomain> = {
  path: '/domains',
  listKey: 'Domains',
  store: (context) => context.account.domains,
  summary: domainSummary,
  details: domainDetails,
  removed: (domain) => `Domain ${domain.name} removed.`,
};

/**
 * The Domains API (account token): sending domains with plausible DNS records; each
 * `verify*` call "finds" its record, since the sandbox has no DNS to look at.
 */
export const domainRoutes: readonly Route[] = [
  ...entityRoutes(DOMAINS),
  entityCall(DOMAINS, 'PUT', '/verifyDkim', 'none', (domain) => domain.dns.verifyDkim()),
  entityCall(DOMAINS, 'PUT', '/verifyReturnPath', 'none', (domain) =>
    domain.dns.verifyReturnPath(),
  ),
  // Postmark's reference answers { SPFHost, SPFVerified, SPFTextValue }; the whole domain
  // holds those, and is what the official client reads.
  entityCall(DOMAINS, 'POST', '/verifyspf', 'none', (domain) => domain.dns.verifySpf()),
  entityCall(DOMAINS, 'POST', '/rotatedkim', 'none', (domain, request) =>
    domain.dns.rotateDkim(request.context.now()),
  ),
];
