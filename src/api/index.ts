// The public names of the bounce and status APIs, re-exported by the main entry in one line.
// The APIs themselves are reached through a Sender: `mailer.bounces`, `mailer.messages`.
export type { PostmarkBounceTypeName as BounceTypeName } from '../schemas/bounces.js';
export type { Bounce, BounceActivation, BounceList, DeliveryStats } from './bounce-results.js';
export type { BounceId, BouncesApi } from './bounces.js';
export type { BounceFilter, DateFilter, MessageFilter, MessageStatusFilter } from './filters.js';
export type {
  Contact,
  MessageDetails,
  MessageEvent,
  MessageEventDetails,
  MessageEventType,
  MessageList,
  OutboundMessage,
} from './message-results.js';
export type { MessagesApi } from './messages.js';
export { MAX_PAGE_COUNT, MAX_PAGE_WINDOW } from './paging.js';
export type { WaitForEvent, WaitForOptions } from './wait-for.js';
