import { expect } from 'vitest';

// Raw HTTP helpers for the sandbox tests: plain fetch and hand-written Postmark JSON, never
// the SDK, so these tests check the sandbox and nothing else.

export interface RawResponse {
  readonly status: number;
  readonly contentType: string | null;
  // Tests read Postmark's answers field by field, of every shape; a type per endpoint would
  // restate the sandbox instead of checking it.
  // biome-ignore lint/suspicious/noExplicitAny: response JSON of any endpoint
  readonly body: any;
}

export interface CallOptions {
  /** Token to send; `null` sends none. Defaults to the sandbox's token. */
  readonly token?: string | null;
  /** Extra or replacement headers; a header set to `null` is left out. */
  readonly headers?: Readonly<Record<string, string | null>>;
}

/**
 * A tiny client bound to one sandbox, sending `sandbox.token` in `header` (the server token's,
 * unless told otherwise: `accountClient` sends the account token).
 */
export function client(
  sandbox: { readonly url: string; readonly token: string },
  header = 'X-Postmark-Server-Token',
) {
  async function call(
    method: string,
    path: string,
    body?: string,
    options: CallOptions = {},
  ): Promise<RawResponse> {
    const token = options.token === undefined ? sandbox.token : options.token;
    const headers: Record<string, string | null> = {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token === null ? {} : { [header]: token }),
      ...options.headers,
    };
    const sent = Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    const response = await fetch(`${sandbox.url}${path}`, { method, headers: sent, body });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: text === '' ? undefined : JSON.parse(text),
    };
  }
  return {
    call,
    post: (path: string, json: unknown, options?: CallOptions) =>
      call('POST', path, JSON.stringify(json), options),
    postRaw: (path: string, raw: string, options?: CallOptions) => call('POST', path, raw, options),
    get: (path: string, options?: CallOptions) => call('GET', path, undefined, options),
    put: (path: string, options?: CallOptions) => call('PUT', path, undefined, options),
    putJson: (path: string, json: unknown, options?: CallOptions) =>
      call('PUT', path, JSON.stringify(json), options),
    delete: (path: string, options?: CallOptions) => call('DELETE', path, undefined, options),
  };
}

/** A client that sends the sandbox's account token, for the account endpoints. */
export function accountClient(sandbox: { readonly url: string; readonly accountToken: string }) {
  return client({ url: sandbox.url, token: sandbox.accountToken }, 'X-Postmark-Account-Token');
}

/** A minimal valid /email message, with `overrides` on top. */
export function message(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    From: 'app@example.com',
    To: 'ada@example.com',
    Subject: 'Hello',
    TextBody: 'Hi',
    ...overrides,
  };
}

/** `count` distinct addresses, comma-separated. */
export function addresses(count: number, prefix = 'user'): string {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}@example.com`).join(', ');
}

/**
 * A compact JSON /email body of exactly `size` bytes: the bulk is base64 attachment content
 * (multiples of 4 characters) and the Subject takes up the last 0-3 bytes.
 */
export function messageOfSize(size: number): string {
  const build = (content: number, subject: number) =>
    JSON.stringify(
      message({
        Subject: 'x'.repeat(subject),
        Attachments: [
          {
            Name: 'data.dat',
            ContentType: 'application/octet-stream',
            Content: 'A'.repeat(content),
          },
        ],
      }),
    );
  const skeleton = Buffer.byteLength(build(0, 0));
  const content = Math.floor((size - skeleton) / 4) * 4;
  const json = build(content, size - skeleton - content);
  if (Buffer.byteLength(json) !== size)
    throw new Error(`messageOfSize built ${Buffer.byteLength(json)} bytes, not ${size}`);
  return json;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A body the sandbox must refuse: the JSON, the ErrorCode, words its Message holds. */
export type Refusal = readonly [json: unknown, errorCode: number, words: RegExp];

/** Posts each body of `refusals` to `path` and expects 422 with its ErrorCode and words. */
export async function expectRefusals(
  api: ReturnType<typeof client>,
  path: string,
  refusals: readonly Refusal[],
): Promise<void> {
  for (const [json, code, words] of refusals) {
    const answer = await api.post(path, json);
    expect({ json, status: answer.status, code: answer.body?.ErrorCode }).toEqual({
      json,
      status: 422,
      code,
    });
    expect(answer.body.Message).toMatch(words);
  }
}
