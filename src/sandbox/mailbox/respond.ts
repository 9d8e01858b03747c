import type { ServerResponse } from 'node:http';

// Every answer of the mailbox carries these: no type sniffing (a message's bytes are never
// read as a script or a page), no referrer leaving the page, nothing cached (a new sandbox
// on the same port has other messages), and no reading by another origin's `<img>` or
// `<script>`.
const ALWAYS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The policy of everything that is not the page or a message's HTML (JSON, files, the event
 * stream): opened directly in a tab, nothing in it can run or load anything.
 */
export const INERT_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** Writes a whole answer with the mailbox's headers; `headers` adds to or overrides them. */
export function reply(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Readonly<Record<string, string>>,
): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, {
    ...ALWAYS,
    'Content-Security-Policy': INERT_CSP,
    ...headers,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}

/** Answers `value` as JSON. */
export function replyJson(response: ServerResponse, status: number, value: unknown): void {
  reply(response, status, JSON.stringify(value), {
    'Content-Type': 'application/json; charset=utf-8',
  });
}

/** Answers `{ error }`: the mailbox's API is the sandbox's own, so it has no ErrorCodes. */
export function replyError(response: ServerResponse, status: number, error: string): void {
  replyJson(response, status, { error });
}

/** The mailbox's headers for an answer written in parts (the event stream). */
export function streamHeaders(): Record<string, string> {
  return { ...ALWAYS, 'Content-Security-Policy': INERT_CSP };
}
