// The main entry: runs wherever `fetch` exists, so nothing here may import `node:` modules.
// bounces and message status (reached through a Sender: mailer.bounces, mailer.messages)
export * from './api/index.js';
export {
  isMessageValidationError,
  MessageValidationError,
  type ValidationIssue,
} from './errors/message-validation-error.js';
export { isPostmarkError, PostmarkError } from './errors/postmark-error.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { Message } from './message/message.js';
export type {
  Address,
  AddressInput,
  Attachment,
  AttachmentContent,
  AttachmentInput,
  Header,
  MessageData,
  MessageInit,
  Template,
  TrackLinks,
} from './message/types.js';
export type { ValidationResult } from './message/validate.js';

// send pipeline
export * from './send/index.js';
