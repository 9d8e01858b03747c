import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { WebhookStore, webhooksFor } from '../../src/sandbox/webhooks.js';
import { client, expectRefusals, type Refusal } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ messageStreams: ['eu-outbound'] });
  api = client(sandbox);
});
afterAll(() => sandbox.close());

const put = (path: string, json: unknown) => api.call('PUT', path, JSON.stringify(json));
const remove = (path: string) => api.call('DELETE', path);

const OFF = {
  Open: { Enabled: false, PostFirstOpenOnly: false },
  Click: { Enabled: false },
  Delivery: { Enabled: false },
  Bounce: { Enabled: false, IncludeContent: false },
  SpamComplaint: { Enabled: false, IncludeContent: false },
  SubscriptionChange: { Enabled: false },
};

// Each test starts from no webhooks: ids keep counting, the list is emptied.
beforeEach(async () => {
  for (const webhook of (await api.get('/webhooks')).body.Webhooks)
    await remove(`/webhooks/${webhook.ID}`);
});

describe('POST /webhooks', () => {
  it('stores a webhook with every trigger (off unless turned on), on outbound by default', async () => {
    const created = await api.post('/webhooks', {
      Url: 'https://example.com/hooks',
      HttpAuth: { Username: 'postmark', Password: 's3cret' },
      HttpHeaders: [{ Name: 'X-Token', Value: 'abc' }],
      Triggers: { Delivery: { Enabled: true }, Open: { Enabled: true, PostFirstOpenOnly: true } },
      Unknown: 'ignored, as Postmark ignores it',
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      ID: expect.any(Number),
      Url: 'https://example.com/hooks',
      MessageStream: 'outbound',
      HttpAuth: { Username: 'postmark', Password: 's3cret' },
      HttpHeaders: [{ Name: 'X-Token', Value: 'abc' }],
      Triggers: {
        ...OFF,
        Delivery: { Enabled: true },
        Open: { Enabled: true, PostFirstOpenOnly: true },
      },
    });
    const again = await api.post('/webhooks', { Url: 'http://example.com/2', MessageStream: null });
    expect(again.body).toMatchObject({ ID: created.body.ID + 1, HttpAuth: null, HttpHeaders: [] });
    expect(again.body.Triggers).toEqual(OFF);
  });

  it('refuses what Postmark refuses, with the Webhooks API’s codes', async () => {
    const cases: Refusal[] = [
      [{}, 1354, /valid 'Url'/],
      [{ Url: 'ftp://example.com' }, 1354, /must be an http: or https: URL/],
      [{ Url: 'not a url' }, 1354, /is not an absolute URL/],
      [{ Url: 'https://x.example', MessageStream: 'nope' }, 1235, /'nope'/],
      [{ Url: 'https://x.example', MessageStream: 'inbound' }, 1351, /inbound stream/],
      [{ Url: 'https://x.example', HttpHeaders: [{ Name: 'X Bad', Value: 'a' }] }, 1358, /Name/],
      [{ Url: 'https://x.example', HttpHeaders: [{ Name: 'X', Value: 'a\r\nb' }] }, 1361, /Value/],
      [{ Url: 'https://x.example', HttpHeaders: {} }, 1361, /array/],
      [{ Url: 'https://x.example', HttpAuth: { Username: 'a' } }, 1361, /Password/],
      [{ Url: 'https://x.example', Triggers: { Bounce: { Enabled: 'yes' } } }, 1361, /Bounce/],
      [{ Url: 'https://x.example', Triggers: [] }, 1361, /Triggers/],
      [[], 1355, /body/],
    ];
    await expectRefusals(api, '/webhooks', cases);
    const secret = await api.post('/webhooks', {
      Url: 'https://x.example',
      HttpAuth: { Username: 'u', Password: 'hunter2\n' },
    });
    expect(secret.body.ErrorCode).toBe(1361);
    expect(secret.body.Message).not.toContain('hunter2');
    expect((await api.get('/webhooks')).body.Webhooks).toEqual([]);
  });

  it('takes a stream given at start; the test token stores nothing', async () => {
    const eu = await api.post('/webhooks', {
      Url: 'https://x.example',
      MessageStream: 'eu-outbound',
    });
    expect(eu.body.MessageStream).toBe('eu-outbound');
    const test = await api.post(
      '/webhooks',
      { Url: 'https://x.example' },
      { token: 'POSTMARK_API_TEST' },
    );
    expect(test.status).toBe(200);
    expect((await api.get('/webhooks')).body.Webhooks.map((w: { ID: number }) => w.ID)).toEqual([
      eu.body.ID,
    ]);
  });
});

