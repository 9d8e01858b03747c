import { ApiError } from '../errors/api-error.js';
import type { Message } from '../message/message.js';
import { callOptions } from '../options/call.js';
import { connect } from '../options/connection.js';
import { type Env, optionsFromEnv, processEnv } from '../options/env.js';
import {
  resolveSenderOptions,
  type SenderOptions,
  type SenderSettings,
} from '../options/sender.js';
import { rememberConnection } from '../options/server.js';
import { formatMailbox } from '../postmark/address.js';
import { DEFAULT_STREAM } from '../postmark/answers.js';
import type { Limits } from '../postmark/limits.js';
import { SendAnswer } from '../schemas/answers.js';
import { type Client, type RequestOptions, SERVER_TOKEN_HEADER } from '../transport/client.js';
import type { RetryPolicy } from '../transport/retry.js';
import { Printed } from '../utils/printed.js';
import { BATCH_OPTION_KEYS, type BatchOptions, sendBatch } from './batch.js';
import type { BatchResult } from './batch-result.js';
import { sendBulk } from './bulk.js';
import type { BulkRecipient } from './bulk-recipients.js';
import type { BulkResult } from './bulk-result.js';
import {
  type BulkStatus,
  bulkStatus,
  type WaitForBulkOptions,
  waitForBulk,
} from './bulk-status.js';
import { type MessageInput, prepare, toMessage } from './prepare.js';
import { answerFits, readSendAnswer, type SendResult } from './send-result.js';

/**
 * Sends messages through one Postmark server. Immutable: `with()` derives a new Sender.
 * The token is held privately and never appears when a Sender is printed, inspected or
 * serialized, nor in any error. Everything else the server's token reaches (bounces,
 * message status, templates, streams...) is on `Server` (`Server.of(sender)`), so a bundle
 * that only sends carries none of it.
 *
 * @example
 * const mailer = new Sender({ serverToken: process.env.POSTMARK_SERVER_TOKEN!, defaults: Message.from('app@example.com') });
 * const { messageId } = await mailer.send(Message.to('ada@example.com').subject('Hi').text('Hello'));
 */
export class Sender extends Printed {
  readonly #settings: SenderSettings;
  readonly #client: Client;

