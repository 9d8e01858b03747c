/** Query parameters; `undefined` values are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * A request body as a transport receives it: JSON text, or the same JSON as UTF-8 bytes.
 * Requests that carry attachments are bytes, written straight from the attachment bytes
 * (src/serialize/body.ts); all others are text.
 */
export type RequestBody = string | Uint8Array<ArrayBuffer>;

/** One HTTP request, as the request layer hands it to a transport. */
export interface TransportRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path below the base URL, such as `/email/batch`; path parameters already encoded. */
  readonly path: string;
  readonly query?: Query | undefined;
  /** Every header to send, the server token included: a transport must not log them. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The JSON body, already encoded: what was measured against the size limits is what goes.
   * Text, except for requests that carry attachments: those come as the UTF-8 bytes of the
   * JSON, so that no copy of a large attachment exists as a string (read one with
   * `new TextDecoder().decode(body)`).
   */
  readonly body?: RequestBody | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The time limit for this one request, in milliseconds, the answer's body included. */
  readonly timeout?: number | undefined;
}

/** An HTTP answer, whatever its status. */
export interface TransportResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (empty when there was none). */
  readonly body: string;
}

/**
 * The seam between the SDK and the network. The Sender's retries and error mapping sit
 * above it, so a test transport gets exactly the treatment real HTTP gets.
 *
 * A transport resolves with every HTTP answer, error statuses included. It rejects with
 * `TimeoutError` when `timeout` passed, with `NetworkError` (saying whether the request
 * certainly never left, `safeToRetry`) when no answer came, and with the signal's reason
 * when `signal` aborted. An `ApiError` (the dry run's refusal of what it cannot answer) is
 * thrown to the caller as it is, never retried. Any other rejection is taken as a network
 * failure after which the request may have arrived.
 *
 * @example
 * const silent: Transport = {
 *   async request() { return { status: 200, headers: {}, body: '{"ErrorCode":0,"MessageID":"x","SubmittedAt":"2024-01-01T00:00:00Z","To":"a@b.c"}' }; },
 * };
 */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
}