describe('GET, PUT and DELETE /webhooks/{id}', () => {
  it('lists by stream, gets one, edits it trigger by trigger, deletes it', async () => {
    const { body: first } = await api.post('/webhooks', {
      Url: 'https://example.com/a',
      Triggers: { Bounce: { Enabled: true, IncludeContent: true } },
    });
    await api.post('/webhooks', { Url: 'https://example.com/b', MessageStream: 'broadcast' });

    expect((await api.get('/webhooks?MessageStream=outbound')).body.Webhooks).toEqual([first]);
    expect((await api.get('/webhooks')).body.Webhooks).toHaveLength(2);
    expect((await api.get('/WEBHOOKS/?messagestream=broadcast')).body.Webhooks).toHaveLength(1);
    const unknown = await api.get('/webhooks?MessageStream=nope');
    expect([unknown.status, unknown.body.ErrorCode]).toEqual([422, 1235]);
    expect((await api.get(`/webhooks/${first.ID}`)).body).toEqual(first);

    const edited = await put(`/webhooks/${first.ID}`, {
      Url: 'https://example.com/a2',
      Triggers: { Bounce: { IncludeContent: false }, Click: { Enabled: true } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      ID: first.ID,
      Url: 'https://example.com/a2',
      MessageStream: 'outbound',
      Triggers: {
        Bounce: { Enabled: true, IncludeContent: false },
        Click: { Enabled: true },
        Delivery: { Enabled: false },
      },
    });
    const moved = await put(`/webhooks/${first.ID}`, { MessageStream: 'broadcast' });
    expect([moved.status, moved.body.ErrorCode]).toEqual([422, 1357]);
    const same = await put(`/webhooks/${first.ID}`, { MessageStream: 'outbound' });
    expect(same.status).toBe(200);

    const deleted = await remove(`/webhooks/${first.ID}`);
    expect(deleted.body).toEqual({ ErrorCode: 0, Message: `Webhook ${first.ID} removed.` });
    for (const answer of [
      await api.get(`/webhooks/${first.ID}`),
      await put(`/webhooks/${first.ID}`, { Url: 'https://x.example' }),
      await remove(`/webhooks/${first.ID}`),
      await api.get('/webhooks/abc'),
    ]) {
      expect([answer.status, answer.body.ErrorCode]).toEqual([422, 1352]);
    }
  });

  it('webhooksFor() lists the enabled webhooks of a stream and trigger, for firing them', () => {
    // The store behind the routes, as a later firing step reads it.
    const store = new WebhookStore();
    const has = (id: string) => id === 'outbound' || id === 'broadcast';
    const a = store.create(
      { Url: 'https://a.example', Triggers: { Delivery: { Enabled: true } } },
      has,
    );
    store.create({ Url: 'https://b.example', Triggers: { Bounce: { Enabled: true } } }, has);
    store.create(
      {
        Url: 'https://c.example',
        MessageStream: 'broadcast',
        Triggers: { Delivery: { Enabled: true } },
      },
      has,
    );
    expect(webhooksFor(store, 'outbound', 'Delivery')).toEqual([a]);
    expect(webhooksFor(store, 'outbound', 'Open')).toEqual([]);
    expect(webhooksFor(store, 'broadcast', 'Delivery').map((w) => w.Url)).toEqual([
      'https://c.example',
    ]);
    expect(Object.isFrozen(a.Triggers.Delivery)).toBe(true);
  });
});
