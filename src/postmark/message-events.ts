/**
 * The event types of a message's details (GET /messages/outbound/{id}/details →
 * `MessageEvents[].Type`), as Postmark documents them.
 */
export const MESSAGE_EVENT_TYPES = Object.freeze([
  'Delivered',
  'Bounced',
  'Transient',
  'Opened',
  'LinkClicked',
  'SubscriptionChanged',
] as const);

export type MessageEventType = (typeof MESSAGE_EVENT_TYPES)[number];
