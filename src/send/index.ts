// The public names of the send pipeline, re-exported by the main entry in one line.
export { ApiError, type ApiErrorDetails, isApiError } from '../errors/api-error.js';
export { BatchSendError, isBatchSendError } from '../errors/batch-send-error.js';
export {
  InactiveRecipientError,
  isInactiveRecipientError,
} from '../errors/inactive-recipient-error.js';
export { InvalidTokenError, isInvalidTokenError } from '../errors/invalid-token-error.js';
export { isNetworkError, NetworkError } from '../errors/network-error.js';
export { isRateLimitError, RateLimitError } from '../errors/rate-limit-error.js';
export { isServerError, ServerError } from '../errors/server-error.js';
export { isTimeoutError, TimeoutError } from '../errors/timeout-error.js';
export type { RequestOptions } from '../transport/client.js';
export type { Hooks, RequestInfo, ResponseInfo, RetryInfo } from '../transport/hooks.js';
export type { RetryPolicy } from '../transport/retry.js';
export type {
  Query,
  RequestBody,
  Transport,
  TransportRequest,
  TransportResponse,
} from '../transport/types.js';
export { VERSION } from '../version.js';
export type { BatchOptions, BatchProgress } from './batch.js';
export {
  type BatchEntry,
  type BatchFailure,
  BatchResult,
  type BatchSuccess,
} from './batch-result.js';
export type { Env } from './env.js';
export type { RetryOptions, SenderOptions } from './options.js';
export type { MessageInput } from './prepare.js';
export type { SendResult } from './send-result.js';
export { Sender } from './sender.js';
export {
  type SimpleBatchOptions,
  type SimpleOptions,
  send,
  sendBatch,
  sendBatchWithTemplates,
  sendWithTemplate,
} from './simple.js';
