import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMailDate } from '../../src/postmark/dates.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, expectRefusals, type Refusal } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox();
  api = client(sandbox);
});
afterAll(() => sandbox.close());

const remove = (path: string) => api.call('DELETE', path);

// Each test starts with no rules and no inbound mail (reset() keeps rules: they are settings).
beforeEach(async () => {
  sandbox.reset();
  const { body } = await api.get('/triggers/inboundrules?count=500&offset=0');
  for (const rule of body.InboundRules) await remove(`/triggers/inboundrules/${rule.ID}`);
});

describe('inbound rules (/triggers/inboundrules)', () => {
  it('creates, lists (paged, count and offset required) and deletes rules', async () => {
    const first = await api.post('/triggers/inboundrules', { Rule: 'someone@example.com' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ID: expect.any(Number), Rule: 'someone@example.com' });
    const second = await api.post('/triggers/inboundrules', { Rule: ' baddomain.com ' });
    expect(second.body).toEqual({ ID: first.body.ID + 1, Rule: 'baddomain.com' });

    const list = await api.get('/triggers/inboundrules?count=1&offset=1');
    expect(list.body).toEqual({ TotalCount: 2, InboundRules: [second.body] });
    const unpaged = await api.get('/triggers/inboundrules');
    expect([unpaged.status, unpaged.body.ErrorCode]).toEqual([422, 300]);

    const deleted = await remove(`/triggers/inboundrules/${first.body.ID}`);
    expect(deleted.body).toEqual({ ErrorCode: 0, Message: 'Rule someone@example.com removed.' });
    const again = await remove(`/triggers/inboundrules/${first.body.ID}`);
    expect([again.status, again.body.ErrorCode]).toEqual([422, 812]);
    expect((await remove('/triggers/inboundrules/x')).body.ErrorCode).toBe(812);
  });

  it('refuses a duplicate (810, ignoring case), a bad rule (813) and no rule (809)', async () => {
    await api.post('/triggers/inboundrules', { Rule: 'spam.example' });
    const duplicate = await api.post('/triggers/inboundrules', { Rule: 'SPAM.example' });
    expect([duplicate.status, duplicate.body.ErrorCode]).toEqual([422, 810]);
    for (const Rule of ['localhost', '*.example.com', 'a b@example.com', 42, '']) {
      const bad = await api.post('/triggers/inboundrules', { Rule });
      expect({ Rule, status: bad.status, code: bad.body.ErrorCode }).toEqual({
        Rule,
        status: 422,
        code: 813,
      });
    }
    for (const json of [{}, { Rule: null }, []]) {
      expect((await api.post('/triggers/inboundrules', json)).body.ErrorCode).toBe(809);
    }
  });
});

