import type { KyInstance } from 'ky';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { describeFailure, neverLeft, unwrapKyError } from './network-failure.js';
import type { Query, Transport, TransportRequest, TransportResponse } from './types.js';

export interface KyTransportOptions {
  /** Checked by the Sender (https, or http on loopback); no trailing slash needed. */
  readonly baseUrl: string;
  /** A fetch to use instead of the global one (a proxy agent, a test double). */
  readonly fetch?: typeof globalThis.fetch | undefined;
}

/**
 * The real transport: HTTP over `ky` and `fetch`. Ky's own retries and error throwing are
 * off, because the request layer above decides both for every transport alike.
 *
 * @example
 * const transport = kyTransport({ baseUrl: 'https://api.postmarkapp.com' });
 */
// Loaded on the first request, not at import: importing ky makes Node load its whole fetch
// implementation (~40 ms), which a program that only builds or validates messages, or the
// CLI's validate, should not pay. The first send pays it once.
let kyLoading: Promise<KyInstance> | undefined;
const loadKy = () => {
  kyLoading ??= import('ky').then((module) => module.default);
  return kyLoading;
};

export function kyTransport(options: KyTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  return Object.freeze({
    request: (request: TransportRequest) => send(base, options.fetch, request),
  });
}

async function send(
  base: string,
  fetch: typeof globalThis.fetch | undefined,
  request: TransportRequest,
): Promise<TransportResponse> {
  const { method, path, timeout } = request;
  // One deadline covers the whole exchange, the answer's body included (ky's own timeout
  // stops at the headers, and a body that trickles in must not hold a send forever).
  const deadline = new AbortController();
  const timer = timeout === undefined ? undefined : setTimeout(() => deadline.abort(), timeout);
  const signal = request.signal
    ? AbortSignal.any([request.signal, deadline.signal])
    : deadline.signal;
  try {
    const ky = await loadKy();
    const upload = uploadOf(request);
    const response = await ky(base + path + queryString(request.query), {
      method,
      headers: upload.headers,
      body: upload.body,
      signal,
      fetch,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      // Fetch forwards custom headers on a redirect, token included, wherever it points.
      // 'manual' rather than 'error': Cloudflare Workers implement only follow and manual.
      redirect: 'manual',
    });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new NetworkError(
        `${method} ${path}: answered with a redirect (${response.status || 'opaque'}), which is not followed because it would carry the token elsewhere`,
        { safeToRetry: false },
      );
    }
    const body = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body };
  } catch (error) {
    if (error instanceof NetworkError) throw error; // the redirect refused above
    if (request.signal?.aborted) throw request.signal.reason;
    if (deadline.signal.aborted) {
      throw new TimeoutError(`${method} ${path}: no answer from Postmark within ${timeout} ms`, {
        timeout: timeout ?? 0,
      });
    }
    // Ky's wrapper holds the Request (and so the token): keep only what fetch threw.
    const cause = unwrapKyError(error);
    throw new NetworkError(
      `${method} ${path}: no answer from Postmark (${describeFailure(cause)})`,
      {
        cause,
        safeToRetry: neverLeft(cause),
      },
    );
  } finally {
    clearTimeout(timer);
  }
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

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
