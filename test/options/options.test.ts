import { afterEach, describe, expect, it } from 'vitest';
import { Message, Sender, Server, sendBatch } from '../../src/index.js';
import { recordingTransport } from '../../src/testing/index.js';
import { recordingSender, TOKEN } from '../helpers/fixtures.js';

const message = Message.from('app@example.com').to('ada@example.com').subject('Hi').text('Hello');

describe('options, checked in one place', () => {
  it('the one-call API takes the call options of a batch beside the Sender options', async () => {
    const transport = recordingTransport();
    const seen: number[] = [];
    const batch = await sendBatch([message, message], {
      serverToken: TOKEN,
      transport,
      onProgress: ({ done }) => seen.push(done),
      requireAllValid: true,
    });
    expect(batch.sent).toHaveLength(2);
    expect(seen).toEqual([2]);
    await expect(
      sendBatch([message], { serverToken: TOKEN, transport, onProgres: () => {} } as never),
    ).rejects.toThrow(/unknown option "onProgres" \(did you mean "onProgress"\?\)/);
  });

  it('refuses a timer no setTimeout can keep, for sends and reads alike, before any request', async () => {
    const { mailer, transport } = recordingSender();
    await expect(mailer.send(message, { timeout: 3e9 })).rejects.toThrow(/2147483647/);
    const server = Server.of(mailer);
    await expect(server.bounces.list({}, { timeout: 3e9 })).rejects.toThrow(/2147483647/);
    await expect(server.messages.waitFor('id', { interval: 3e9 })).rejects.toThrow(/2147483647/);
    expect(() => new Sender({ serverToken: TOKEN, timeout: 3e9 })).toThrow(/2147483647/);
    expect(() => new Sender({ serverToken: TOKEN, retry: { maxDelay: 3e9 } })).toThrow(
      /2147483647/,
    );
    expect(transport.calls).toHaveLength(0);
  });

  it('suggests the option meant', () => {
    expect(() => new Sender({ serverToken: TOKEN, timout: 5 } as never)).toThrow(
      /unknown Sender option "timout" \(did you mean "timeout"\?\)/,
    );
    expect(() => new Sender({ serverToken: TOKEN, retry: { limt: 1 } as never })).toThrow(
      /unknown retry option "limt" \(did you mean "limit"\?\)/,
    );
    expect(() => new Sender({ serverToken: TOKEN, hooks: { onretry: () => {} } as never })).toThrow(
      /did you mean "onRetry"/,
    );
  });
});

describe('a polluted Object.prototype', () => {
  const polluted = ['fetch', 'transport', 'baseUrl', 'bcc', 'limits', 'retry', 'hooks', 'timeout'];
  afterEach(() => {
    for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('adds nothing to a Sender, its retry, limits or hooks, nor to a message', async () => {
    const stolen: string[] = [];
    const evil = {
      request: async () => {
        stolen.push('token');
        throw new Error('stolen');
      },
    };
    const transport = recordingTransport();
    const mailer = new Sender({ serverToken: TOKEN, transport });
    Object.assign(Object.prototype, {
      fetch: () => stolen.push('fetch'),
      transport: evil,
      baseUrl: 'https://attacker.example',
      bcc: 'attacker@evil.test',
      limits: { maxRecipients: 1 },
      retry: { limit: 99 },
      hooks: { beforeRequest: () => stolen.push('hook') },
      timeout: 1,
    });
    const fresh = new Sender({ serverToken: TOKEN, transport });
    expect(fresh.baseUrl).toBe('https://api.postmarkapp.com');
    expect(fresh.retry.limit).toBe(2);
    await fresh.send({ from: 'app@example.com', to: 'ada@example.com', text: 'Hi' });
    await mailer
      .with({})
      .send(Message.create({ from: 'a@example.com', to: 'b@example.com', text: 'x' }));
    expect(stolen).toEqual([]);
    for (const sent of transport.messages) expect(sent.Bcc).toBeUndefined();
    expect(Message.create({ to: 'a@example.com' }).data.bcc).toEqual([]);
  });
});
