export * from './message.js';
export * from './responses.js';