  constructor(options: SenderOptions) {
    super();
    this.#settings = resolveSenderOptions(options);
    this.#client = connect(this.#settings, this.#settings.token, SERVER_TOKEN_HEADER);
    // For Server.of(sender): the rest of the server's API shares the token without a getter.
    rememberConnection(this, this.#settings);
    Object.freeze(this);
  }

  /**
   * A Sender configured from environment variables (see docs/sending.md); options given
   * here win over them, and given `defaults` are laid over the environment's.
   * @example const mailer = Sender.fromEnv(); // POSTMARK_SERVER_TOKEN, POSTMARK_DEFAULT_FROM, ...
   */
  static fromEnv(options: Partial<SenderOptions> & { readonly env?: Env } = {}): Sender {
    const { env = processEnv(), ...overrides } = ownProperties(options);
    const fromEnv = optionsFromEnv(env);
    const envDefaults = fromEnv.defaults && toMessage(fromEnv.defaults);
    const defaults = overrides.defaults
      ? toMessage(overrides.defaults).withDefaults(envDefaults)
      : envDefaults;
    return new Sender({ ...fromEnv, ...overrides, defaults } as SenderOptions);
  }

  /** The message every send is laid over (empty when none was given). */
  get defaults(): Message {
    return this.#settings.defaults;
  }

  get baseUrl(): string {
    return this.#settings.baseUrl;
  }

  /** The time limit of each request, in milliseconds. */
  get timeout(): number {
    return this.#settings.timeout;
  }

  get retry(): RetryPolicy {
    return this.#settings.retry;
  }

  get concurrency(): number {
    return this.#settings.concurrency;
  }

  get limits(): Limits {
    return this.#settings.limits;
  }

  /**
   * A new Sender with some options changed; `retry`, `limits` and `hooks` are merged key by
   * key, the rest replaced. The token carries over unless given.
   * @example const eu = mailer.with({ defaults: mailer.defaults.stream('eu-outbound') });
   */
  with(changes: Partial<SenderOptions>): Sender {
    const old = this.#settings.given as Partial<SenderOptions>;
    const next = ownProperties(changes) as Partial<SenderOptions>;
    return new Sender({
      ...old,
      ...next,
      serverToken: next.serverToken ?? this.#settings.token,
      ...(next.retry ? { retry: { ...old.retry, ...ownProperties(next.retry) } } : {}),
      ...(next.limits ? { limits: { ...old.limits, ...ownProperties(next.limits) } } : {}),
      ...(next.hooks ? { hooks: { ...old.hooks, ...ownProperties(next.hooks) } } : {}),
    } as SenderOptions);
  }

  /**
   * Merges the defaults, validates (throwing `MessageValidationError` before any request),
   * and posts to /email, or /email/withTemplate for a templated message.
   * @example await mailer.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' }, { signal });
   */
  async send(message: MessageInput, options: RequestOptions = {}): Promise<SendResult> {
    return this.#sendOne(message, undefined, options);
  }

  /**
   * Sends a templated message; throws `MessageValidationError` for one without a template.
   * @example await mailer.sendWithTemplate(Message.to('ada@example.com').template('welcome', { name: 'Ada' }));
   */
  async sendWithTemplate(message: MessageInput, options: RequestOptions = {}): Promise<SendResult> {
    return this.#sendOne(message, 'template', options);
  }

  /**
   * Sends any number of plain messages through /email/batch, 500 messages and 50 MB per
   * request at most, and resolves to one entry per message in input order. Invalid messages
   * are failed without being sent (unless `requireAllValid`). Aborting fails the messages
   * not yet answered instead of rejecting, so what was sent stays known.
   * @example const batch = await mailer.sendBatch(messages); batch.throwIfFailed();
   */
  async sendBatch(
    messages: Iterable<MessageInput>,
    options: BatchOptions = {},
  ): Promise<BatchResult> {
    const checked = callOptions('sendBatch()', options, BATCH_OPTION_KEYS);
    return sendBatch('email', messages, this.#batchContext(), checked);
  }

  /**
   * `sendBatch()` for templated messages, through /email/batchWithTemplates.
   * @example await mailer.sendBatchWithTemplates(users.map((u) => Message.to(u.email).template('digest', u.digest)));
   */
  async sendBatchWithTemplates(
    messages: Iterable<MessageInput>,
    options: BatchOptions = {},
  ): Promise<BatchResult> {
    const checked = callOptions('sendBatchWithTemplates()', options, BATCH_OPTION_KEYS);
    return sendBatch('template', messages, this.#batchContext(), checked);
  }

  /**
   * Sends one content to many recipients through Postmark's Bulk API (POST /email/bulk), for
   * broadcasts: the content is a message without recipients (plain or templated, laid over
   * the defaults as every send is; its stream a Broadcasts stream), each recipient gets a
   * copy rendered with their `model`. Every recipient is checked before any request
   * (`MessageValidationError`); more than 50 MB of them are split into several requests, each
   * listed in the result's `requests`. A request is never repeated once it may have been
   * taken; when one of a split fails, a `BulkSendError` says which were taken.
   * @example const bulk = await mailer.sendBulk(Message.from('news@example.com').stream('broadcast').subject('Hi {{name}}').text('Hello {{name}}'), [{ to: 'ada@example.com', model: { name: 'Ada' } }]);
   */
  async sendBulk(
    content: MessageInput,
    recipients: Iterable<BulkRecipient>,
    options: RequestOptions = {},
  ): Promise<BulkResult> {
    const checked = callOptions('sendBulk()', options);
    const { defaults, limits } = this.#settings;
    return sendBulk(content, recipients, { client: this.#client, defaults, limits }, checked);
  }

  /**
   * How far a bulk request has gone (GET /email/bulk/{id}): its status and the share sent.
   * @example const { status, percentageCompleted } = await mailer.bulkStatus(bulk.id);
   */
  async bulkStatus(id: string, options?: RequestOptions): Promise<BulkStatus> {
    return bulkStatus(this.#client, id, options);
  }

  /**
   * Checks a bulk request until it is `Completed` (or `until` holds), pausing `interval` ms
   * doubling up to `maxInterval`; resolves to its status. Rejects with a `TimeoutError` after
   * `timeout` ms, on abort with the signal's reason, and with an `ApiError` if it `Failed`.
   * @example await mailer.waitForBulk(bulk.id, { timeout: 600_000 });
   */
  async waitForBulk(id: string, options?: WaitForBulkOptions): Promise<BulkStatus> {
    return waitForBulk(this.#client, id, options);
  }

  toJSON(): Record<string, unknown> {
    const { baseUrl, timeout, retry, concurrency } = this.#settings;
    return {
      serverToken: '[redacted]',
      baseUrl,
      timeout,
      retry,
      concurrency,
      defaults: this.defaults.toJSON(),
    };
  }

  /**
   * What tells two Senders apart in a log: where they send, the defaults' From and stream.
   * Never the token. @example String(mailer) // 'Sender(https://api.postmarkapp.com, from app@example.com, stream outbound)'
   */
  override toString(): string {
    const { from, stream } = this.#settings.defaults.data;
    const parts = [
      this.#settings.baseUrl,
      ...(from ? [`from ${formatMailbox(from)}`] : []),
      `stream ${stream ?? DEFAULT_STREAM}`,
    ];
    return `Sender(${parts.join(', ')})`;
  }

  protected get printedName(): string {
    return 'Sender';
  }

  async #sendOne(
    input: MessageInput,
    kind: 'template' | undefined,
    options: RequestOptions,
  ): Promise<SendResult> {
    const checked = callOptions(kind === 'template' ? 'sendWithTemplate()' : 'send()', options);
    const { message, body } = prepare(input, this.#settings, kind);
    const path = message.kind === 'template' ? '/email/withTemplate' : '/email';
    const answer = await this.#client.post(path, body, SendAnswer, checked);
    if (!answerFits(answer, message.data)) {
      throw new ApiError(
        { status: 200, body: answer, request: `POST ${path}` },
        `POST ${path}: the answer names ${JSON.stringify(answer.To)}, not a recipient of this message; whether it was sent is unknown`,
      );
    }
    const reading = readSendAnswer(answer, 200, `POST ${path}`, new Date());
    if (!reading.ok) throw reading.error;
    return reading.result;
  }

  #batchContext() {
    const { defaults, limits, concurrency } = this.#settings;
    return { client: this.#client, defaults, limits, concurrency };
  }
}

/**
 * The own enumerable properties of an options object, in an object without a prototype: a
 * polluted prototype adds none, and an option left out reads as left out.
 */
function ownProperties<T extends object>(options: T): T {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object');
  }
  return Object.assign(Object.create(null), options) as T;
}
