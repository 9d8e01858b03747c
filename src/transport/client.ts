import { ApiError, isApiError } from '../errors/api-error.js';
import { isNetworkError, NetworkError } from '../errors/network-error.js';
import type { PostmarkError } from '../errors/postmark-error.js';
import { isTimeoutError, TimeoutError } from '../errors/timeout-error.js';
import {
  ACCOUNT_TOKEN_HEADER,
  SERVER_TOKEN_HEADER,
  type TokenKind,
  tokenKindOf,
} from '../postmark/tokens.js';
import type { StandardSchema } from '../utils/standard-schema.js';
import type { Hooks } from './hooks.js';
import { errorFromResponse, parseBody } from './map-response.js';
import { containsSecret, redactText, scrubError } from './redact.js';
import { type Outcome, type RetryPolicy, retryDelay, shouldRetry } from './retry.js';
import type {
  Query,
  RequestBody,
  Transport,
  TransportRequest,
  TransportResponse,
} from './types.js';
import { USER_AGENT } from './version.js';

export interface ClientConfig {
  readonly transport: Transport;
  readonly token: string;
  /** The header the token travels in: `X-Postmark-Server-Token` (default) or `X-Postmark-Account-Token`. */
  readonly tokenHeader?: string | undefined;
  /** The default per-request time limit, in milliseconds. */
  readonly timeout: number;
  readonly retry: RetryPolicy;
  readonly hooks?: Hooks | undefined;
  /** A number in [0, 1) for jitter; injectable so tests are deterministic. */
  readonly random?: () => number;
  /** Waits between attempts; injectable so tests need not sleep. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Per call: cancel with `signal`; override the time limit of each request with `timeout`. */
export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeout?: number | undefined;
}

export interface ClientRequest<T> extends RequestOptions {
  readonly method: TransportRequest['method'];
  readonly path: string;
  readonly query?: Query | undefined;
  readonly body?: RequestBody | undefined;
  /**
   * The shape of a successful answer (extra fields pass): a valibot schema, or any other
   * Standard Schema that checks synchronously (the Sender's are written by hand).
   */
  readonly schema: StandardSchema<T>;
  /** Safe to repeat (a read, an idempotent PUT): retried on 5xx and timeouts too. */
  readonly idempotent: boolean;
}

/**
 * The request layer every Postmark call goes through: headers, time limit, retries, the
 * mapping of answers to typed errors, and validation of what comes back. Later APIs
 * (bounces, messages, stats) are one `client.get(path, query, schema)` each.
 */
export interface Client {
  request<T>(request: ClientRequest<T>): Promise<T>;
  /** An idempotent GET. @example client.get(pathTo`/bounces/${id}`, {}, BounceSchema) */
  get<T>(
    path: string,
    query: Query,
    schema: StandardSchema<T>,
    options?: RequestOptions,
  ): Promise<T>;
  /** A POST that is not safe to repeat (a send). */
  post<T>(
    path: string,
    body: RequestBody,
    schema: StandardSchema<T>,
    options?: RequestOptions,
  ): Promise<T>;
}

export { ACCOUNT_TOKEN_HEADER, SERVER_TOKEN_HEADER };

type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: PostmarkError; readonly outcome: Outcome };

