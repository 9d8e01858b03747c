export * from './account.js';
export * from './bounces.js';
export * from './bulk.js';
export * from './inbound.js';
export * from './message.js';
export * from './outbound-messages.js';
export * from './responses.js';
export * from './webhooks.js';
