import type { KyInstance } from 'ky';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { describeFailure, neverLeft, unwrapKyError } from './network-failure.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';

export interface KyTransportOptions {
  /** Checked by the Sender (https, or http on loopback); no trailing slash needed. */
  readonly baseUrl: string;
  /** A fetch to use instead of the global one (a proxy agent, a test double). */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** The largest answer read, in bytes (default `MAX_ANSWER_BYTES`); a larger one is refused. */
  readonly maxAnswerBytes?: number | undefined;
}

/**
 * The largest answer read by default: 64 MiB. Postmark's largest answers are dumps of a
 * message (about 14 MB for a 10 MB message); a server that keeps talking past this is not
 * Postmark, and reading it whole could take the process down.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

// Loaded on the first request, not at import: importing ky makes Node load its whole fetch
// implementation (~40 ms), which a program that only builds or validates messages, or the
// CLI's validate, should not pay. The first send pays it once.
let kyLoading: Promise<KyInstance> | undefined;
const loadKy = () => {
  kyLoading ??= import('ky').then((module) => module.default);
  return kyLoading;
};

/**
 * The real transport: HTTP over `ky` and `fetch`. Ky joins the base URL and the path
 * (`prefix`), writes the query (`searchParams`, leaving out `undefined`) and sends. What it
 * is told not to do, and why:
 * - `retry: 0`: retries sit above the Transport seam (src/transport/client.ts), so the
 *   recording and dry-run transports get exactly the rules HTTP gets, and a send is never
 *   repeated when it may have been delivered.
 * - `timeout: false`: ky's timeout stops at the answer's headers; one deadline here covers
 *   the body too, so an answer that trickles in cannot hold a send forever.
 * - `throwHttpErrors: false`: every status is an answer, mapped to a typed error above.
 * - `redirect: 'manual'`: fetch forwards custom headers on a redirect, token included.
 * The body is read here, chunk by chunk, so that an answer past `maxAnswerBytes` is refused
 * instead of read whole.
 *
 * @example
 * const transport = kyTransport({ baseUrl: 'https://api.postmarkapp.com' });
 */
export function kyTransport(options: KyTransportOptions): Transport {
  const settings: Settings = {
    prefix: options.baseUrl,
    fetch: options.fetch,
    maxAnswerBytes: options.maxAnswerBytes ?? MAX_ANSWER_BYTES,
  };
  return Object.freeze({ request: (request: TransportRequest) => send(settings, request) });
}

interface Settings {
  readonly prefix: string;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly maxAnswerBytes: number;
}

async function send(settings: Settings, request: TransportRequest): Promise<TransportResponse> {
  const { method, path, timeout } = request;
  const label = `${method} ${path}`;
  const deadline = new AbortController();
  const timer = timeout === undefined ? undefined : setTimeout(() => deadline.abort(), timeout);
  const signal = request.signal
    ? AbortSignal.any([request.signal, deadline.signal])
    : deadline.signal;
  try {
    refusePollutedPrototype(label);
    const ky = await loadKy();
    const upload = uploadOf(request);
    const response = await ky(path, {
      prefix: settings.prefix,
      searchParams: request.query,
      method,
      headers: upload.headers,
      body: upload.body,
      signal,
      fetch: settings.fetch,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      // 'manual' rather than 'error': Cloudflare Workers implement only follow and manual.
      redirect: 'manual',
    });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new NetworkError(
        `${label}: answered with a redirect (${response.status || 'opaque'}), which is not followed because it would carry the token elsewhere`,
        { safeToRetry: false },
      );
    }
    const body = await readText(response, settings.maxAnswerBytes, label);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body };
  } catch (error) {
    if (error instanceof NetworkError) throw error; // the redirect or the size refused above
    if (request.signal?.aborted) throw request.signal.reason;
    if (deadline.signal.aborted) {
      throw new TimeoutError(`${label}: no answer from Postmark within ${timeout} ms`, {
        timeout: timeout ?? 0,
      });
    }
    // Ky's wrapper holds the Request (and so the token): keep only what fetch threw.
    const cause = unwrapKyError(error);
    throw new NetworkError(`${label}: no answer from Postmark (${describeFailure(cause)})`, {
      cause,
      safeToRetry: neverLeft(cause),
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Refuses to send while `Object.prototype` carries properties some code in this process
 * added (prototype pollution): ky and fetch read their options, and fetch its RequestInit,
 * through the prototype chain, so a polluted `hooks`, `dispatcher`, `json`, `headers` or
 * `signal` would hand the token to that code, rewrite the message or send it elsewhere.
 * The SDK reads its own options by own properties only; what ky and fetch read cannot be
 * listed in full, so nothing is sent at all. Nothing left the process: safe to retry.
 */
function refusePollutedPrototype(label: string): void {
  const added = Object.keys(Object.prototype);
  if (added.length === 0) return;
  throw new NetworkError(
    `${label}: not sent, because Object.prototype carries properties added by code in this process (${added.join(', ')}): fetch and ky would read them as request options, which could send the token or the message elsewhere`,
    { safeToRetry: true },
  );
}

/** The body as text, refused once it passes `limit` bytes (announced or received). */
async function readText(response: Response, limit: number, label: string): Promise<string> {
  const tooLarge = () =>
    new NetworkError(
      `${label}: the answer is larger than ${limit.toLocaleString('en-US')} bytes and was not read; the request may have been carried out (a send may have been delivered)`,
      { safeToRetry: false },
    );
  if (Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return decodeChunks(chunks, received);
}

const textDecoder = new TextDecoder();

function decodeChunks(chunks: readonly Uint8Array[], length: number): string {
  if (chunks.length === 1) return textDecoder.decode(chunks[0]);
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return textDecoder.decode(all);
}

// Fetch copies a byte body before sending it (the Fetch standard's copy of a BufferSource),
// so the body of a large attachment would exist twice. Handed over as a stream of that one
// chunk it goes out as is; its Content-Length keeps the upload plain rather than chunked.
// Browsers are left out: they stream uploads only over HTTP/2.
let streamsUploads: boolean | undefined;

function uploadOf(request: TransportRequest): {
  headers: Readonly<Record<string, string>>;
  body: BodyInit | undefined;
} {
  const { headers, body } = request;
  if (typeof body === 'string' || body === undefined) return { headers, body };
  streamsUploads ??= !('document' in globalThis) && canStreamUploads();
  if (!streamsUploads) return { headers, body };
  return {
    headers: { ...headers, 'Content-Length': String(body.byteLength) },
    body: new ReadableStream({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    }),
  };
}

/** Whether this runtime's Request takes a stream body (the `duplex` option is read). */
function canStreamUploads(): boolean {
  let duplexRead = false;
  try {
    const init = {
      method: 'POST',
      body: new ReadableStream(),
      get duplex() {
        duplexRead = true;
        return 'half';
      },
    };
    // A runtime that turns the stream into text gives it a text/plain Content-Type.
    const typed = new Request('https://example.invalid', init).headers.has('Content-Type');
    return duplexRead && !typed;
  } catch {
    return false;
  }
}
