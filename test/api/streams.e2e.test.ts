import { describe, expect, it } from 'vitest';
import { type ApiError, InactiveRecipientError, isApiError, Message } from '../../src/index.js';
import { ERROR_CODES } from '../../src/postmark/error-codes.js';
import { onSandbox, quick, rejection } from './helpers.js';

// The SDK against the local sandbox over real HTTP on 127.0.0.1: streams and suppressions
// made through the API change what a send is answered.
const e2e = onSandbox({
  eventDelayMs: 20,
  defaults: Message.from('app@example.com').subject('Hi').text('Hello'),
});

describe('message streams through the SDK', () => {
  it('refuses to archive a default stream, so sends without a stream keep going', async () => {
    for (const id of ['outbound', 'inbound', 'broadcast']) {
      const refused = await rejection(e2e.server.streams.archive(id));
      expect(refused, id).toMatchObject({
        name: 'ApiError',
        errorCode: ERROR_CODES.defaultStreamNotArchivable,
      });
      expect((refused as Error).message).toContain(`'${id}' is a default stream`);
      expect((await e2e.server.streams.get(id)).archivedAt).toBeUndefined();
    }
    expect((await e2e.mailer.send(Message.to('ada@example.com'))).messageId).toEqual(
      expect.any(String),
    );
  });

  it('create → send to it → archive refuses → unarchive accepts', async () => {
    const created = await e2e.server.streams.create({
      id: 'receipts',
      name: 'Receipts',
      messageStreamType: 'Transactional',
      description: 'Order receipts',
    });
    expect(created).toMatchObject({
      id: 'receipts',
      name: 'Receipts',
      description: 'Order receipts',
      messageStreamType: 'Transactional',
      serverId: 1,
      subscriptionManagementConfiguration: { unsubscribeHandlingType: 'None' },
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.archivedAt).toBeUndefined();
    expect(await e2e.server.streams.get('receipts')).toEqual(created);

    const { messageId } = await e2e.mailer.send(Message.to('ada@example.com').stream('receipts'));
    expect(e2e.sandbox.messages().at(-1)).toMatchObject({
      MessageID: messageId,
      MessageStream: 'receipts',
    });
    const found = await e2e.server.messages.search({ stream: 'receipts' });
    expect(found.messages.map((m) => m.messageId)).toEqual([messageId]);
    expect(found.messages[0]?.messageStream).toBe('receipts');

    const archive = await e2e.server.streams.archive('receipts');
    expect(archive).toEqual({
      id: 'receipts',
      serverId: 1,
      expectedPurgeDate: expect.any(Date),
    });
    const refused = await rejection(
      e2e.mailer.send(Message.to('ada@example.com').stream('receipts')),
    );
    expect(isApiError(refused)).toBe(true);
    expect((refused as ApiError).errorCode).toBe(ERROR_CODES.streamArchived);
    const listed = await e2e.server.streams.list({ includeArchivedStreams: true });
    expect(listed.messageStreams.find((s) => s.id === 'receipts')?.archivedAt).toBeInstanceOf(Date);
    expect((await e2e.server.streams.list()).messageStreams.map((s) => s.id)).not.toContain(
      'receipts',
    );

    const back = await e2e.server.streams.unarchive('receipts');
    expect(back.archivedAt).toBeUndefined();
    expect(
      (await e2e.mailer.send(Message.to('ada@example.com').stream('receipts'))).messageId,
    ).toEqual(expect.any(String));

    const edited = await e2e.server.streams.edit('receipts', { name: 'Order receipts' });
    expect(edited.name).toBe('Order receipts');
    expect(edited.updatedAt).toBeInstanceOf(Date);

    const types = await e2e.server.streams.list({ messageStreamType: 'Inbound' });
    expect(types).toEqual({
      totalCount: 1,
      messageStreams: [expect.objectContaining({ id: 'inbound' })],
    });
  });

  it('Postmark-style refusals come back as ApiErrors with the ErrorCode', async () => {
    const taken = await rejection(
      e2e.server.streams.create({ id: 'outbound', name: 'X', messageStreamType: 'Broadcasts' }),
    );
    expect(taken).toMatchObject({ status: 422, errorCode: ERROR_CODES.streamIdTaken });
    expect(await rejection(e2e.server.streams.get('missing'))).toMatchObject({
      errorCode: ERROR_CODES.streamNotFound,
    });
  });
});

describe('suppressions through the SDK', () => {
  it('suppress → the send answers 406 and list() shows it → remove → the send works', async () => {
    const to = 'grace@example.com';
    const added = await e2e.server.suppressions.add('outbound', [to]);
    expect(added).toEqual({ suppressions: [{ emailAddress: to, status: 'Suppressed' }] });

    const refused = await rejection(e2e.mailer.send(Message.to(to)));
    expect(refused).toBeInstanceOf(InactiveRecipientError);
    expect((refused as InactiveRecipientError).recipients).toEqual([to]);

    const { suppressions } = await e2e.server.suppressions.list('outbound', { emailAddress: to });
    expect(suppressions).toEqual([
      {
        emailAddress: to,
        suppressionReason: 'ManualSuppression',
        origin: 'Customer',
        createdAt: expect.any(Date),
      },
    ]);

    expect(await e2e.server.suppressions.remove('outbound', [to])).toEqual({
      suppressions: [{ emailAddress: to, status: 'Deleted' }],
    });
    expect((await e2e.mailer.send(Message.to(to))).to).toBe(to);
    expect(
      (await e2e.server.suppressions.list('outbound', { emailAddress: to })).suppressions,
    ).toEqual([]);
  });

  it('120 addresses go as three requests and come back as one result per address', async () => {
    const emails = Array.from({ length: 120 }, (_, i) => `bulk${i}@example.com`);
    const before = e2e.sandbox.requests().length;
    const added = await e2e.server.suppressions.add('broadcast', emails);
    expect(added.suppressions.map((entry) => entry.emailAddress)).toEqual(emails);
    const requests = e2e.sandbox.requests().slice(before);
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
      Array(3).fill('POST /message-streams/broadcast/suppressions 200'),
    );
    const listed = await e2e.server.suppressions.list('broadcast', { origin: 'Customer' });
    expect(listed.suppressions).toHaveLength(120);
    await e2e.server.suppressions.remove('broadcast', emails);
    expect((await e2e.server.suppressions.list('broadcast')).suppressions).toEqual([]);
  });

  it('a hard-bounced address shows as a HardBounce suppression', async () => {
    const to = 'hardbounce+e2e@bounce-testing.postmarkapp.com';
    const { messageId } = await e2e.mailer.send(Message.to(to));
    await e2e.server.messages.waitFor(messageId, quick);
    const { suppressions } = await e2e.server.suppressions.list('outbound', {
      suppressionReason: 'HardBounce',
    });
    expect(suppressions).toEqual([
      {
        emailAddress: to,
        suppressionReason: 'HardBounce',
        origin: 'Recipient',
        createdAt: expect.any(Date),
      },
    ]);
    await e2e.server.suppressions.remove('outbound', [to]);
    const [bounce] = (await e2e.server.bounces.list({ messageId })).bounces;
    expect(bounce?.inactive).toBe(false);
  });
});