export function createClient(config: ClientConfig): Client {
  const { transport, token, retry, hooks = {} } = config;
  const tokenKind = tokenKindOf(config.tokenHeader ?? SERVER_TOKEN_HEADER);
  const random = config.random ?? Math.random;
  const sleep = config.sleep ?? abortableSleep;
  const headers = Object.freeze({
    [config.tokenHeader ?? SERVER_TOKEN_HEADER]: token,
    Accept: 'application/json',
    'Content-Type': 'application/json',
    'User-Agent': USER_AGENT,
  });

  async function attempt<T>(
    request: ClientRequest<T>,
    label: string,
    number: number,
  ): Promise<Attempt<T>> {
    const started = Date.now();
    let response: TransportResponse;
    try {
      response = await transport.request({
        method: request.method,
        path: request.path,
        query: request.query,
        headers,
        body: request.body,
        signal: request.signal,
        timeout: request.timeout ?? config.timeout,
      });
    } catch (raw) {
      if (request.signal?.aborted) throw request.signal.reason;
      // A transport's own refusal (the dry run's for what it cannot answer) is final: no
      // request left, and asking again would be refused the same way.
      if (isApiError(raw) && !containsSecret(raw, token)) throw raw;
      const error = transportError(raw, label, token);
      return {
        ok: false,
        error,
        outcome: isTimeoutError(error)
          ? { kind: 'timeout' }
          : { kind: 'network', safeToRetry: error.safeToRetry },
      };
    }
    // An echoing proxy or test server could put the token in a body we keep in an error.
    const answer = { ...response, body: redactText(response.body, token) };
    await quietly(hooks.afterResponse, {
      method: request.method,
      path: request.path,
      attempt: number,
      status: answer.status,
      durationMs: Date.now() - started,
    });
    return readAnswer(answer, request, label, tokenKind);
  }

  async function run<T>(request: ClientRequest<T>): Promise<T> {
    const label = `${request.method} ${request.path}`;
    for (let number = 1; ; number++) {
      request.signal?.throwIfAborted();
      await hooks.beforeRequest?.({ method: request.method, path: request.path, attempt: number });
      const result = await attempt(request, label, number);
      if (result.ok) return result.value;
      const { error, outcome } = result;
      if (!shouldRetry(outcome, number, retry, request.idempotent)) throw error;
      const delayMs = retryDelay(
        number,
        retry,
        random,
        isApiError(error) ? error.retryAfterMs : undefined,
      );
      if (delayMs === undefined) throw error;
      await quietly(hooks.onRetry, {
        method: request.method,
        path: request.path,
        attempt: number,
        delayMs,
        error,
      });
      await sleep(delayMs, request.signal);
    }
  }

  return Object.freeze({
    request: run,
    get: <T>(path: string, query: Query, schema: StandardSchema<T>, options: RequestOptions = {}) =>
      run({ ...options, method: 'GET', path, query, schema, idempotent: true }),
    post: <T>(
      path: string,
      body: RequestBody,
      schema: StandardSchema<T>,
      options: RequestOptions = {},
    ) => run({ ...options, method: 'POST', path, body, schema, idempotent: false }),
  });
}

function readAnswer<T>(
  response: TransportResponse,
  { schema, method }: { readonly schema: StandardSchema<T>; readonly method: string },
  label: string,
  tokenKind: TokenKind,
): Attempt<T> {
  const { status } = response;
  if (status < 200 || status > 299) {
    const error = errorFromResponse(response, label, Date.now(), tokenKind);
    return { ok: false, error, outcome: { kind: 'status', status, errorCode: error.errorCode } };
  }
  const body = parseBody(response.body);
  const checked = schema['~standard'].validate(body);
  if ('then' in checked) throw new TypeError(`${label}: an answer schema must check synchronously`);
  if (checked.issues === undefined) return { ok: true, value: checked.value };
  const problem =
    typeof body === 'string'
      ? 'a body that is not JSON'
      : `an unexpected body (${checked.issues[0]?.message ?? 'not the expected shape'})`;
  // A 2xx means Postmark did what was asked: worth saying for a write, while a GET changed
  // nothing whatever its answer.
  const done =
    method === 'GET' ? 'a read, so nothing was changed' : 'the request was probably carried out';
  const error = new ApiError(
    { status, body },
    `${label}: Postmark answered ${status} with ${problem}; ${done}`,
  );
  return { ok: false, error, outcome: { kind: 'broken' } };
}

/** Any transport rejection as a TimeoutError or NetworkError that holds no trace of the token. */
function transportError(raw: unknown, label: string, token: string): NetworkError | TimeoutError {
  if (isTimeoutError(raw)) {
    return containsSecret(raw, token)
      ? new TimeoutError(redactText(raw.message, token), { timeout: raw.timeout })
      : raw;
  }
  if (isNetworkError(raw)) {
    if (!containsSecret(raw, token)) return raw;
    return new NetworkError(redactText(raw.message, token), {
      cause: scrubError(raw.cause, token),
      safeToRetry: raw.safeToRetry,
    });
  }
  // Unknown failures count as "may have been sent": that is the answer that never sends twice.
  const cause = scrubError(raw, token);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new NetworkError(`${label}: no answer from Postmark (${reason})`, {
    cause,
    safeToRetry: false,
  });
}

async function quietly<T>(
  hook: ((info: T) => void | Promise<void>) | undefined,
  info: T,
): Promise<void> {
  try {
    await hook?.(info);
  } catch {
    // Documented on Hooks: an observer's failure must not change what is reported.
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A path with its parameters URL-encoded, so an id can never reach another endpoint.
 * @example pathTo`/messages/outbound/${id}/details` // '/messages/outbound/a%2Fb/details' for id 'a/b'
 */
export function pathTo(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (path, part, i) =>
      path + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''),
    '',
  );
}