describe('POST /sandbox/inbound (not a Postmark endpoint) and sandbox.receiveInbound()', () => {
  it('fills in what Postmark would: ids, date, contacts, mailbox hashes, stream, status', async () => {
    const before = Date.now();
    const answer = await api.post('/sandbox/inbound', {
      From: '"Doe, John" <john@example.com>',
      To: 'Support <support+4242@inbound.example.com>, other@example.com',
      Cc: 'cc@example.com',
      Subject: 'Help',
      TextBody: 'Hello',
      Attachments: [{ Name: 'notes.txt', Content: 'aGVs\r\nbG8=', ContentType: 'text/plain' }],
    });
    expect(answer.status).toBe(200);
    const message = answer.body;
    expect(message).toEqual({
      MessageID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      MessageStream: 'inbound',
      From: '"Doe, John" <john@example.com>',
      FromName: 'Doe, John',
      FromFull: { Email: 'john@example.com', Name: 'Doe, John', MailboxHash: '' },
      To: 'Support <support+4242@inbound.example.com>, other@example.com',
      ToFull: [
        { Email: 'support+4242@inbound.example.com', Name: 'Support', MailboxHash: '4242' },
        { Email: 'other@example.com', Name: '', MailboxHash: '' },
      ],
      Cc: 'cc@example.com',
      CcFull: [{ Email: 'cc@example.com', Name: '', MailboxHash: '' }],
      Bcc: '',
      BccFull: [],
      ReplyTo: '',
      OriginalRecipient: 'support+4242@inbound.example.com',
      Subject: 'Help',
      Date: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
      MailboxHash: '4242',
      TextBody: 'Hello',
      HtmlBody: '',
      StrippedTextReply: '',
      Tag: '',
      Headers: [],
      Attachments: [
        { Name: 'notes.txt', Content: 'aGVsbG8=', ContentType: 'text/plain', ContentLength: 5 },
      ],
      Status: 'Processed',
      BlockedReason: '',
    });
    const date = readMailDate(message.Date)?.getTime() ?? 0;
    expect(date).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);

    const details = await api.get(`/messages/inbound/${message.MessageID}/details`);
    expect(details.body).toEqual(message);
  });

  it('refuses what is not an inbound message, naming the field', async () => {
    const cases: Refusal[] = [
      [{ To: 'a@example.com' }, 300, /needs a 'From'/],
      [{ From: 'a@example.com' }, 300, /needs a 'To'/],
      [{ From: 'a@example.com, b@example.com', To: 'c@example.com' }, 300, /one address/],
      [{ From: 'not an address', To: 'c@example.com' }, 300, /Error parsing 'From'/],
      [{ From: 'a@example.com', To: 'c@example.com', Subjct: 'x' }, 300, /did you mean "Subject"/],
      [
        { From: 'a@example.com', To: 'c@example.com', Subject: 7 },
        403,
        /'Subject' must be a string/,
      ],
      [{ From: 'a@example.com', To: 'c@example.com', Status: 'Sent' }, 300, /Status 'Sent'/],
      [{ From: 'a@example.com', To: 'c@example.com', Headers: {} }, 403, /Headers/],
      [
        { From: 'a@example.com', To: 'c@example.com', Attachments: [{ Name: 'a', Content: '%%' }] },
        300,
        /not base64/,
      ],
      [[], 403, /JSON object/],
    ];
    await expectRefusals(api, '/sandbox/inbound', cases);
    const taken = sandbox.receiveInbound({ From: 'a@example.com', To: 'b@example.com' });
    expect(() =>
      sandbox.receiveInbound({
        From: 'a@example.com',
        To: 'b@example.com',
        MessageID: taken.MessageID,
      }),
    ).toThrow(new TypeError(`receiveInbound: MessageID '${taken.MessageID}' is taken.`));
    expect(() => sandbox.receiveInbound({ To: 'b@example.com' } as never)).toThrow(TypeError);
  });

  it('the test token validates but keeps nothing', async () => {
    const answer = await api.post(
      '/sandbox/inbound',
      { From: 'a@example.com', To: 'b@example.com' },
      { token: 'POSTMARK_API_TEST' },
    );
    expect(answer.status).toBe(200);
    expect((await api.get('/messages/inbound?count=10&offset=0')).body.TotalCount).toBe(0);
  });
});

