import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ARCHIVED_STREAM_RETENTION_DAYS,
  ENTITY_WORDING,
  ERROR_CODES,
  inactiveRecipientsMessage,
  MAX_SUPPRESSIONS_PER_REQUEST,
  SUPPRESSION_WORDING,
  TEST_TOKEN,
} from '../../src/postmark/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 60_000, messageStreams: ['eu-outbound'] });
  api = client(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const patch = (path: string, json: unknown, token?: string) =>
  api.call('PATCH', path, JSON.stringify(json), token === undefined ? {} : { token });
const send = (overrides: Record<string, unknown> = {}) => api.post('/email', message(overrides));
const ids = (body: { MessageStreams: { ID: string }[] }) => body.MessageStreams.map((s) => s.ID);
let counter = 0;
/** A stream id no other test uses. */
const fresh = (prefix = 'stream') => `${prefix}-${++counter}`;

describe('message streams', () => {
  it('starts with Postmark’s three default streams and the messageStreams option', async () => {
    const list = await api.get('/message-streams');
    expect(list.status).toBe(200);
    expect(ids(list.body).slice(0, 4)).toEqual(['outbound', 'inbound', 'broadcast', 'eu-outbound']);
    expect(list.body.TotalCount).toBe(list.body.MessageStreams.length);
    const [outbound] = list.body.MessageStreams;
    expect(outbound).toEqual({
      ID: 'outbound',
      ServerID: 1,
      Name: 'Default Transactional Stream',
      Description: null,
      MessageStreamType: 'Transactional',
      CreatedAt: expect.any(String),
      UpdatedAt: null,
      ArchivedAt: null,
      ExpectedPurgeDate: null,
      SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'None' },
    });
    expect((await api.get('/message-streams/broadcast')).body).toMatchObject({
      MessageStreamType: 'Broadcasts',
      SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'Postmark' },
    });

    const inbound = await api.get('/message-streams?MessageStreamType=Inbound');
    expect(ids(inbound.body)).toEqual(['inbound']);
    const bad = await api.get('/message-streams?MessageStreamType=Outbound');
    expect(bad.status).toBe(422);
    expect(bad.body.ErrorCode).toBe(ERROR_CODES.invalidRequest);
  });

  it('creates a stream, refusing a taken or bad id, an Inbound or unknown type, a bad field', async () => {
    const id = fresh('receipts');
    const created = await api.post('/message-streams', {
      ID: id,
      Name: 'Receipts',
      MessageStreamType: 'Transactional',
      Description: 'Order receipts',
      SubscriptionManagementConfiguration: null,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      ID: id,
      Name: 'Receipts',
      Description: 'Order receipts',
      MessageStreamType: 'Transactional',
      ArchivedAt: null,
    });
    expect((await api.get(`/message-streams/${id}`)).body).toEqual(created.body);

    const refused = async (json: Record<string, unknown>) => {
      const answer = await api.post('/message-streams', json);
      expect(answer.status).toBe(422);
      return answer.body;
    };
    const valid = { ID: fresh(), Name: 'N', MessageStreamType: 'Broadcasts' };
    expect((await refused({ ...valid, ID: id })).ErrorCode).toBe(ERROR_CODES.streamIdTaken);
    expect((await refused({ ...valid, ID: 'outbound' })).ErrorCode).toBe(ERROR_CODES.streamIdTaken);
    for (const bad of ['Upper', '-dash', 'a_b', 'x'.repeat(31), '', 42, undefined]) {
      expect((await refused({ ...valid, ID: bad })).ErrorCode, String(bad)).toBe(
        ERROR_CODES.invalidStreamId,
      );
    }
    expect((await refused({ ...valid, MessageStreamType: 'Inbound' })).ErrorCode).toBe(
      ERROR_CODES.streamTypeNotCreatable,
    );
    expect((await refused({ ...valid, MessageStreamType: 'Bulk' })).ErrorCode).toBe(
      ERROR_CODES.streamTypeNotCreatable,
    );
    expect((await refused({ ...valid, Name: undefined })).ErrorCode).toBe(300);
    expect((await refused({ ...valid, Name: '  ' })).ErrorCode).toBe(300);
    expect(
      (
        await refused({
          ...valid,
          SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'Never' },
        })
      ).ErrorCode,
    ).toBe(300);
    expect((await api.post('/message-streams', [])).body.ErrorCode).toBe(300);
    expect((await api.get(`/message-streams/${valid.ID}`)).status).toBe(422); // none was made
  });

  it('answers 1235 for an unknown stream, with Postmark’s wording', async () => {
    for (const answer of [
      await api.get('/message-streams/nope'),
      await patch('/message-streams/nope', { Name: 'x' }),
      await api.post('/message-streams/nope/archive', {}),
      await api.get('/message-streams/nope/suppressions/dump'),
      await api.post('/message-streams/nope/suppressions', { Suppressions: [] }),
    ]) {
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        ErrorCode: ERROR_CODES.streamNotFound,
        Message: ENTITY_WORDING.streamNotFound('nope'),
      });
    }
  });

  it('edits a stream by PATCH; null leaves a field as it was', async () => {
    const id = fresh();
    await api.post('/message-streams', { ID: id, Name: 'Old', MessageStreamType: 'Broadcasts' });
    const edited = await patch(`/message-streams/${id}`, {
      Name: 'New',
      Description: null,
      SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'Custom' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      Name: 'New',
      Description: null,
      MessageStreamType: 'Broadcasts',
      UpdatedAt: expect.any(String),
      SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'Custom' },
    });
    expect((await patch(`/message-streams/${id}`, { Name: 7 })).body.ErrorCode).toBe(300);
    expect((await api.get(`/message-streams/${id}`)).body.Name).toBe('New');
  });

  it('a send goes to a created stream; an archived one refuses it until unarchived', async () => {
    const id = fresh('news');
    await api.post('/message-streams', { ID: id, Name: 'News', MessageStreamType: 'Broadcasts' });
    const sent = await send({ MessageStream: id });
    expect(sent.status).toBe(200);
    expect(sandbox.messages().at(-1)).toMatchObject({
      MessageID: sent.body.MessageID,
      MessageStream: id,
    });

    const before = Date.now();
    const archived = await api.post(`/message-streams/${id}/archive`, {});
    expect(archived.status).toBe(200);
    const purge = Date.parse(archived.body.ExpectedPurgeDate);
    const days = ARCHIVED_STREAM_RETENTION_DAYS * 24 * 3600 * 1000;
    expect(purge - before).toBeGreaterThanOrEqual(days);
    expect(purge - Date.now()).toBeLessThanOrEqual(days);
    expect(archived.body).toEqual({ ID: id, ServerID: 1, ExpectedPurgeDate: expect.any(String) });
    const stream = (await api.get(`/message-streams/${id}`)).body;
    expect(stream.ArchivedAt).toEqual(expect.any(String));
    expect(stream.ExpectedPurgeDate).toBe(archived.body.ExpectedPurgeDate);
    expect(ids((await api.get('/message-streams')).body)).not.toContain(id);
    expect(ids((await api.get('/message-streams?includearchivedstreams=true')).body)).toContain(id);
    // Archived again, it keeps its date.
    expect((await api.post(`/message-streams/${id}/archive`, {})).body).toEqual(archived.body);

    const refused = await send({ MessageStream: id });
    expect(refused.status).toBe(422);
    expect(refused.body.ErrorCode).toBe(ERROR_CODES.streamArchived);
    expect(refused.body.Message).toContain(id);
    const batch = await api.post('/email/batch', [message({ MessageStream: id }), message()]);
    expect(batch.body.map((result: { ErrorCode: number }) => result.ErrorCode)).toEqual([
      ERROR_CODES.streamArchived,
      0,
    ]);

    const back = await api.post(`/message-streams/${id}/unarchive`, {});
    expect(back.body).toMatchObject({ ID: id, ArchivedAt: null, ExpectedPurgeDate: null });
    expect((await send({ MessageStream: id })).status).toBe(200);
  });

  it('refuses a send through the inbound stream, or an unknown one', async () => {
    const inbound = await send({ MessageStream: 'inbound' });
    expect(inbound.status).toBe(422);
    expect(inbound.body.ErrorCode).toBe(ERROR_CODES.streamNotForSending);
    const unknown = await send({ MessageStream: 'nowhere' });
    expect(unknown.body).toEqual({
      ErrorCode: ERROR_CODES.streamNotFound,
      Message: ENTITY_WORDING.streamNotFound('nowhere'),
    });
    expect((await send({ MessageStream: 'eu-outbound' })).status).toBe(200);
  });

  it('the test token validates stream changes against what exists, and keeps none', async () => {
    const id = fresh('trial');
    const made = await api.post(
      '/message-streams',
      { ID: id, Name: 'Trial', MessageStreamType: 'Transactional' },
      { token: TEST_TOKEN },
    );
    expect(made.status).toBe(200);
    expect((await api.get(`/message-streams/${id}`)).status).toBe(422);

    const real = fresh('real');
    await api.post('/message-streams', {
      ID: real,
      Name: 'Real',
      MessageStreamType: 'Transactional',
    });
    const options = { token: TEST_TOKEN };
    expect(
      (
        await api.post(
          '/message-streams',
          { ID: real, Name: 'x', MessageStreamType: 'Transactional' },
          options,
        )
      ).body.ErrorCode,
    ).toBe(ERROR_CODES.streamIdTaken);
    expect((await api.post(`/message-streams/${real}/archive`, {}, options)).status).toBe(200);
    expect((await api.get(`/message-streams/${real}`)).body.ArchivedAt).toBeNull();
    expect((await api.post('/email', message({ MessageStream: real }), options)).status).toBe(200);
  });

  it('refuses a messageStreams option outside Postmark’s id rule', async () => {
    await expect(startSandbox({ messageStreams: ['EU'] })).rejects.toThrow(
      /messageStreams: 'EU' must be lower-case letters/,
    );
    await expect(startSandbox({ messageStreams: 'eu' as never })).rejects.toThrow(TypeError);
  });
});

