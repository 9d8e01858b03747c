import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERROR_CODES, WORDING } from '../postmark/error-codes.js';
import type { Limits } from '../postmark/limits.js';
import { ACCOUNT_TOKEN_HEADER, SERVER_TOKEN_HEADER } from '../postmark/tokens.js';
import type { SandboxContext } from './context.js';
import type { FaultPlan } from './faults.js';
import { ApiFailure, type Reply } from './http.js';
import { matchRoute, type Route } from './router.js';

/** One request as the sandbox saw it, for tests that count attempts and retries. */
export interface SandboxRequestRecord {
  readonly method: string;
  /** Path and query as requested. */
  readonly path: string;
  /** The HTTP status answered, or `'dropped'` when the connection was destroyed instead. */
  readonly status: number | 'dropped';
  /** Set when a fault was injected: from the random rates or from `failNext()`. */
  readonly fault?: 'random' | 'scripted';
}

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  readonly routes: readonly Route[];
  readonly faults: FaultPlan;
  readonly limits: Limits;
  /**
   * The state a request with this server token works on: that server's, a throwaway one for
   * the test token, `undefined` for a token no server has.
   */
  readonly serverContext: (token: string) => SandboxContext | undefined;
  /** The state an account route works on, for the account's token; `undefined` for another. */
  readonly accountContext: (token: string) => SandboxContext | undefined;
  readonly record: (entry: SandboxRequestRecord) => void;
  /**
   * Takes the requests meant for a browser (the mailbox) and returns true, ahead of the API's
   * path: a browser cannot send the token header, and a page watching the sandbox must not
   * draw faults or fill the request log of the test it watches.
   */
  readonly browser?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the HTTP server. Every request takes the same path: draw its fault, read its body,
 * wait its latency, then either fail as drawn or go through routing, authentication, header
 * checks, size and JSON checks to its route.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const closing = new AbortController();
  const server = createServer((request, response) => {
    if (options.browser?.(request, response)) return;
    handle(request, response, options, closing.signal).catch(() => {
      // The client went away or the sandbox is closing: there is no one left to answer.
      response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        // Keep-alive connections would hold the process (and a test runner) open.
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServerOptions,
  signal: AbortSignal,
): Promise<void> {
  // Drawn on arrival, before any await, so the sequence follows the order requests arrive in.
  const decision = options.faults.next();
  const body = await readBody(
    request,
    Math.max(
      options.limits.maxBatchBytes,
      options.limits.maxMessageBytes,
      options.limits.maxBulkBytes,
    ),
  );
  if (decision.latencyMs > 0) await sleep(decision.latencyMs, undefined, { signal });

  // A fault drawn before processing stores nothing; an after-store fault lets the request do
  // its work and only then replaces the answer.
  const { fault } = decision;
  let outcome: Reply | 'drop';
  if (fault.kind === 'drop' || fault.kind === 'answer') {
    outcome = fault.kind === 'drop' ? 'drop' : fault;
  } else {
    const reply = await dispatch(request, body, options);
    outcome = fault.kind === 'afterStore' ? fault.reply : reply;
  }

  options.record({
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    status: outcome === 'drop' ? 'dropped' : outcome.status,
    ...(decision.source === 'none' ? {} : { fault: decision.source }),
  });
  if (outcome === 'drop') request.socket.destroy();
  else send(response, outcome);
}

async function dispatch(
  request: IncomingMessage,
  body: ReadBody,
  options: ServerOptions,
): Promise<Reply> {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
  const match = matchRoute(options.routes, method, url.pathname);
  if (match.kind === 'none')
    return { status: 404, body: { Message: `No such endpoint: ${method} ${url.pathname}` } };
  if (match.kind === 'wrong-method') {
    return {
      status: 405,
      body: {
        Message: `${url.pathname} does not answer ${method}; use ${match.allowed.join(' or ')}.`,
      },
    };
  }
  try {
    const context = authenticate(request, match.route.token ?? 'server', options);
    const json = readJson(request, body, match.route.body, options.limits);
    return await match.route.handle({
      params: match.params,
      query: lowerCaseNames(url.searchParams),
      json,
      context,
    });
  } catch (error) {
    if (error instanceof ApiFailure) {
      return { status: error.status, body: { ErrorCode: error.errorCode, Message: error.message } };
    }
    // A bug in the sandbox, not a simulated fault: say so rather than look like Postmark.
    return { status: 500, body: { Message: `Sandbox error: ${(error as Error).message}` } };
  }
}

/**
 * The state the request's token reaches, for an endpoint that takes `kind` of token; throws
 * 401 / ErrorCode 10 for a missing or wrong token, saying so when the other kind was sent
 * (a server token on an account endpoint, or the reverse).
 */
function authenticate(
  request: IncomingMessage,
  kind: 'server' | 'account',
  options: ServerOptions,
): SandboxContext {
  // Postmark: "The header name and value are case insensitive." Node lower-cases names.
  const server = header(request, SERVER_TOKEN_HEADER.toLowerCase()) || undefined;
  const account = header(request, ACCOUNT_TOKEN_HEADER.toLowerCase()) || undefined;
  const supplied = kind === 'server' ? server : account;
  if (supplied === undefined) {
    const other = kind === 'server' ? account : server;
    const words =
      other === undefined
        ? WORDING.missingToken
        : kind === 'server'
          ? WORDING.serverTokenRequired
          : WORDING.accountTokenRequired;
    throw new ApiFailure(401, ERROR_CODES.invalidToken, words);
  }
  const context =
    kind === 'server' ? options.serverContext(supplied) : options.accountContext(supplied);
  if (context !== undefined) return context;
  throw new ApiFailure(
    401,
    ERROR_CODES.invalidToken,
    kind === 'server' ? WORDING.invalidServerToken : WORDING.invalidAccountToken,
  );
}

function readJson(
  request: IncomingMessage,
  body: ReadBody,
  kind: Route['body'],
  limits: Limits,
): unknown {
  if (!mentionsJson(header(request, 'accept'))) {
    throw new ApiFailure(
      422,
      ERROR_CODES.jsonRequired,
      "JSON required: send the header 'Accept: application/json'.",
    );
  }
  if (kind === 'none') return undefined;
  if (!mentionsJson(header(request, 'content-type'))) {
    throw new ApiFailure(
      422,
      ERROR_CODES.jsonRequired,
      "JSON required: send the header 'Content-Type: application/json'.",
    );
  }
  const limit =
    kind === 'message'
      ? limits.maxMessageBytes
      : kind === 'bulk'
        ? limits.maxBulkBytes
        : limits.maxBatchBytes;
  if (body.bytes > limit) {
    throw new ApiFailure(
      413,
      ERROR_CODES.invalidRequest,
      `Payload too large: ${body.bytes} bytes; the maximum here is ${limit}.`,
    );
  }
  try {
    // A byte order mark is not JSON, but editors and some clients write one: it is skipped.
    return JSON.parse(body.data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new ApiFailure(422, ERROR_CODES.invalidJson, WORDING.invalidJson);
  }
}

// Postmark reads query parameter names ignoring case (the official client sends `count`,
// the reference writes `Count`): routes see them in lower case.
function lowerCaseNames(query: URLSearchParams): URLSearchParams {
  const lowered = new URLSearchParams();
  for (const [name, value] of query) lowered.append(name.toLowerCase(), value);
  return lowered;
}

interface ReadBody {
  /** Everything received, or its first `cap` bytes when more came. */
  readonly data: Buffer;
  /** How many bytes came in all. */
  readonly bytes: number;
}

// The whole body is read even when too large, so the client can finish writing and read the
// 413 (answering mid-upload makes most clients report a broken pipe instead).
function readBody(request: IncomingMessage, cap: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (kept <= cap) {
        chunks.push(chunk);
        kept += chunk.length;
      }
    });
    request.on('end', () => resolve({ data: Buffer.concat(chunks), bytes }));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.destroyed || response.writableEnded) return;
  const text = JSON.stringify(reply.body ?? null);
  response.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text, 'utf8'),
  });
  response.end(text);
}

// `application/json`, with or without parameters, anywhere in a comma-separated list.
function mentionsJson(value: string | undefined): boolean {
  return (value ?? '')
    .split(',')
    .some((part) => part.split(';')[0]?.trim().toLowerCase() === 'application/json');
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
