import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.js';
import { isLoopbackAddress, isLoopbackHost } from './loopback.js';
import { reply, replyError } from './respond.js';
import type { Mailbox } from './serve.js';

/**
 * When the mailbox page is served: `'loopback'` (the default) only while the sandbox listens
 * on a loopback address and only for loopback host names; `'always'` on any interface and
 * for any host name (anyone who reaches the port reads every message); `'off'` never.
 */
export type MailboxMode = 'loopback' | 'always' | 'off';

/** Where the mailbox lives on the sandbox. */
export const MAILBOX_PATH = '/mailbox';

/** The way in to the mailbox, ahead of the API (which needs a token a browser cannot send). */
export interface MailboxDoor {
  /** Whether the mailbox is served at all with this mode and address. */
  readonly served: boolean;
  /** Answers `request` and returns true when it is the mailbox's; else leaves it to the API. */
  take(request: IncomingMessage, response: ServerResponse): boolean;
  /** Ends the live streams of the mailbox, if it was ever opened, and resolves then. */
  close(): Promise<void>;
}

/**
 * The door of one sandbox's mailbox. The page, its API and its event stream are loaded on
 * the first request for them, so a sandbox that nobody looks at never loads them.
 */
export function mailboxDoor(
  mode: MailboxMode,
  listeningHost: string,
  context: SandboxContext,
): MailboxDoor {
  const loopbackOnly = mode === 'loopback';
  const served = mode === 'always' || (loopbackOnly && isLoopbackAddress(listeningHost));
  let loading: Promise<Mailbox> | undefined;
  let closed = false;
  const load = () => {
    loading ??= import('./serve.js').then(({ createMailbox }) => {
      const mailbox = createMailbox(context);
      if (closed) void mailbox.close();
      return mailbox;
    });
    return loading;
  };
  const hostAllowed = (request: IncomingMessage) =>
    !loopbackOnly || isLoopbackHost(request.headers.host);

  return {
    served,
    take(request, response) {
      if (mode === 'off') return false;
      const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
      if (path !== MAILBOX_PATH && !path.startsWith(`${MAILBOX_PATH}/`)) {
        // A browser opening the sandbox's address lands on the mailbox; API clients, which
        // ask for JSON, get the API's answer as before.
        const home =
          path === '/' &&
          request.method === 'GET' &&
          /text\/html/i.test(request.headers.accept ?? '');
        if (!(served && home && hostAllowed(request))) return false;
        reply(response, 302, '', { Location: MAILBOX_PATH });
        return true;
      }
      if (!served) {
        replyError(
          response,
          403,
          `The mailbox is served only while the sandbox listens on a loopback address, not ${listeningHost}; start it with { mailbox: 'always' } to serve it there.`,
        );
      } else if (!hostAllowed(request)) {
        replyError(
          response,
          403,
          `The mailbox answers only requests for a loopback host name (localhost, 127.0.0.1, [::1]), not '${request.headers.host ?? ''}'; start the sandbox with { mailbox: 'always' } to allow others.`,
        );
      } else {
        load()
          .then((mailbox) => mailbox.serve(request, response))
          .catch((error: Error) => replyError(response, 500, `Sandbox error: ${error.message}`));
      }
      return true;
    },
    async close() {
      closed = true;
      const mailbox = await loading?.catch(() => undefined);
      await mailbox?.close();
    },
  };
}
