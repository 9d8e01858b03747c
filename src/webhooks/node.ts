// The node:http (and Express) side of a webhook handler, written against the few members of
// IncomingMessage and ServerResponse it uses, so this entry imports nothing of Node's and
// loads on every runtime.

/** What `toNodeHandler` reads of a node:http `IncomingMessage` (an Express `req` is one). */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** True once a body parser (Express's `json()`, `raw()`, `text()`) has read the body. */
  readonly readableEnded?: boolean;
  /** What such a body parser made of the body. */
  readonly body?: unknown;
  // biome-ignore lint/suspicious/noExplicitAny: node:http's listeners take any arguments
  on(event: string, listener: (...args: any[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** What `toNodeHandler` uses of a node:http `ServerResponse` (an Express `res` is one). */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: Uint8Array): unknown;
}

/**
 * A node:http request listener (and Express handler) for a fetch-style handler such as
 * `webhookHandler()`: it turns the `IncomingMessage` into a `Request` (the body streamed, so
 * the size cap applies as it arrives) and writes the `Response` back. Mount it without a body
 * parser; after Express's `json()`, `raw()` or `text()` it takes the parsed body, within that
 * parser's own size limit (Express's default is 100 kB: too small for inbound mail).
 *
 * @example
 * http.createServer(toNodeHandler(webhookHandler({ auth, on }))).listen(3000);
 * app.post('/webhooks/postmark', toNodeHandler(handler)); // Express
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  return async (request, response) => {
    let answer: Response;
    try {
      answer = await handler(toRequest(request));
    } catch {
      answer = new Response('{"message":"The webhook handler failed."}', { status: 500 });
    }
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = new Uint8Array(await answer.arrayBuffer());
    response.writeHead(answer.status, { ...headers, 'content-length': String(body.byteLength) });
    response.end(body);
  };
}

function toRequest(request: NodeRequestLike): Request {
  const method = request.method ?? 'GET';
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2 pseudo-headers (`:path`) are not headers a Request may hold.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of typeof value === 'string' ? [value] : value) headers.append(name, item);
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = request.readableEnded ? parsedBody(request.body) : streamOf(request);
    init.duplex = 'half'; // a streamed body, as undici requires it said
  }
  return new Request(urlOf(request), init);
}

function urlOf(request: NodeRequestLike): string {
  const host = request.headers.host;
  const path = request.url ?? '/';
  try {
    return new URL(path, `http://${typeof host === 'string' ? host : 'localhost'}`).href;
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost').href;
  }
}

// The body a parser read: bytes and text as they were, anything else as the JSON it came from.
function parsedBody(body: unknown): BodyInit {
  if (body instanceof Uint8Array) return body as Uint8Array<ArrayBuffer>;
  if (typeof body === 'string') return body;
  return JSON.stringify(body ?? null);
}

// The body as it arrives, paused while the reader is behind (Node's backpressure, kept). When
// the handler stops reading (401, or past the size cap), the rest is read and dropped: a client
// still writing would otherwise see a broken pipe instead of the answer.
function streamOf(request: NodeRequestLike): ReadableStream<Uint8Array> {
  let wanted = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      request.on('data', (chunk: Uint8Array | string) => {
        if (!wanted) return;
        controller.enqueue(
          typeof chunk === 'string'
            ? new TextEncoder().encode(chunk)
            : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
        );
        if ((controller.desiredSize ?? 1) <= 0) request.pause();
      });
      request.on('end', () => {
        if (wanted) controller.close();
      });
      request.on('error', (error: Error) => {
        if (wanted) controller.error(error);
      });
    },
    pull() {
      request.resume();
    },
    cancel() {
      wanted = false;
      request.resume();
    },
  });
}
