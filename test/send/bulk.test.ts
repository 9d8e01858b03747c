import { describe, expect, it } from 'vitest';
import {
  ApiError,
  type BulkSendError,
  isBulkSendError,
  isMessageValidationError,
  Message,
  type MessageValidationError,
  ServerError,
} from '../../src/index.js';
import { rejection } from '../api/helpers.js';
import { bodyText, recordingSender } from '../helpers/fixtures.js';

const broadcast = Message.from('news@example.com')
  .stream('broadcast')
  .subject('News for {{name}}')
  .text('Hello {{name}}');

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    to: `user${i}@example.com`,
    model: { name: `User ${i}` },
  }));

// What the transport was sent, as JSON.
const bodies = (transport: ReturnType<typeof recordingSender>['transport']) =>
  transport.calls.map(
    (call) => call.body as Record<string, unknown> & { Messages: Record<string, unknown>[] },
  );

describe('sendBulk()', () => {
  it('sends the content once and each recipient with its own model, metadata and headers', async () => {
    const { transport, mailer } = recordingSender({
      defaults: Message.from('app@example.com').tag('news').metadata({ campaign: 'spring' }),
    });
    const bulk = await mailer.sendBulk(broadcast.header('X-Kind', 'news'), [
      { to: 'Ada <ada@example.com>', model: { name: 'Ada' }, metadata: { userId: '1' } },
      {
        to: ['bob@example.com', { email: 'carol@example.com', name: 'Carol, C.' }],
        cc: 'cc@example.com',
        bcc: 'audit@example.com',
        headers: { 'X-Kind': 'vip' },
      },
    ]);
    expect(transport.calls.map((call) => [call.method, call.endpoint])).toEqual([
      ['POST', '/email/bulk'],
    ]);
    const [body] = bodies(transport);
    expect(body).toEqual({
      From: 'news@example.com',
      Subject: 'News for {{name}}',
      TextBody: 'Hello {{name}}',
      Tag: 'news',
      Headers: [{ Name: 'X-Kind', Value: 'news' }],
      Metadata: { campaign: 'spring' },
      MessageStream: 'broadcast',
      Messages: [
        {
          To: 'Ada <ada@example.com>',
          TemplateModel: { name: 'Ada' },
          Metadata: { userId: '1' },
        },
        {
          To: 'bob@example.com, "Carol, C." <carol@example.com>',
          Cc: 'cc@example.com',
          Bcc: 'audit@example.com',
          Headers: [{ Name: 'X-Kind', Value: 'vip' }],
        },
      ],
    });
    expect(bulk).toEqual({
      id: expect.any(String),
      status: 'Accepted',
      submittedAt: expect.any(Date),
      recipients: 2,
      requests: [
        { id: bulk.id, status: 'Accepted', submittedAt: bulk.submittedAt, first: 0, count: 2 },
      ],
    });
  });

  it('sends a templated content, each recipient with the content model laid under its own', async () => {
    const { transport, mailer } = recordingSender();
    const content = Message.from('news@example.com')
      .stream('broadcast')
      .template('digest', { site: 'Example', name: 'friend' });
    await mailer.sendBulk(content, [
      { to: 'ada@example.com', model: { name: 'Ada' } },
      { to: 'bob@example.com' },
    ]);
    const body = bodies(transport)[0] as ReturnType<typeof bodies>[number];
    expect(body.TemplateAlias).toBe('digest');
    expect(body).not.toHaveProperty('TemplateModel');
    expect(body.Messages.map((m) => m.TemplateModel)).toEqual([
      { site: 'Example', name: 'Ada' },
      { site: 'Example', name: 'friend' },
    ]);
  });

  it('checks the content and every recipient before any request, reporting every problem', async () => {
    const { transport, mailer } = recordingSender();
    const error = await rejection(
      mailer.sendBulk(broadcast, [
        { to: 'ada@example.com' },
        { to: 'not an address' },
        { to: 'bob@example.com', model: { n: 10n } as never },
        { to: 'carol@example.com', modle: {} } as never,
        { cc: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) } as never,
        { to: 'dan@example.com', metadata: { a: 'x'.repeat(81) } },
        'eve@example.com' as never,
      ]),
    );
    expect(isMessageValidationError(error)).toBe(true);
    const issues = (error as MessageValidationError).issues.map((issue) => [
      issue.path,
      issue.code,
    ]);
    expect(issues).toEqual([
      ['recipients[1].to[0]', expect.stringMatching(/^address\./)],
      ['recipients[2].model.n', 'template.model'],
      ['recipients[3].modle', 'bulk.unknownField'],
      ['recipients[4].to', 'recipients.tooMany'],
      ['recipients[5].metadata.a', 'metadata.valueTooLong'],
      ['recipients[6]', 'bulk.recipient'],
    ]);
    expect(transport.calls).toHaveLength(0);
  });

  it('refuses recipients that are not a list, and content that is not a message, naming them', async () => {
    const { transport, mailer } = recordingSender();
    for (const recipients of [null, undefined, { to: 'ada@example.com' }, 'ada@example.com', 5]) {
      const error = await rejection(mailer.sendBulk(broadcast, recipients as never));
      expect(isMessageValidationError(error)).toBe(true);
      expect((error as MessageValidationError).issues.map((issue) => issue.path)).toEqual([
        'recipients',
      ]);
    }
    const error = await rejection(mailer.sendBulk(null as never, [{ to: 'ada@example.com' }]));
    const paths = (error as MessageValidationError).issues.map((issue) => issue.path);
    expect(paths.every((path) => path === 'content' || path.startsWith('content.'))).toBe(true);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.some((path) => path.endsWith('.'))).toBe(false);
    expect(transport.calls).toHaveLength(0);
  });

  it('refuses content that cannot be a bulk send, before any request', async () => {
    // A Sender's default Bcc would give the content recipients of its own: refused, and a
    // Sender derived without it sends.
    const { transport, mailer } = recordingSender({
      defaults: Message.from('app@example.com').bcc('audit@example.com'),
    });
    const refusal = (await rejection(
      mailer.sendBulk(broadcast, [{ to: 'ada@example.com' }]),
    )) as MessageValidationError;
    expect(refusal.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['content.bcc', 'bulk.contentRecipients'],
    ]);
    expect(transport.calls).toHaveLength(0);
    const withoutBcc = mailer.with({ defaults: mailer.defaults.setRecipients('bcc') });
    await withoutBcc.sendBulk(broadcast, [{ to: 'ada@example.com' }]);
    expect(transport.calls).toHaveLength(1);

    const plainMailer = recordingSender().mailer;
    const refused = async (content: Message, recipients: unknown[] = [{ to: 'ada@example.com' }]) =>
      (
        (await rejection(
          plainMailer.sendBulk(content, recipients as never),
        )) as MessageValidationError
      ).issues.map((issue) => issue.code);
    expect(await refused(broadcast.stream('outbound'))).toEqual(['bulk.stream']);
    expect(await refused(Message.from('news@example.com').subject('x').text('y'))).toEqual([
      'bulk.stream',
    ]);
    expect(await refused(broadcast.to('someone@example.com'))).toEqual(['bulk.contentRecipients']);
    expect(await refused(Message.create({ stream: 'broadcast', text: 'x' }))).toEqual([
      'from.missing',
    ]);
    expect(await refused(broadcast, [])).toEqual(['bulk.noRecipients']);
  });

  it('splits recipients across requests only past maxBulkBytes, reporting each request', async () => {
    const { transport, mailer } = recordingSender({ limits: { maxBulkBytes: 2000 } });
    const recipients = people(40);
    const bulk = await mailer.sendBulk(broadcast, recipients);
    const sent = bodies(transport);
    expect(sent.length).toBeGreaterThan(1);
    for (const call of transport.calls)
      expect(bodyText(JSON.stringify(call.body) as never).length).toBeLessThanOrEqual(2000);
    // Every recipient once, in order, each request with the whole content.
    expect(sent.flatMap((body) => body.Messages.map((m) => m.To))).toEqual(
      recipients.map((r) => r.to),
    );
    for (const body of sent) expect(body.TextBody).toBe('Hello {{name}}');
    let first = 0;
    const ranges = sent.map((body) => {
      const range = [first, body.Messages.length];
      first += body.Messages.length;
      return range;
    });
    expect(bulk.requests.map((r) => [r.first, r.count])).toEqual(ranges);
    expect(new Set(bulk.requests.map((r) => r.id)).size).toBe(sent.length);
    expect(bulk.id).toBe(bulk.requests[0]?.id);
    expect(bulk.recipients).toBe(40);

    const one = recordingSender({ limits: { maxBulkBytes: 50_000 } });
    expect((await one.mailer.sendBulk(broadcast, recipients)).requests).toHaveLength(1);
  });

  it('refuses a recipient too large for any request, before any request', async () => {
    const { transport, mailer } = recordingSender({ limits: { maxBulkBytes: 400 } });
    const error = await rejection(
      mailer.sendBulk(broadcast, [
        { to: 'ada@example.com' },
        { to: 'bob@example.com', model: { bio: 'x'.repeat(500) } },
      ]),
    );
    expect((error as MessageValidationError).issues).toEqual([
      expect.objectContaining({ path: 'recipients[1]', code: 'bulk.tooLarge' }),
    ]);
    expect(transport.calls).toHaveLength(0);
  });

  it('never repeats a request that may have been taken, and throws its own error when there is one', async () => {
    const { transport, mailer } = recordingSender();
    transport.failCall(0, 500);
    const error = await rejection(mailer.sendBulk(broadcast, people(3)));
    expect(error).toBeInstanceOf(ServerError);
    expect(transport.calls).toHaveLength(1);
    // Certainly not taken (503): retried, as a send is.
    transport.reset().failCall(0, 503);
    expect((await mailer.sendBulk(broadcast, people(3))).requests).toHaveLength(1);
    expect(transport.calls).toHaveLength(2);
  });

  it('says which requests of a split were taken when one fails, and sends no more', async () => {
    const { transport, mailer } = recordingSender({
      limits: { maxBulkBytes: 700 },
      retry: { limit: 0 },
    });
    transport.failCall(1, 'timeout');
    const error = await rejection(mailer.sendBulk(broadcast, people(20)));
    expect(isBulkSendError(error)).toBe(true);
    const bulk = error as BulkSendError;
    expect(bulk.accepted).toHaveLength(1);
    expect(bulk.failed?.error.name).toBe('TimeoutError');
    expect(bulk.failed?.first).toBe(bulk.accepted[0]?.count);
    const covered = [bulk.accepted[0], bulk.failed, ...bulk.notSent].reduce(
      (n, r) => n + (r?.count ?? 0),
      0,
    );
    expect(covered).toBe(20);
    expect(bulk.notSent.length).toBeGreaterThan(0);
    expect(transport.calls).toHaveLength(2);
    expect(bulk.message).toMatch(
      /^sendBulk\(\): request 2 of \d+ \(recipients \d+ to \d+\) failed: .*Accepted: .* \(recipients 0 to \d+\); not sent: recipients/,
    );
    expect(bulk.cause).toBe(bulk.failed?.error);
  });

  it('stops between requests when the signal aborts, saying what was taken', async () => {
    const controller = new AbortController();
    const { transport, mailer } = recordingSender({
      limits: { maxBulkBytes: 700 },
      hooks: { afterResponse: () => controller.abort(new Error('stop')) },
    });
    const error = await rejection(
      mailer.sendBulk(broadcast, people(20), { signal: controller.signal }),
    );
    expect(isBulkSendError(error)).toBe(true);
    expect((error as BulkSendError).accepted).toHaveLength(1);
    expect((error as BulkSendError).failed).toBeUndefined();
    expect((error as Error).message).toMatch(/aborted after 1 of \d+ requests/);
    expect(transport.calls).toHaveLength(1);
  });

  it('reads the answer as Postmark spells it (ID or Id, nulls, new fields), and refuses one without an id', async () => {
    const { transport, mailer } = recordingSender();
    transport
      .failCall(0, {
        status: 200,
        body: { Id: 'b-1', Status: 'Accepted', SubmittedAt: null, New: 1 },
      })
      .failCall(1, {
        status: 200,
        body: { ID: 'b-2', Status: 'Accepted', SubmittedAt: '2024-05-01T10:00:00-04:00' },
      })
      .failCall(2, { status: 200, body: { Status: 'Accepted' } });
    const first = await mailer.sendBulk(broadcast, people(1));
    expect(first).toMatchObject({ id: 'b-1', submittedAt: expect.any(Date) });
    const second = await mailer.sendBulk(broadcast, people(1));
    expect(second.submittedAt.toISOString()).toBe('2024-05-01T14:00:00.000Z');
    const error = await rejection(mailer.sendBulk(broadcast, people(1)));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toMatch(/an ID.*probably carried out/);
    expect(transport.calls).toHaveLength(3);
  });
});
