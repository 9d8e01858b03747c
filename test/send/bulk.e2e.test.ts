import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiError, isApiError, Message, Sender, Server } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { quick, rejection } from '../api/helpers.js';

let sandbox: Sandbox;
let mailer: Sender;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 20, messageStreams: ['receipts'] });
  mailer = new Sender({
    serverToken: sandbox.token,
    baseUrl: sandbox.url,
    defaults: Message.from('news@example.com').stream('broadcast'),
    retry: { baseDelay: 0 },
  });
});
afterAll(() => sandbox.close());

describe('sendBulk() against the sandbox', () => {
  it('sends one copy per recipient, rendered with its model, and waits until Completed', async () => {
    sandbox.reset();
    const content = Message.create({
      subject: 'Hi {{name}}',
      html: '<p>Hello {{name}}</p>',
      text: 'Hello {{name}}',
      tag: 'news',
    });
    const recipients = Array.from({ length: 25 }, (_, i) => ({
      to: `reader${i}@example.com`,
      model: { name: `Reader ${i}` },
      metadata: { reader: String(i) },
    }));
    const bulk = await mailer.sendBulk(content, recipients);
    expect(bulk).toMatchObject({ status: 'Accepted', recipients: 25 });
    expect(bulk.requests).toHaveLength(1);

    const done = await mailer.waitForBulk(bulk.id, quick);
    expect(done).toMatchObject({
      id: bulk.id,
      status: 'Completed',
      totalMessages: 25,
      percentageCompleted: 100,
      subject: 'Hi {{name}}',
    });
    expect(done.submittedAt?.getTime()).toBe(bulk.submittedAt.getTime());

    const stored = sandbox.messages();
    expect(stored.map((m) => m.To)).toEqual(recipients.map((r) => r.to));
    expect(stored[3]).toMatchObject({
      Subject: 'Hi Reader 3',
      TextBody: 'Hello Reader 3',
      Tag: 'news',
      Metadata: { reader: '3' },
    });
    // The copies are messages of the server, with their events.
    const server = Server.of(mailer);
    const details = await server.messages.waitFor(stored[0]?.MessageID as string, quick);
    expect(details.events.map((e) => e.type)).toEqual(['Delivered']);
  });

  it('sends a templated content, each copy with the content model laid under its own', async () => {
    sandbox.reset();
    sandbox.addTemplate({
      Name: 'Digest',
      Alias: 'bulk-digest',
      Subject: '{{count}} new for {{name}}',
      TextBody: 'See {{site}}',
    });
    const content = Message.create({
      template: 'bulk-digest',
      templateModel: { site: 'example.com' },
    });
    const bulk = await mailer.sendBulk(content, [
      { to: 'ada@example.com', model: { name: 'Ada', count: 2 } },
      { to: 'bob@example.com', model: { name: 'Bob', count: 5 } },
    ]);
    expect((await mailer.waitForBulk(bulk.id, quick)).status).toBe('Completed');
    expect(sandbox.messages().map((m) => [m.Subject, m.TextBody])).toEqual([
      ['2 new for Ada', 'See example.com'],
      ['5 new for Bob', 'See example.com'],
    ]);
  });

  it('splits a send past maxBulkBytes into requests the sandbox takes, each with its own status', async () => {
    sandbox.reset();
    const small = mailer.with({ limits: { maxBulkBytes: 3000 } });
    const recipients = Array.from({ length: 60 }, (_, i) => ({
      to: `r${i}@example.com`,
      model: { n: i },
    }));
    const bulk = await small.sendBulk(
      Message.create({ subject: 'N {{n}}', text: 'x' }),
      recipients,
    );
    expect(bulk.requests.length).toBeGreaterThan(1);
    for (const request of bulk.requests) {
      const status = await small.waitForBulk(request.id, quick);
      expect(status.totalMessages).toBe(request.count);
    }
    expect(sandbox.messages().map((m) => m.Subject)).toEqual(
      recipients.map((r) => `N ${r.model.n}`),
    );
  });

  it('is refused on a transactional stream, with the sandbox saying so', async () => {
    const error = await rejection(
      mailer.sendBulk(Message.create({ stream: 'receipts', subject: 'x', text: 'y' }), [
        { to: 'ada@example.com' },
      ]),
    );
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, errorCode: 1237 });
    expect((error as ApiError).apiMessage).toBe(
      "Bulk sending goes only through a Broadcasts stream; the 'MessageStream' provided ('receipts') is a Transactional stream.",
    );
  });

  it('answers a status read for an unknown request with a 404', async () => {
    await expect(mailer.bulkStatus('no-such-request')).rejects.toThrow(/404/);
  });
});
