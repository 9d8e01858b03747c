// The main entry: runs wherever `fetch` exists, so nothing here may import `node:` modules.
// Every public name is listed here, by name.

export type {
  DataRemoval,
  DataRemovalInput,
  DataRemovalsApi,
} from './api/account/data-removals.js';
export type {
  DomainChanges,
  DomainDetails,
  DomainDkim,
  DomainInput,
  DomainList,
  DomainSpfResult,
  DomainSummary,
  DomainsApi,
} from './api/account/domains.js';
export type {
  SenderChanges,
  SenderDetails,
  SenderInput,
  SenderList,
  SenderSummary,
  SendersApi,
} from './api/account/senders.js';
export type { ServerFilter, ServerInput, ServerList, ServersApi } from './api/account/servers.js';
export type {
  AccountTemplatesApi,
  TemplatePush,
  TemplatePushAction,
  TemplatePushInput,
} from './api/account/templates-push.js';
// the account's API: everything an account token reaches
export { Account } from './api/account.js';
export type { Bounce, BounceActivation, BounceList, DeliveryStats } from './api/bounce-results.js';
export type { BounceId, BouncesApi } from './api/bounces.js';
export type { Confirmation } from './api/confirmation.js';
export type {
  BounceFilter,
  DateFilter,
  MessageFilter,
  MessageStatusFilter,
  PageFilter,
} from './api/filters.js';
export type {
  InboundApi,
  InboundAttachment,
  InboundContact,
  InboundFilter,
  InboundMessage,
  InboundMessageDetails,
  InboundMessageList,
  InboundStatus,
  InboundStatusFilter,
} from './api/inbound.js';
export type {
  InboundRule,
  InboundRuleFilter,
  InboundRuleInput,
  InboundRuleList,
  InboundRulesApi,
} from './api/inbound-rules.js';
export type {
  Contact,
  MessageDetails,
  MessageEvent,
  MessageEventDetails,
  MessageEventType,
  MessageList,
  OutboundMessage,
} from './api/message-results.js';
export type { MessagesApi } from './api/messages.js';
export { SearchWindowError } from './api/paging.js';
// the server's API: everything a server token reaches beside sending
export { Server } from './api/server.js';
export type { ServerInfo, ServerSettingsChanges } from './api/server-info.js';
export type {
  DailyCounts,
  NamedCounts,
  OutboundOverview,
  StatsApi,
  StatsFilter,
} from './api/stats.js';
export type {
  MessageStream,
  MessageStreamArchive,
  MessageStreamChanges,
  MessageStreamFilter,
  MessageStreamInput,
  MessageStreamList,
  MessageStreamType,
  StreamsApi,
  SubscriptionManagementConfiguration,
  UnsubscribeHandlingType,
} from './api/streams.js';
export {
  isSuppressionBatchError,
  SuppressionBatchError,
} from './api/suppression-batch-error.js';
export type {
  Suppression,
  SuppressionList,
  SuppressionOrigin,
  SuppressionReason,
  SuppressionResult,
  SuppressionResults,
} from './api/suppression-results.js';
export type { SuppressionFilter, SuppressionsApi } from './api/suppressions.js';
export type {
  TemplateChanges,
  TemplateDetails,
  TemplateFilter,
  TemplateInput,
  TemplateList,
  TemplateRef,
  TemplateSummary,
  TemplatesApi,
  TemplateType,
  TemplateValidation,
  TemplateValidationInput,
  TemplateValidationPart,
} from './api/templates.js';
export type {
  ClickEvent,
  ClickList,
  ClicksApi,
  GeoLocation,
  OpenEvent,
  OpenList,
  OpensApi,
  TrackingFilter,
  UserAgentPart,
} from './api/tracking.js';
export type { WaitForEvent, WaitForOptions } from './api/wait-for.js';
export type {
  Webhook,
  WebhookChanges,
  WebhookContentTrigger,
  WebhookFilter,
  WebhookHttpAuth,
  WebhookHttpHeader,
  WebhookInput,
  WebhookList,
  WebhookOpenTrigger,
  WebhooksApi,
  WebhookTrigger,
  WebhookTriggers,
} from './api/webhooks.js';
// errors
export { ApiError, type ApiErrorDetails, isApiError } from './errors/api-error.js';
export {
  InactiveRecipientError,
  isInactiveRecipientError,
} from './errors/inactive-recipient-error.js';
export { InvalidTokenError, isInvalidTokenError } from './errors/invalid-token-error.js';
export {
  isMessageValidationError,
  MessageValidationError,
  type ValidationIssue,
} from './errors/message-validation-error.js';
export { isNetworkError, NetworkError } from './errors/network-error.js';
export { isPostmarkError, PostmarkError } from './errors/postmark-error.js';
export { isRateLimitError, RateLimitError } from './errors/rate-limit-error.js';
export { isServerError, ServerError } from './errors/server-error.js';
export { isTimeoutError, TimeoutError } from './errors/timeout-error.js';
export {
  isWebhookPayloadError,
  WebhookPayloadError,
  type WebhookPayloadIssue,
} from './errors/webhook-payload-error.js';
export { Message } from './message/message.js';
// messages
export type { ValidateOptions, ValidationResult } from './message/validate.js';
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
} from './model/types.js';
// options
export type { AccountOptions } from './options/account.js';
export type { ConnectionOptions } from './options/connection.js';
export type { Env } from './options/env.js';
export type { RetryOptions } from './options/retry.js';
export type { SenderOptions } from './options/sender.js';
export type { ServerOptions } from './options/server.js';
export type { PollOptions } from './options/wait.js';
export type { DeliveryType } from './postmark/account.js';
export type { BounceTypeName } from './postmark/bounce-types.js';
export { BULK_STATUSES, type BulkStatusName } from './postmark/bulk.js';
export { describeErrorCode } from './postmark/error-codes.js';
export { DEFAULT_LIMITS, type Limits } from './postmark/limits.js';
export { MAX_PAGE_COUNT, MAX_PAGE_WINDOW } from './postmark/paging.js';
export { MAX_SUPPRESSIONS_PER_REQUEST } from './postmark/streams.js';
export type { BatchOptions, BatchProgress } from './send/batch.js';
// sending
export type { BatchEntry, BatchFailure, BatchSuccess } from './send/batch-entry.js';
export { BatchResult } from './send/batch-result.js';
export { BatchSendError, isBatchSendError } from './send/batch-send-error.js';
export type { BulkRecipient } from './send/bulk-recipients.js';
export {
  type BulkRange,
  type BulkRequestFailure,
  type BulkRequestResult,
  type BulkResult,
  BulkSendError,
  isBulkSendError,
} from './send/bulk-result.js';
export type { BulkStatus, WaitForBulkOptions } from './send/bulk-status.js';
export type { MessageInput } from './send/prepare.js';
export type { SendResult } from './send/send-result.js';
export { Sender } from './send/sender.js';
export {
  type SimpleBatchOptions,
  type SimpleOptions,
  send,
  sendBatch,
  sendBatchWithTemplates,
  sendWithTemplate,
} from './send/simple.js';
// the request layer
export type { RequestOptions } from './transport/client.js';
export type { Hooks, RequestInfo, ResponseInfo, RetryInfo } from './transport/hooks.js';
export type { RetryPolicy } from './transport/retry.js';
export type {
  Query,
  RequestBody,
  Transport,
  TransportRequest,
  TransportResponse,
} from './transport/types.js';
export { VERSION } from './transport/version.js';