describe('suppressions', () => {
  const dump = async (stream = 'outbound', query = '') =>
    (await api.get(`/message-streams/${stream}/suppressions/dump${query}`)).body.Suppressions;
  const suppress = (emails: unknown[], stream = 'outbound', token?: string) =>
    api.post(
      `/message-streams/${stream}/suppressions`,
      { Suppressions: emails.map((EmailAddress) => ({ EmailAddress })) },
      token === undefined ? {} : { token },
    );
  const unsuppress = (emails: unknown[], stream = 'outbound') =>
    api.post(`/message-streams/${stream}/suppressions/delete`, {
      Suppressions: emails.map((EmailAddress) => ({ EmailAddress })),
    });

  it('a manual suppression refuses sends with 406 on its stream only, until deleted', async () => {
    const added = await suppress(['ada@example.com', 'not an address']);
    expect(added.status).toBe(200);
    expect(added.body.Suppressions).toEqual([
      { EmailAddress: 'ada@example.com', Status: 'Suppressed', Message: null },
      {
        EmailAddress: 'not an address',
        Status: 'Failed',
        Message: SUPPRESSION_WORDING.invalidAddress,
      },
    ]);
    expect(await dump()).toEqual([
      {
        EmailAddress: 'ada@example.com',
        SuppressionReason: 'ManualSuppression',
        Origin: 'Customer',
        CreatedAt: expect.any(String),
      },
    ]);
    expect(await dump('eu-outbound')).toEqual([]);

    const refused = await send({ To: 'bob@example.com', Cc: 'ADA@example.com' });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      ErrorCode: ERROR_CODES.inactiveRecipient,
      Message: inactiveRecipientsMessage(['ADA@example.com']),
    });
    expect((await send({ MessageStream: 'eu-outbound' })).status).toBe(200);

    expect((await unsuppress(['Ada@example.com'])).body.Suppressions).toEqual([
      { EmailAddress: 'Ada@example.com', Status: 'Deleted', Message: null },
    ]);
    expect(await dump()).toEqual([]);
    expect((await send()).status).toBe(200);
  });

  it('filters the dump by reason, origin, address and date', async () => {
    await suppress(['a@example.com', 'b@example.com']);
    const today = new Date().toISOString().slice(0, 10);
    const addressesOf = async (query: string) =>
      (await dump('outbound', query))
        .map((entry: { EmailAddress: string }) => entry.EmailAddress)
        .sort();
    expect(await addressesOf('?SuppressionReason=ManualSuppression')).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
    expect(await addressesOf('?SuppressionReason=HardBounce')).toEqual([]);
    expect(await addressesOf('?Origin=customer')).toEqual(['a@example.com', 'b@example.com']);
    expect(await addressesOf('?Origin=Recipient')).toEqual([]);
    expect(await addressesOf('?EmailAddress=B@example.com')).toEqual(['b@example.com']);
    expect(await addressesOf('?todate=2000-01-01')).toEqual([]);
    expect(await addressesOf(`?fromdate=2000-01-01&todate=${today}`)).toHaveLength(2);
    const bad = await api.get('/message-streams/outbound/suppressions/dump?Origin=Robot');
    expect(bad.status).toBe(422);
    expect(bad.body.ErrorCode).toBe(ERROR_CODES.invalidRequest);
  });

  it(`takes at most ${MAX_SUPPRESSIONS_PER_REQUEST} addresses a request`, async () => {
    const emails = (count: number) => Array.from({ length: count }, (_, i) => `u${i}@example.com`);
    expect((await suppress(emails(MAX_SUPPRESSIONS_PER_REQUEST))).status).toBe(200);
    const over = await suppress(emails(MAX_SUPPRESSIONS_PER_REQUEST + 1));
    expect(over.status).toBe(422);
    expect(over.body.ErrorCode).toBe(ERROR_CODES.invalidRequest);
    expect(over.body.Message).toContain(String(MAX_SUPPRESSIONS_PER_REQUEST));
    expect(
      (await api.post('/message-streams/outbound/suppressions', { Suppressions: 'a' })).body
        .ErrorCode,
    ).toBe(ERROR_CODES.incompatibleJson);
  });

  it('an inactive bounce is a suppression; deleting a HardBounce one reactivates the address', async () => {
    const to = 'hardbounce+s@bounce-testing.postmarkapp.com';
    expect((await send({ To: to })).status).toBe(200);
    sandbox.flushEvents();
    expect(await dump()).toEqual([
      {
        EmailAddress: to,
        SuppressionReason: 'HardBounce',
        Origin: 'Recipient',
        CreatedAt: expect.any(String),
      },
    ]);
    expect((await send({ To: to })).body.ErrorCode).toBe(ERROR_CODES.inactiveRecipient);
    // Suppressing it by hand changes nothing: it has one entry.
    expect((await suppress([to])).body.Suppressions[0].Status).toBe('Suppressed');
    expect(await dump()).toHaveLength(1);

    expect((await unsuppress([to])).body.Suppressions[0].Status).toBe('Deleted');
    expect(sandbox.bounces().at(-1)).toMatchObject({ Email: to, Inactive: false });
    expect(await dump()).toEqual([]);
    expect((await send({ To: to })).status).toBe(200);
  });

  it('a spam complaint is a SpamComplaint suppression that cannot be deleted', async () => {
    const to = 'spamcomplaint+s@bounce-testing.postmarkapp.com';
    await send({ To: to });
    sandbox.flushEvents();
    expect(await dump('outbound', '?SuppressionReason=SpamComplaint')).toEqual([
      {
        EmailAddress: to,
        SuppressionReason: 'SpamComplaint',
        Origin: 'Recipient',
        CreatedAt: expect.any(String),
      },
    ]);
    expect((await unsuppress([to, 'x@example.com'])).body.Suppressions).toEqual([
      { EmailAddress: to, Status: 'Failed', Message: SUPPRESSION_WORDING.notAllowed },
      { EmailAddress: 'x@example.com', Status: 'Deleted', Message: null },
    ]);
    expect(await dump()).toHaveLength(1);
    expect((await send({ To: to })).body.ErrorCode).toBe(ERROR_CODES.inactiveRecipient);
  });

  it('the test token sees no suppressions and keeps none; reset() forgets them', async () => {
    expect(
      (await suppress(['t@example.com'], 'outbound', TEST_TOKEN)).body.Suppressions[0].Status,
    ).toBe('Suppressed');
    expect(await dump()).toEqual([]);
    await suppress(['r@example.com']);
    const seen = await api.get('/message-streams/outbound/suppressions/dump', {
      token: TEST_TOKEN,
    });
    expect(seen.body.Suppressions).toEqual([]);
    expect(await dump()).toHaveLength(1);
    sandbox.reset();
    expect(await dump()).toEqual([]);
  });
});
