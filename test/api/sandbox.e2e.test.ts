import { describe, expect, it } from 'vitest';
import { InactiveRecipientError, Message } from '../../src/index.js';
import { onSandbox, quick, rejection } from './helpers.js';

// Real HTTP against the local sandbox on 127.0.0.1: the Sender sends, the sandbox turns a
// bounce-testing address into a bounce after `eventDelayMs`, and the SDK reads it back.
const e2e = onSandbox({ eventDelayMs: 30, defaults: Message.from('app@example.com').tag('e2e') });

describe('bounces and status against the sandbox', () => {
  it('send → waitFor(bounced) → bounces.list/get/dump → activate → send again', async () => {
    const to = 'hardbounce@bounce-testing.postmarkapp.com';
    const { messageId } = await e2e.mailer.send(Message.to(to).subject('Welcome').text('Hi'));

    const details = await e2e.server.messages.waitFor(messageId, quick);
    expect(details.messageId).toBe(messageId);
    expect(details.events).toEqual([
      expect.objectContaining({ type: 'Bounced', recipient: to, receivedAt: expect.any(Date) }),
    ]);
    const bounceId = Number(details.events[0]?.details.bounceId);

    const { totalCount, bounces } = await e2e.server.bounces.list({
      messageId,
      type: 'HardBounce',
      inactive: true,
    });
    expect(totalCount).toBe(1);
    const [bounce] = bounces;
    expect(bounce).toMatchObject({
      id: bounceId,
      type: 'HardBounce',
      typeCode: 1,
      email: to,
      messageId,
      tag: 'e2e',
      subject: 'Welcome',
      inactive: true,
      canActivate: true,
      dumpAvailable: true,
      messageStream: 'outbound',
    });
    expect(bounce?.bouncedAt).toBeInstanceOf(Date);
    // Date filters go as Eastern wall-clock times and the e2e.sandbox reads them so, as Postmark
    // does: a minute either side of the bounce finds it, a minute after it does not.
    const at = bounce?.bouncedAt.getTime() ?? Number.NaN;
    const around = { messageId, fromDate: new Date(at - 60_000), toDate: new Date(at + 60_000) };
    expect((await e2e.server.bounces.list(around)).totalCount).toBe(1);
    expect(
      (await e2e.server.bounces.list({ messageId, fromDate: new Date(at + 60_000) })).totalCount,
    ).toBe(0);
    expect(
      (await e2e.server.bounces.list({ messageId, toDate: new Date(at - 60_000) })).totalCount,
    ).toBe(0);
    expect(await e2e.server.bounces.get(bounceId)).toEqual(bounce);
    expect(await e2e.server.bounces.dump(bounceId)).toContain(to);
    expect(await e2e.server.bounces.tags()).toContain('e2e');

    const stats = await e2e.server.deliveryStats();
    expect(stats.inactiveMails).toBeGreaterThanOrEqual(1);
    expect(stats.bounces).toContainEqual({
      type: 'HardBounce',
      name: 'Hard bounce',
      count: expect.any(Number),
    });

    expect(
      await rejection(e2e.mailer.send(Message.to(to).subject('Again').text('Hi'))),
    ).toBeInstanceOf(InactiveRecipientError);
    const activated = await e2e.server.bounces.activate(bounceId);
    expect(activated.bounce.id).toBe(bounceId);
    expect((await e2e.mailer.send(Message.to(to).subject('Again').text('Hi'))).messageId).toEqual(
      expect.any(String),
    );
  });

  it('waitFor resolves on delivery; search, all and dump find the message', async () => {
    const { messageId } = await e2e.mailer.send(
      Message.to('ada@example.com')
        .cc('bob@example.com')
        .subject('Receipt #1')
        .text('Thanks')
        .metadata({ orderId: 'A-1' }),
    );
    const details = await e2e.server.messages.waitFor(messageId, quick);
    expect(details.events.map((event) => [event.type, event.recipient]).sort()).toEqual([
      ['Delivered', 'ada@example.com'],
      ['Delivered', 'bob@example.com'],
    ]);
    expect(details.textBody).toBe('Thanks');

    const found = await e2e.server.messages.search({
      recipient: 'bob@',
      metadata: { orderId: 'A-1' },
      status: 'sent',
    });
    expect(found.totalCount).toBe(1);
    expect(found.messages[0]).toMatchObject({
      messageId,
      subject: 'Receipt #1',
      metadata: { orderId: 'A-1' },
      status: 'Sent',
    });

    const all = [];
    for await (const message of e2e.server.messages.all({ count: 1, tag: 'e2e' }))
      all.push(message.messageId);
    expect(all).toContain(messageId);
    expect(new Set(all).size).toBe(all.length);

    expect(await e2e.server.messages.dump(messageId)).toContain('Receipt #1');
  });

  it('waitFor times out while a soft bounce keeps a message undecided', async () => {
    const { messageId } = await e2e.mailer.send(
      Message.to('transient@bounce-testing.postmarkapp.com').subject('x').text('y'),
    );
    const error = await rejection(
      e2e.server.messages.waitFor(messageId, { interval: 10, timeout: 300 }),
    );
    expect(error).toMatchObject({ name: 'TimeoutError', timeout: 300 });
    // A Transient event does count when asked for.
    const details = await e2e.server.messages.waitFor(messageId, { ...quick, until: 'Transient' });
    expect(details.events[0]?.type).toBe('Transient');
  });

  it('an unknown message id times out naming ErrorCode 701', async () => {
    const error = await rejection(
      e2e.server.messages.waitFor('no-such-id/..', { interval: 10, timeout: 400 }),
    );
    expect((error as Error).message).toMatch(/ErrorCode 701/);
  });
});
