import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { client, message } from './helpers.js';

// The mailbox's live feed (server-sent events), read as EventSource reads it.

let sandbox: Sandbox | undefined;
let receiver: TestServer | undefined;
afterEach(async () => {
  await sandbox?.close();
  await receiver?.close();
  sandbox = undefined;
  receiver = undefined;
});

/** Opens the feed and returns a reader of its notes, one `data:` frame at a time. */
async function listen(running: Sandbox) {
  const response = await fetch(`${running.mailboxUrl}/api/events`);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    response,
    /** The next note, or `'ended'` when the stream closes. */
    async next(): Promise<unknown> {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame);
          if (data) return JSON.parse(data[1] as string);
          continue; // the `retry:` frame
        }
        const { done, value } = await reader.read();
        if (done) return 'ended';
        buffered += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('the mailbox feed', () => {
  it('says when a message comes, when its events happen, and when the mailbox is cleared', async () => {
    sandbox = await startSandbox({ eventDelayMs: 40 });
    const api = client(sandbox);
    const feed = await listen(sandbox);
    expect(feed.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(feed.response.headers.get('content-security-policy')).toMatch(/^sandbox;/);

    const sent = await api.post('/email', message({ TrackOpens: true }));
    expect(await feed.next()).toEqual({ kind: 'message', id: sent.body.MessageID });
    // Nothing changes in the store when the delivery event's time comes: the feed's timer says it.
    expect(await feed.next()).toEqual({ kind: 'events' });
    sandbox.simulateOpen(sent.body.MessageID);
    expect(await feed.next()).toEqual({ kind: 'events' });

    await fetch(`${sandbox.mailboxUrl}/api/messages`, { method: 'DELETE' });
    expect(await feed.next()).toEqual({ kind: 'cleared' });
    await feed.cancel();
  });

  it('says when an event of a message was posted to a webhook, each attempt', async () => {
    // The post follows its event by a few ms: the events note comes too early to show it.
    receiver = await startServer((_, res, index) => res.writeHead(index === 0 ? 503 : 200).end());
    sandbox = await startSandbox({ eventDelayMs: 40, webhookRetryDelaysMs: [0] });
    const api = client(sandbox);
    await api.post('/webhooks', {
      Url: `${receiver.url}/hooks`,
      Triggers: { Delivery: { Enabled: true } },
    });
    const feed = await listen(sandbox);
    const sent = await api.post('/email', message());
    const id = sent.body.MessageID;
    expect(await feed.next()).toEqual({ kind: 'message', id });
    expect(await feed.next()).toEqual({ kind: 'events' });
    // The 503, then the retry's 200.
    expect(await feed.next()).toEqual({ kind: 'delivery', id });
    expect(await feed.next()).toEqual({ kind: 'delivery', id });
    await sandbox.webhooksSettled();
    expect(sandbox.webhookDeliveries(id).map((delivery) => delivery.outcome)).toEqual([
      'retrying',
      'delivered',
    ]);
    await feed.cancel();
  });

  it('also tells a page that opened after the send when the events happen', async () => {
    sandbox = await startSandbox({ eventDelayMs: 60 });
    await client(sandbox).post('/email', message());
    const feed = await listen(sandbox);
    expect(await feed.next()).toEqual({ kind: 'events' });
    await feed.cancel();
  });

  it('says events when they are flushed, and never for the test token', async () => {
    sandbox = await startSandbox({ eventDelayMs: 60_000 });
    const feed = await listen(sandbox);
    await client(sandbox).post('/email', message(), { token: 'POSTMARK_API_TEST' });
    const sent = await client(sandbox).post('/email', message());
    // The test token's send kept nothing, so the first note is the real one's.
    expect(await feed.next()).toEqual({ kind: 'message', id: sent.body.MessageID });
    sandbox.flushEvents();
    expect(await feed.next()).toEqual({ kind: 'events' });
    await feed.cancel();
  });

  it('ends its streams when the sandbox closes, so close() does not wait on them', async () => {
    const running = await startSandbox();
    const feeds = [await listen(running), await listen(running)];
    await running.close();
    for (const feed of feeds) expect(await feed.next()).toBe('ended');
  });
});
