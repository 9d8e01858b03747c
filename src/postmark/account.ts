// The account's entities (servers, domains, sender signatures, template pushes, data
// removals), as the SDK checks what it sends and the sandbox answers like Postmark.
// From Postmark's Servers, Domains, Sender Signatures, Templates and Data Removals API pages
// and the official clients' models (shared/reference/postmark-api-more.md).

/** How a server delivers: `Live`, or `Sandbox` (Postmark accepts and drops everything). */
export const DELIVERY_TYPES = Object.freeze(['Live', 'Sandbox'] as const);

export type DeliveryType = (typeof DELIVERY_TYPES)[number];

/** What a template push does to each template of the source server on the destination. */
export const TEMPLATE_PUSH_ACTIONS = Object.freeze(['Create', 'Edit'] as const);

/** Where a data removal request stands. */
export const DATA_REMOVAL_STATUSES = Object.freeze(['Pending', 'Done'] as const);

/** Where a DKIM key rotation stands (`DKIMUpdateStatus`). */
export const DKIM_UPDATE_STATUSES = Object.freeze(['Pending', 'Verified'] as const);

/** The TXT value Postmark shows for a domain's SPF record. */
export const SPF_TEXT_VALUE = 'v=spf1 a mx include:spf.mtasv.net ~all';

/** The CNAME value of a custom Return-Path domain. */
export const RETURN_PATH_CNAME_VALUE = 'pm.mtasv.net';

/** The Return-Path subdomain Postmark suggests (`pm-bounces.example.com`). */
export const DEFAULT_RETURN_PATH_PREFIX = 'pm-bounces';
