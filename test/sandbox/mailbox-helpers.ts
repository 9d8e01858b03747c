import { request } from 'node:http';

// The mailbox is for browsers: these tests fetch it as one does, with no token, and set
// headers fetch() may not (Host, for the DNS-rebinding checks).

export interface PageResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bytes: Buffer;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON of any mailbox route
  json(): any;
}

/** One request to `base` + `path` over node:http, so that any header can be set. */
export function browse(
  base: string,
  path: string,
  options: { readonly method?: string; readonly headers?: Record<string, string> } = {},
): Promise<PageResponse> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            bytes,
            text,
            json: () => JSON.parse(text),
          });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
