import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, Server } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { rejection } from './helpers.js';

// Real HTTP against the local sandbox on 127.0.0.1: the SDK's checks, its requests and its
// reading of the answers, against the sandbox's rules and records.
let sandbox: Sandbox;
let server: Server;

beforeAll(async () => {
  sandbox = await startSandbox();
  server = new Server({
    serverToken: sandbox.token,
    baseUrl: sandbox.url,
    retry: { baseDelay: 0 },
  });
});
afterAll(() => sandbox.close());

describe('webhooks against the sandbox', () => {
  it('create → list → get → edit → delete', async () => {
    const created = await server.webhooks.create({
      url: 'https://example.com/hooks/postmark',
      httpAuth: { username: 'postmark', password: 's3cret' },
      httpHeaders: [{ name: 'X-Token', value: 'abc' }],
      triggers: { delivery: { enabled: true }, bounce: { enabled: true, includeContent: true } },
    });
    expect(created).toEqual({
      id: expect.any(Number),
      url: 'https://example.com/hooks/postmark',
      messageStream: 'outbound',
      httpAuth: { username: 'postmark', password: 's3cret' },
      httpHeaders: [{ name: 'X-Token', value: 'abc' }],
      triggers: {
        open: { enabled: false, postFirstOpenOnly: false },
        click: { enabled: false },
        delivery: { enabled: true },
        bounce: { enabled: true, includeContent: true },
        spamComplaint: { enabled: false, includeContent: false },
        subscriptionChange: { enabled: false },
      },
    });
    const broadcast = await server.webhooks.create({
      url: 'http://example.com/b',
      messageStream: 'broadcast',
    });
    expect(broadcast.httpAuth).toBeUndefined(); // Postmark's null

    expect((await server.webhooks.list({ stream: 'outbound' })).webhooks).toEqual([created]);
    expect((await server.webhooks.list()).webhooks).toHaveLength(2);
    expect(await server.webhooks.get(created.id)).toEqual(created);

    const edited = await server.webhooks.edit(created.id, {
      url: 'https://example.com/hooks/v2',
      triggers: { open: { enabled: true, postFirstOpenOnly: true } },
    });
    expect(edited).toMatchObject({
      id: created.id,
      url: 'https://example.com/hooks/v2',
      triggers: { open: { enabled: true, postFirstOpenOnly: true }, delivery: { enabled: true } },
    });

    expect(await server.webhooks.delete(created.id)).toEqual({
      message: `Webhook ${created.id} removed.`,
    });
    expect(await rejection(server.webhooks.get(created.id))).toMatchObject({
      name: 'ApiError',
      errorCode: 1352,
    });
    await server.webhooks.delete(broadcast.id);
  });

  it('what the sandbox refuses comes back as an ApiError with its code', async () => {
    const error = await rejection(
      server.webhooks.create({ url: 'https://example.com/h', messageStream: 'nope' }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, errorCode: 1235 });
    expect(await rejection(server.webhooks.list({ stream: 'nope' }))).toMatchObject({
      errorCode: 1235,
    });
    // The inbound stream exists but takes no webhooks.
    expect(await server.webhooks.list({ stream: 'inbound' })).toEqual({ webhooks: [] });
  });
});

describe('inbound rules and inbound mail against the sandbox', () => {
  it('rule → blocked → search finds it → bypass → processed; the rule is deleted', async () => {
    const rule = await server.inboundRules.create({ rule: 'spam.example' });
    expect(rule).toEqual({ id: expect.any(Number), rule: 'spam.example' });
    expect(await server.inboundRules.list()).toEqual({ totalCount: 1, inboundRules: [rule] });
    expect(await rejection(server.inboundRules.create({ rule: 'SPAM.example' }))).toMatchObject({
      errorCode: 810,
    });

    const received = sandbox.receiveInbound({
      From: 'Spammer <offers@spam.example>',
      To: 'support+4242@inbound.example.com',
      Subject: 'Cheap watches',
      TextBody: 'Buy now',
      Attachments: [{ Name: 'offer.txt', Content: 'aGVsbG8=', ContentType: 'text/plain' }],
    });
    sandbox.receiveInbound({ From: 'ada@example.com', To: 'support@inbound.example.com' });

    const { totalCount, inboundMessages } = await server.inbound.search({ status: 'blocked' });
    expect(totalCount).toBe(1);
    const [blocked] = inboundMessages;
    expect(blocked).toMatchObject({
      messageId: received.MessageID,
      status: 'Blocked',
      from: 'Spammer <offers@spam.example>',
      fromFull: { email: 'offers@spam.example', name: 'Spammer', mailboxHash: '' },
      toFull: [{ email: 'support+4242@inbound.example.com', mailboxHash: '4242' }],
      mailboxHash: '4242',
      subject: 'Cheap watches',
      messageStream: 'inbound',
      date: received.Date,
      attachments: [
        { name: 'offer.txt', content: 'aGVsbG8=', contentType: 'text/plain', contentLength: 5 },
      ],
    });
    expect(blocked?.receivedAt).toBeInstanceOf(Date);
    expect(Math.abs((blocked?.receivedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

    const details = await server.inbound.details(received.MessageID);
    expect(details).toMatchObject({
      textBody: 'Buy now',
      blockedReason: `Blocked by the inbound rule 'spam.example' (ID ${rule.id}).`,
      headers: [],
    });

    expect((await server.inbound.bypass(received.MessageID)).message).toMatch(/bypassed/);
    expect((await server.inbound.details(received.MessageID)).status).toBe('Processed');
    expect((await server.inbound.search({ status: 'blocked' })).totalCount).toBe(0);
    expect(await rejection(server.inbound.bypass(received.MessageID))).toMatchObject({
      errorCode: 702,
    });

    expect(await server.inboundRules.delete(rule.id)).toEqual({
      message: 'Rule spam.example removed.',
    });
    expect((await server.inboundRules.list()).totalCount).toBe(0);
    const after = sandbox.receiveInbound({ From: 'offers@spam.example', To: 'in@example.com' });
    expect(after.Status).toBe('Processed');
  });

  it('a failed message is retried; search and all() filter and page', async () => {
    const failed = sandbox.receiveInbound({
      From: 'bob@example.org',
      To: 'orders@inbound.example.com',
      Tag: 'orders',
      Status: 'Failed',
    });
    const found = await server.inbound.search({ status: 'failed', tag: 'orders' });
    expect(found.inboundMessages.map((message) => message.messageId)).toEqual([failed.MessageID]);
    expect((await server.inbound.retry(failed.MessageID)).message).toMatch(/rescheduled/);
    expect((await server.inbound.details(failed.MessageID)).status).toBe('Processed');
    expect(await rejection(server.inbound.retry(failed.MessageID))).toMatchObject({
      errorCode: 703,
    });

    const ids: string[] = [];
    for await (const message of server.inbound.all({ count: 1, recipient: 'inbound.example.com' }))
      ids.push(message.messageId);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids[0]).toBe(failed.MessageID); // newest first
    expect(await server.inbound.search({ fromEmail: 'bob@', toDate: '2000-01-01' })).toEqual({
      totalCount: 0,
      inboundMessages: [],
    });
  });
});
