import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import type { Store, StoreChange } from '../store.js';
import type { WebhookDeliveries } from '../webhook-deliveries.js';
import { streamHeaders } from './respond.js';

/**
 * What the page is told: a message came, events became visible, an event of message `id` was
 * posted to a webhook (an attempt logged), or the mailbox was cleared.
 */
export type FeedNote =
  | { readonly kind: 'message'; readonly id: string }
  | { readonly kind: 'events' }
  | { readonly kind: 'delivery'; readonly id: string }
  | { readonly kind: 'cleared' };

/**
 * The live feed of one mailbox (server-sent events). It watches the store and the webhook
 * deliveries only while a page listens. Delivery events and bounces become visible at their time rather than by a change
 * to the store, so the feed keeps those times and says `events` as each one passes.
 */
export class MailboxFeed {
  readonly #store: Store;
  readonly #deliveries: WebhookDeliveries;
  readonly #now: () => number;
  readonly #listeners = new Set<ServerResponse>();
  /** Times at which events become visible, ascending, while someone listens. */
  #pending: number[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unwatch: (() => void) | undefined;
  #unwatchDeliveries: (() => void) | undefined;

  constructor(store: Store, deliveries: WebhookDeliveries, now: () => number) {
    this.#store = store;
    this.#deliveries = deliveries;
    this.#now = now;
  }

  /** Keeps `response` open as an event stream until the page or the sandbox closes it. */
  listen(response: ServerResponse): void {
    response.writeHead(200, {
      ...streamHeaders(),
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    // A reconnecting page tries again after a second (the sandbox may be restarting).
    response.write('retry: 1000\n\n');
    if (this.#listeners.size === 0) this.#start();
    this.#listeners.add(response);
    response.on('close', () => {
      this.#listeners.delete(response);
      if (this.#listeners.size === 0) this.#stop();
    });
  }

  /** Ends every stream and resolves once they are ended: the sandbox is closing. */
  async close(): Promise<void> {
    const ending = [...this.#listeners].map((response) => {
      response.end();
      return finished(response).catch(() => {}); // a page that went away is ended too
    });
    this.#listeners.clear();
    this.#stop();
    await Promise.all(ending);
  }

  #start(): void {
    this.#unwatch = this.#store.watch((change) => this.#changed(change));
    // Webhook posts are made a few ms after their event, so the event's note came too early
    // to show them: each attempt logged has a note of its own. One about no message (a
    // suppression made by hand) has no page to show it on.
    this.#unwatchDeliveries = this.#deliveries.watch(({ messageId }) => {
      if (messageId !== null) this.#send({ kind: 'delivery', id: messageId });
    });
    const now = this.#now();
    for (const stored of this.#store.messages()) this.#expect(stored.events, now);
  }

  #stop(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#unwatchDeliveries?.();
    this.#unwatchDeliveries = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }

  #changed(change: StoreChange): void {
    if (change.kind === 'message') {
      this.#expect(change.stored.events, this.#now());
      this.#send({ kind: 'message', id: change.stored.message.MessageID });
    } else {
      this.#send({ kind: change.kind });
    }
  }

  // Bounces share their time with their message's Bounced events, so events say it all.
  #expect(events: readonly { readonly at: number }[], now: number): void {
    for (const { at } of events) {
      if (at <= now || this.#pending.includes(at)) continue;
      // Messages come in time order, so a new time almost always goes last.
      let index = this.#pending.length;
      while (index > 0 && (this.#pending[index - 1] as number) > at) index--;
      this.#pending.splice(index, 0, at);
    }
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const next = this.#pending[0];
    if (next === undefined) return;
    this.#timer = setTimeout(() => this.#passed(), Math.max(1, next - this.#now()));
    // A pending event never keeps the process alive; close() clears it anyway.
    this.#timer.unref();
  }

  #passed(): void {
    const now = this.#now();
    const before = this.#pending.length;
    this.#pending = this.#pending.filter((at) => at > now);
    if (this.#pending.length < before) this.#send({ kind: 'events' });
    this.#schedule();
  }

  #send(note: FeedNote): void {
    const frame = `data: ${JSON.stringify(note)}\n\n`;
    for (const response of this.#listeners) response.write(frame);
  }
}
