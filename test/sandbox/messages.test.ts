import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // A long delay, flushed by hand, so statuses are known exactly.
  sandbox = await startSandbox({ eventDelayMs: 60_000 });
  api = client(sandbox);
  const send = async (key: string, overrides: Record<string, unknown>) => {
    const response = await api.post('/email', message(overrides));
    ids[key] = response.body.MessageID;
  };
  await send('first', {
    From: 'Team <team@example.com>',
    To: '"Lovelace, Ada" <ada@example.com>, bob@example.com',
    Cc: 'carol@example.com',
    Bcc: 'audit@example.com',
    Subject: 'Quarterly report',
    Tag: 'reports',
    Metadata: { customer: 'c-1' },
    HtmlBody: '<p>Report</p>',
    TextBody: 'Report',
    TrackOpens: true,
    TrackLinks: 'HtmlAndText',
    Attachments: [{ Name: 'report.pdf', Content: 'JVBERi0=', ContentType: 'application/pdf' }],
    Headers: [{ Name: 'X-Campaign', Value: 'q3' }],
  });
  sandbox.flushEvents();
  await send('second', {
    To: 'dave@example.com',
    Subject: 'Second',
    Tag: 'other',
    Metadata: { customer: 'c-2' },
    MessageStream: 'broadcast',
  });
});
afterAll(() => sandbox.close());

const search = (query: string) => api.get(`/messages/outbound?count=50&offset=0${query}`);
const found = async (query: string) =>
  (await search(query)).body.Messages.map((m: { MessageID: string }) => m.MessageID);

describe('GET /messages/outbound', () => {
  it('lists messages newest first with Postmark’s summary fields', async () => {
    const response = await search('');
    expect(response.status).toBe(200);
    expect(response.body.TotalCount).toBe(2);
    expect(response.body.Messages.map((m: { MessageID: string }) => m.MessageID)).toEqual([
      ids.second,
      ids.first,
    ]);
    expect(response.body.Messages[1]).toEqual({
      Tag: 'reports',
      MessageID: ids.first,
      MessageStream: 'outbound',
      To: [
        { Email: 'ada@example.com', Name: 'Lovelace, Ada' },
        { Email: 'bob@example.com', Name: null },
      ],
      Cc: [{ Email: 'carol@example.com', Name: null }],
      Bcc: [{ Email: 'audit@example.com', Name: null }],
      Recipients: ['ada@example.com', 'bob@example.com', 'carol@example.com', 'audit@example.com'],
      ReceivedAt: expect.any(String),
      From: 'Team <team@example.com>',
      Subject: 'Quarterly report',
      Attachments: ['report.pdf'],
      Status: 'Sent',
      TrackOpens: true,
      TrackLinks: 'HtmlAndText',
      Metadata: { customer: 'c-1' },
    });
  });

  it('filters by recipient, fromemail, tag, subject, stream, status and metadata', async () => {
    expect(await found('&recipient=CAROL@example.com')).toEqual([ids.first]);
    expect(await found('&recipient=audit@example.com')).toEqual([ids.first]);
    expect(await found('&fromemail=team@example.com')).toEqual([ids.first]);
    expect(await found('&tag=other')).toEqual([ids.second]);
    expect(await found('&subject=quarterly')).toEqual([ids.first]);
    expect(await found('&messagestream=broadcast')).toEqual([ids.second]);
    expect(await found('&status=queued')).toEqual([ids.second]);
    expect(await found('&status=sent')).toEqual([ids.first]);
    expect(await found('&metadata_customer=c-2')).toEqual([ids.second]);
    expect(await found('&metadata_customer=c-3')).toEqual([]);
    expect((await search('&status=lost')).body.ErrorCode).toBe(300);
  });

  it('enforces the same paging limits as /bounces', async () => {
    expect((await api.get('/messages/outbound?count=501&offset=0')).body.ErrorCode).toBe(300);
    expect((await api.get('/messages/outbound?count=100&offset=9901')).status).toBe(422);
    expect((await api.get('/messages/outbound?offset=0')).status).toBe(422);
    const second = await api.get('/messages/outbound?count=1&offset=1');
    expect(second.body).toMatchObject({ TotalCount: 2, Messages: [{ MessageID: ids.first }] });
  });
});

describe('GET /messages/outbound/{id}/details and /dump', () => {
  it('adds bodies, the raw source and the events', async () => {
    const response = await api.get(`/messages/outbound/${ids.first}/details`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      MessageID: ids.first,
      TextBody: 'Report',
      HtmlBody: '<p>Report</p>',
    });
    expect(response.body.Body).toContain('Subject: Quarterly report');
    expect(
      response.body.MessageEvents.map((event: { Recipient: string; Type: string }) => [
        event.Recipient,
        event.Type,
      ]),
    ).toEqual([
      ['ada@example.com', 'Delivered'],
      ['bob@example.com', 'Delivered'],
      ['carol@example.com', 'Delivered'],
      ['audit@example.com', 'Delivered'],
    ]);
  });

  it('dumps a MIME rendering without the Bcc', async () => {
    const response = await api.get(`/messages/outbound/${ids.first}/dump`);
    const body: string = response.body.Body;
    expect(body).toContain('From: Team <team@example.com>');
    expect(body).toContain('X-Campaign: q3');
    expect(body).toContain('multipart/alternative');
    expect(body).toContain('filename="report.pdf"');
    expect(body).toContain('JVBERi0=');
    expect(body).not.toContain('audit@example.com');
  });

  it('answers 422 with ErrorCode 701 for an unknown id', async () => {
    for (const path of [
      '/messages/outbound/00000000-0000-0000-0000-000000000000/details',
      '/messages/outbound/nope/dump',
    ]) {
      const response = await api.get(path);
      expect(response.status, path).toBe(422);
      expect(response.body.ErrorCode, path).toBe(701);
    }
  });

  it('URL-decodes path parameters', async () => {
    const id = ids.first as string;
    const encoded = id.replace(/-/g, '%2D');
    expect((await api.get(`/messages/outbound/${encoded}/details`)).body.MessageID).toBe(id);
    // An encoded slash stays inside the id instead of splitting the path.
    const slashed = await api.get(`/messages/outbound/${encodeURIComponent('a/b')}/details`);
    expect(slashed.body).toMatchObject({
      ErrorCode: 701,
      Message: expect.stringContaining("'a/b'"),
    });
  });
});
