// Postmark's facts, written once: limits, the field table, the grammar of addresses, MIME
// types, Content-IDs, headers and file names, ErrorCodes with their wording, the answers
// Postmark gives, bounce types, paging and dates. Everything that checks, writes or reads a
// message imports them from here: the builder, validate(), the serializer, the schemas, the
// test transports, the API layer and the sandbox. Nothing here imports anything else of the SDK.
export * from './account.js';
export * from './address.js';
export * from './answers.js';
export * from './attachment.js';
export * from './bounce-types.js';
export * from './bulk.js';
export * from './dates.js';
export * from './differences.js';
export * from './error-codes.js';
export * from './fields.js';
export * from './inbound.js';
export * from './limits.js';
export * from './message-events.js';
export * from './paging.js';
export * from './server.js';
export * from './streams.js';
export * from './templates.js';
export * from './text.js';
export * from './tokens.js';
export * from './tracking.js';
export * from './webhooks.js';
