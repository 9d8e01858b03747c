import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LISTENERS } from '../../src/webhooks/handler.js';
import {
  toNodeHandler,
  type WebhookEvent,
  type WebhookHandlerOptions,
  webhookHandler,
} from '../../src/webhooks/index.js';

export interface Receiver {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every event a listener got, in order. */
  readonly events: WebhookEvent[];
  close(): Promise<void>;
}

/**
 * A real webhook receiver on 127.0.0.1 and a free port, as an app would run one:
 * `toNodeHandler(webhookHandler(options))` on node:http. Every event reaches `events`
 * before the given listeners run (whatever they then answer).
 */
export async function startReceiver(
  options: Omit<WebhookHandlerOptions, 'on'> & { on?: WebhookHandlerOptions['on'] },
): Promise<Receiver> {
  const events: WebhookEvent[] = [];
  const on = options.on ?? {};
  const record =
    (name: keyof typeof on) =>
    async (event: WebhookEvent, request: Request): Promise<void> => {
      events.push(event);
      await (on[name] as ((e: WebhookEvent, r: Request) => unknown) | undefined)?.(event, request);
    };
  const handler = webhookHandler({
    ...options,
    on: Object.fromEntries(LISTENERS.map((name) => [name, record(name)])),
  });
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
