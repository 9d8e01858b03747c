import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.js';
import type { StoredMessage } from '../store.js';
import { MailboxFeed } from './feed.js';
import { MESSAGE_HTML_CSP, resolveContentIds } from './html.js';
import { PAGE_ASSETS } from './page/assets.js';
import { reply, replyError, replyJson } from './respond.js';
import { searchMessages } from './search.js';
import { messageOf } from './views.js';

/** A mailbox: answers the requests the door lets in, and closes its live streams. */
export interface Mailbox {
  serve(request: IncomingMessage, response: ServerResponse): void;
  /** Ends the live streams; resolves once they are ended. */
  close(): Promise<void>;
}

type Handler = (
  request: IncomingMessage,
  response: ServerResponse,
  params: readonly string[],
  url: URL,
) => void;

interface MailboxRoute {
  readonly method: 'GET' | 'DELETE';
  readonly path: RegExp;
  readonly handle: Handler;
}

/**
 * The mailbox of one sandbox: its page, the JSON API behind it (docs/sandbox.md, "Mailbox")
 * and the live feed. It sees the sandbox's own store, never the test token's.
 */
export function createMailbox(context: SandboxContext): Mailbox {
  const { store } = context;
  const feed = new MailboxFeed(store, context.webhookDeliveries, context.now);

  const found = (response: ServerResponse, id: string): StoredMessage | undefined => {
    const stored = store.message(id);
    if (stored === undefined) replyError(response, 404, `No message '${id}' in the mailbox.`);
    return stored;
  };

  const routes: readonly MailboxRoute[] = [
    {
      method: 'GET',
      path: /^\/mailbox\/?$/,
      handle: (_request, response) => serveAsset(response, 'page'),
    },
    {
      method: 'GET',
      path: /^\/mailbox\/assets\/([^/]+)$/,
      handle: (_request, response, [name]) => serveAsset(response, name ?? ''),
    },
    {
      method: 'GET',
      path: /^\/mailbox\/api\/messages$/,
      handle: (_request, response, _params, url) => {
        const answer = searchMessages(store.messages(), url.searchParams, context.now());
        if (typeof answer === 'string') replyError(response, 400, answer);
        else replyJson(response, 200, answer);
      },
    },
    {
      method: 'DELETE',
      path: /^\/mailbox\/api\/messages$/,
      handle: (request, response) => {
        // A page of another origin cannot send DELETE without CORS, which the mailbox never
        // grants; the Origin check says so in words, and holds for an opted-in remote mailbox.
        const origin = request.headers.origin;
        if (origin !== undefined && originHost(origin) !== request.headers.host) {
          replyError(response, 403, 'The mailbox is cleared only from its own page.');
          return;
        }
        store.clear();
        replyJson(response, 200, { cleared: true });
      },
    },
    {
      method: 'GET',
      path: /^\/mailbox\/api\/messages\/([^/]+)$/,
      handle: (_request, response, [id]) => {
        const stored = found(response, id ?? '');
        if (stored) replyJson(response, 200, messageOf(stored, context.now(), context));
      },
    },
    {
      method: 'GET',
      path: /^\/mailbox\/api\/messages\/([^/]+)\/html$/,
      handle: (_request, response, [id]) => {
        const stored = found(response, id ?? '');
        if (!stored) return;
        reply(response, 200, resolveContentIds(stored.message), {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': MESSAGE_HTML_CSP,
        });
      },
    },
    {
      method: 'GET',
      path: /^\/mailbox\/api\/messages\/([^/]+)\/attachments\/(\d+)$/,
      handle: (_request, response, [id, index]) => {
        const stored = found(response, id ?? '');
        if (!stored) return;
        const attachment = stored.message.Attachments?.[Number(index)];
        if (attachment === undefined) {
          replyError(response, 404, `Message '${id}' has no attachment ${index}.`);
          return;
        }
        // Always a download: an attachment is the sender's bytes, and an HTML or SVG one
        // opened in the mailbox's origin could script it.
        reply(response, 200, Buffer.from(attachment.Content, 'base64'), {
          'Content-Type': attachment.ContentType,
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.Name)}`,
        });
      },
    },
    {
      method: 'GET',
      path: /^\/mailbox\/api\/events$/,
      handle: (_request, response) => feed.listen(response),
    },
  ];

  return {
    serve(request, response) {
      const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
      const matching = routes
        .map((route) => ({ route, match: route.path.exec(url.pathname) }))
        .filter((candidate) => candidate.match !== null);
      const chosen = matching.find((candidate) => candidate.route.method === request.method);
      if (chosen?.match) {
        const params = chosen.match.slice(1).map((part) => decodeSegment(part ?? ''));
        chosen.route.handle(request, response, params, url);
      } else if (matching.length > 0) {
        const allowed = matching.map((candidate) => candidate.route.method).join(', ');
        reply(response, 405, '', { Allow: allowed });
      } else {
        replyError(response, 404, `The mailbox has no ${url.pathname}.`);
      }
    },
    close: () => feed.close(),
  };
}

function serveAsset(response: ServerResponse, name: string): void {
  const asset = PAGE_ASSETS.get(name);
  if (asset === undefined) replyError(response, 404, `The mailbox has no asset '${name}'.`);
  else reply(response, 200, asset.body, asset.headers);
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