describe('inbound rules block, bypass releases, retry processes again', () => {
  it('a From matching a rule (address or domain) is Blocked; bypass makes it Processed', async () => {
    const { body: rule } = await api.post('/triggers/inboundrules', { Rule: 'spam.example' });
    const blocked = sandbox.receiveInbound({
      From: 'Bad <bad@SPAM.example>',
      To: 'in@example.com',
    });
    expect(blocked.Status).toBe('Blocked');
    expect(blocked.BlockedReason).toBe(
      `Blocked by the inbound rule 'spam.example' (ID ${rule.ID}).`,
    );
    const fine = sandbox.receiveInbound({ From: 'ok@mail.spam.example', To: 'in@example.com' });
    expect(fine.Status).toBe('Processed'); // a subdomain is not the domain

    const search = await api.get('/messages/inbound?count=10&offset=0&status=blocked');
    expect(search.body.TotalCount).toBe(1);
    expect(search.body.InboundMessages[0]).toMatchObject({ MessageID: blocked.MessageID });
    expect(search.body.InboundMessages[0]).not.toHaveProperty('TextBody');
    expect(search.body.InboundMessages[0]).not.toHaveProperty('BlockedReason');
    const raw = sandbox.receiveInbound({
      From: 'a@example.com',
      To: 'in@example.com',
      RawEmail: 'Subject: x\r\n\r\nHi',
    });
    const rawDetails = await api.get(`/messages/inbound/${raw.MessageID}/details`);
    expect(rawDetails.body.RawEmail).toBe('Subject: x\r\n\r\nHi');

    const bypass = await api.put(`/messages/inbound/${blocked.MessageID}/bypass`);
    expect(bypass.body).toEqual({
      ErrorCode: 0,
      Message: `Successfully bypassed message: ${blocked.MessageID}`,
    });
    const details = await api.get(`/messages/inbound/${blocked.MessageID}/details`);
    expect(details.body).toMatchObject({ Status: 'Processed', BlockedReason: '' });
    const twice = await api.put(`/messages/inbound/${blocked.MessageID}/bypass`);
    expect([twice.status, twice.body.ErrorCode]).toEqual([422, 702]);
  });

  it('retry works on a Failed message only', async () => {
    const failed = sandbox.receiveInbound({
      From: 'a@example.com',
      To: 'in@example.com',
      Status: 'Failed',
    });
    const processed = sandbox.receiveInbound({ From: 'a@example.com', To: 'in@example.com' });
    const wrong = await api.put(`/messages/inbound/${processed.MessageID}/retry`);
    expect([wrong.status, wrong.body.ErrorCode]).toEqual([422, 703]);
    const retried = await api.put(`/messages/inbound/${failed.MessageID}/retry`);
    expect(retried.body).toEqual({
      ErrorCode: 0,
      Message: `Successfully rescheduled failed message: ${failed.MessageID}`,
    });
    expect((await api.get(`/messages/inbound/${failed.MessageID}/details`)).body.Status).toBe(
      'Processed',
    );
    const missing = await api.put('/messages/inbound/nope/retry');
    expect([missing.status, missing.body.ErrorCode]).toEqual([422, 701]);
    expect((await api.get('/messages/inbound/nope/details')).body.ErrorCode).toBe(701);
  });
});

describe('GET /messages/inbound', () => {
  it('filters by recipient, fromemail, tag, subject, mailboxhash, status and dates; newest first', async () => {
    const a = sandbox.receiveInbound({
      From: 'Ada <ada@example.com>',
      To: 'support+1@in.example',
      Subject: 'Printer on fire',
      Tag: 'support',
    });
    const b = sandbox.receiveInbound({
      From: 'bob@example.org',
      To: 'sales@in.example',
      Cc: 'support+2@in.example',
      Subject: 'Quote',
      Status: 'Queued',
    });
    const ids = async (query: string) =>
      (await api.get(`/messages/inbound?count=10&offset=0${query}`)).body.InboundMessages.map(
        (message: { MessageID: string }) => message.MessageID,
      );
    expect(await ids('')).toEqual([b.MessageID, a.MessageID]);
    expect(await ids('&recipient=SUPPORT')).toEqual([b.MessageID, a.MessageID]);
    expect(await ids('&recipient=sales@')).toEqual([b.MessageID]);
    expect(await ids('&fromemail=ada@')).toEqual([a.MessageID]);
    expect(await ids('&tag=support')).toEqual([a.MessageID]);
    expect(await ids('&subject=fire')).toEqual([a.MessageID]);
    expect(await ids('&mailboxhash=1')).toEqual([a.MessageID]);
    expect(await ids('&Status=Queued')).toEqual([b.MessageID]);
    expect(await ids('&status=processed')).toEqual([a.MessageID]);
    expect(await ids('&fromdate=2000-01-01&todate=2999-01-01')).toHaveLength(2);
    expect(await ids('&todate=2000-01-01')).toEqual([]);
    const second = await api.get('/messages/inbound?count=1&offset=1');
    expect(second.body).toMatchObject({
      TotalCount: 2,
      InboundMessages: [{ MessageID: a.MessageID }],
    });
  });

  it('refuses a bad status or paging with 300', async () => {
    const status = await api.get('/messages/inbound?count=10&offset=0&status=sent');
    expect([status.status, status.body.ErrorCode]).toEqual([422, 300]);
    const count = await api.get('/messages/inbound?count=501&offset=0');
    expect([count.status, count.body.ErrorCode]).toEqual([422, 300]);
  });
});
