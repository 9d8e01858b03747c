import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../../src/postmark/answers.js';
import { BulkStore, bulkRecord, spreadDelivery } from '../../src/sandbox/bulk-store.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { Store } from '../../src/sandbox/store.js';
import { client } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 0, messageStreams: ['receipts'] });
  api = client(sandbox);
});
afterAll(() => sandbox.close());

const content = {
  From: 'news@example.com',
  Subject: 'News for {{name}}',
  HtmlBody: '<p>Hi {{name}}</p>',
  TextBody: 'Hi {{name}}',
  MessageStream: 'broadcast',
  Tag: 'news',
  Metadata: { campaign: 'spring', kind: 'all' },
  Headers: [{ Name: 'X-Kind', Value: 'news' }],
};

describe('POST /email/bulk', () => {
  it('stores one message per recipient, rendered with its model, with its metadata and headers', async () => {
    sandbox.reset();
    const answer = await api.post('/email/bulk', {
      ...content,
      Messages: [
        { To: 'ada@example.com', TemplateModel: { name: 'Ada & co' }, Metadata: { kind: 'vip' } },
        { To: 'bob@example.com', Cc: 'cc@example.com', Headers: [{ Name: 'x-kind', Value: 'b' }] },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      ID: expect.any(String),
      Status: 'Accepted',
      SubmittedAt: expect.any(String),
    });
    const [ada, bob] = sandbox.messages();
    expect(ada).toMatchObject({
      To: 'ada@example.com',
      Subject: 'News for Ada & co',
      HtmlBody: '<p>Hi Ada &amp; co</p>',
      TextBody: 'Hi Ada & co',
      Tag: 'news',
      Metadata: { campaign: 'spring', kind: 'vip' },
      Headers: [{ Name: 'X-Kind', Value: 'news' }],
      MessageStream: 'broadcast',
    });
    // Without a model the content goes as it is; a header is replaced by name, ignoring case.
    expect(bob).toMatchObject({
      To: 'bob@example.com',
      Cc: 'cc@example.com',
      Subject: 'News for {{name}}',
      Headers: [{ Name: 'x-kind', Value: 'b' }],
    });
    expect(ada).not.toHaveProperty('Messages');
    const status = await api.get(`/email/bulk/${answer.body.ID}`);
    expect(status.body).toEqual({
      Id: answer.body.ID,
      SubmittedAt: answer.body.SubmittedAt,
      TotalMessages: 2,
      PercentageCompleted: 100,
      Status: 'Completed',
      Subject: 'News for {{name}}',
    });
    // Each copy is a message like any other: its details and events are there.
    const details = await api.get(`/messages/outbound/${ada?.MessageID}/details`);
    expect(details.body.MessageEvents.map((e: { Type: string }) => e.Type)).toEqual(['Delivered']);
  });

  it('renders each copy of a templated content through the template store', async () => {
    sandbox.reset();
    sandbox.addTemplate({
      Name: 'Digest',
      Alias: 'digest',
      Subject: 'Digest for {{name}}',
      TextBody: '{{count}} new',
    });
    const answer = await api.post('/email/bulk', {
      From: 'news@example.com',
      TemplateAlias: 'digest',
      MessageStream: 'broadcast',
      Messages: [
        { To: 'ada@example.com', TemplateModel: { name: 'Ada', count: 3 } },
        { To: 'bob@example.com', TemplateModel: { name: 'Bob', count: 0 } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(sandbox.messages().map((m) => [m.Subject, m.TextBody])).toEqual([
      ['Digest for Ada', '3 new'],
      ['Digest for Bob', '0 new'],
    ]);
    expect((await api.get(`/email/bulk/${answer.body.ID}`)).body.Subject).toBe(
      'Digest for {{name}}',
    );
  });

  it('refuses a transactional stream, saying bulk goes through a Broadcasts stream', async () => {
    for (const stream of [undefined, 'outbound', 'receipts']) {
      const answer = await api.post('/email/bulk', {
        ...content,
        MessageStream: stream,
        Messages: [{ To: 'ada@example.com' }],
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        ErrorCode: 1237,
        Message: `Bulk sending goes only through a Broadcasts stream; the 'MessageStream' provided ('${stream ?? 'outbound'}') is a Transactional stream.`,
      });
    }
    const inbound = await api.post('/email/bulk', {
      ...content,
      MessageStream: 'inbound',
      Messages: [{ To: 'a@example.com' }],
    });
    expect(inbound.body.Message).toMatch(/is an Inbound stream/);
    const unknown = await api.post('/email/bulk', {
      ...content,
      MessageStream: 'nope',
      Messages: [{ To: 'a@example.com' }],
    });
    expect(unknown.body).toMatchObject({
      ErrorCode: 1235,
      Message: expect.stringMatching(/^Messages\[0\]: /),
    });
  });

  it('takes a request whole or refuses it whole, naming the recipient', async () => {
    sandbox.reset();
    const refusals: [unknown, number, RegExp][] = [
      [{ ...content }, 403, /'Messages' array/],
      [{ ...content, Messages: [] }, 300, /Zero recipients/],
      [
        { ...content, Messages: [{ To: 'ada@example.com' }, { To: 'not an address' }] },
        300,
        /^Messages\[1\]: Error parsing 'To'/,
      ],
      [
        { ...content, Messages: [{ To: 'ada@example.com' }, 'bob@example.com'] },
        403,
        /Messages\[1\] must be a JSON object/,
      ],
      [
        { ...content, Messages: [{ To: 'ada@example.com', TemplateModel: 'x' }] },
        403,
        /TemplateModel must be a JSON object/,
      ],
      [
        {
          ...content,
          TextBody: 'Hi {{#open}}',
          HtmlBody: undefined,
          Messages: [{ To: 'ada@example.com', TemplateModel: {} }],
        },
        300,
        /rendering failed/,
      ],
      [
        { ...content, From: undefined, Messages: [{ To: 'ada@example.com' }] },
        300,
        /^Messages\[0\]: /,
      ],
      [
        {
          From: 'news@example.com',
          TemplateAlias: 'missing',
          MessageStream: 'broadcast',
          Messages: [{ To: 'ada@example.com', TemplateModel: {} }],
        },
        1101,
        /missing/,
      ],
    ];
    for (const [json, code, words] of refusals) {
      const answer = await api.post('/email/bulk', json);
      expect({ json, status: answer.status, code: answer.body.ErrorCode }).toEqual({
        json,
        status: 422,
        code,
      });
      expect(answer.body.Message).toMatch(words);
    }
    expect(sandbox.messages()).toHaveLength(0);
  });

  it('skips a suppressed recipient, as a broadcast does, and counts it done', async () => {
    sandbox.reset();
    await api.post('/message-streams/broadcast/suppressions', {
      Suppressions: [{ EmailAddress: 'gone@example.com' }],
    });
    const answer = await api.post('/email/bulk', {
      ...content,
      Messages: [{ To: 'gone@example.com' }, { To: 'ada@example.com' }],
    });
    expect(answer.status).toBe(200);
    expect(sandbox.messages().map((m) => m.To)).toEqual(['ada@example.com']);
    expect((await api.get(`/email/bulk/${answer.body.ID}`)).body).toMatchObject({
      TotalMessages: 2,
      Status: 'Completed',
    });
  });

  it('keeps nothing for the test token, and answers 404 for an unknown request', async () => {
    sandbox.reset();
    const answer = await api.post(
      '/email/bulk',
      { ...content, Messages: [{ To: 'ada@example.com' }] },
      { token: TEST_TOKEN },
    );
    expect(answer.body.Status).toBe('Accepted');
    expect(sandbox.messages()).toHaveLength(0);
    expect((await api.get(`/email/bulk/${answer.body.ID}`)).status).toBe(404);
  });

  it('takes up to maxBulkBytes (413 past it), more than a message or a batch may carry', async () => {
    const small = await startSandbox({ limits: { maxBulkBytes: 1000, maxBatchBytes: 500 } });
    try {
      const raw = client(small);
      const messages = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ To: `u${i}@example.com` }));
      expect((await raw.post('/email/bulk', { ...content, Messages: messages(10) })).status).toBe(
        200,
      );
      expect((await raw.post('/email/bulk', { ...content, Messages: messages(40) })).status).toBe(
        413,
      );
    } finally {
      await small.close();
    }
  });
});

describe('a bulk request over time', () => {
  it('goes Accepted, Processing, Completed as its copies are delivered', () => {
    const store = new Store();
    const start = 1_000_000;
    const ids = ['a', 'b', 'c', 'd'].map((id) => {
      store.add(
        {
          message: { MessageID: id } as never,
          sent: {},
          templated: false,
          from: { email: 'news@example.com' },
          to: [{ email: `${id}@example.com` }],
          cc: [],
          bcc: [],
          receivedAt: start,
          events: [
            { recipient: `${id}@example.com`, type: 'Delivered', at: start + 100, details: {} },
          ],
        },
        [],
      );
      return id;
    });
    spreadDelivery(store, ids, start, 100);
    const bulk = new BulkStore().add({
      submittedAt: start,
      subject: 'S',
      total: 4,
      messageIds: ids,
    });
    const at = (now: number) => {
      const { Status, PercentageCompleted } = bulkRecord(bulk, store, now);
      return [Status, PercentageCompleted];
    };
    expect([at(start), at(start + 25), at(start + 60), at(start + 100)]).toEqual([
      ['Accepted', 0],
      ['Processing', 25],
      ['Processing', 50],
      ['Completed', 100],
    ]);
  });
});
