import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiError, isApiError, Server, ServerError } from '../../src/index.js';
import { recordingTransport } from '../../src/testing/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { rejection, reqheaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const server = new Server({ serverToken: TOKEN, retry: { baseDelay: 0 } });
const { streams } = server;

/** A stream as Postmark's reference shows one, with `overrides` laid over it. */
function postmarkStream(overrides: Record<string, unknown> = {}) {
  return {
    ID: 'transactional-dev',
    ServerID: 123457,
    Name: 'My Dev Transactional Stream',
    Description: 'This is my second transactional stream',
    MessageStreamType: 'Transactional',
    CreatedAt: '2020-07-02T00:00:00-04:00',
    UpdatedAt: '2020-07-03T00:00:00-04:00',
    ArchivedAt: null,
    ExpectedPurgeDate: null,
    SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'None' },
    ...overrides,
  };
}

const stream = {
  id: 'transactional-dev',
  serverId: 123457,
  name: 'My Dev Transactional Stream',
  description: 'This is my second transactional stream',
  messageStreamType: 'Transactional',
  createdAt: new Date('2020-07-02T04:00:00Z'),
  updatedAt: new Date('2020-07-03T04:00:00Z'),
  subscriptionManagementConfiguration: { unsubscribeHandlingType: 'None' },
};

/** The pending interceptors, then none: for tests that leave one unused on purpose. */
function unused(): string[] {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  return pending;
}

describe('streams.list()', () => {
  it('sends the filter under Postmark’s names and reads the answer in camelCase with Dates', async () => {
    const scope = nock(API, { reqheaders })
      .get('/message-streams')
      .query({ MessageStreamType: 'Broadcasts', IncludeArchivedStreams: 'true' })
      .reply(200, {
        TotalCount: 2,
        MessageStreams: [
          postmarkStream({ NewField: 'later' }),
          postmarkStream({
            ID: 'old-news',
            MessageStreamType: 'Broadcasts',
            Description: null,
            UpdatedAt: null,
            ArchivedAt: '2024-05-01T10:00:00.1234567-04:00',
            ExpectedPurgeDate: '2024-06-15T10:00:00-04:00',
            SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'Postmark' },
          }),
        ],
      });
    const list = await streams.list({
      messageStreamType: 'Broadcasts',
      includeArchivedStreams: true,
    });
    expect(list).toEqual({
      totalCount: 2,
      messageStreams: [
        { ...stream, newField: 'later' },
        {
          id: 'old-news',
          serverId: 123457,
          name: 'My Dev Transactional Stream',
          messageStreamType: 'Broadcasts',
          createdAt: new Date('2020-07-02T04:00:00Z'),
          archivedAt: new Date('2024-05-01T14:00:00.123Z'),
          expectedPurgeDate: new Date('2024-06-15T14:00:00Z'),
          subscriptionManagementConfiguration: { unsubscribeHandlingType: 'Postmark' },
        },
      ],
    });
    expect(list.messageStreams[1]?.archivedAt).toBeInstanceOf(Date);
    expect('description' in (list.messageStreams[1] ?? {})).toBe(false);
    scope.done();
  });

  it('sends no query without a filter, and takes a null configuration as absent', async () => {
    const scope = nock(API)
      .get('/message-streams')
      .query({})
      .reply(200, {
        TotalCount: 1,
        MessageStreams: [postmarkStream({ SubscriptionManagementConfiguration: null })],
      });
    const [only] = (await streams.list()).messageStreams;
    expect(only?.subscriptionManagementConfiguration).toBeUndefined();
    scope.done();
  });

  it('refuses a bad filter before any request', async () => {
    await expect(streams.list({ messageStreamtype: 'All' } as never)).rejects.toThrow(
      /unknown filter 'messageStreamtype' \(did you mean "messageStreamType"\?\)/,
    );
    await expect(streams.list({ messageStreamType: 'inbound' as never })).rejects.toThrow(
      /'inbound' is not one of All, Transactional, Broadcasts, Inbound \(did you mean "Inbound"\?\)/,
    );
    await expect(streams.list({ includeArchivedStreams: 'yes' as never })).rejects.toThrow(
      TypeError,
    );
    await expect(streams.list({ count: 10 } as never)).rejects.toThrow(/unknown filter 'count'/);
  });

  it('retries a read after a 500', async () => {
    nock(API).get('/message-streams').reply(500, {});
    nock(API).get('/message-streams').reply(503, { ErrorCode: 100, Message: 'Maintenance' });
    nock(API).get('/message-streams').reply(200, { TotalCount: 0, MessageStreams: [] });
    expect(await streams.list()).toEqual({ totalCount: 0, messageStreams: [] });
  });

  it('reports a malformed answer as an ApiError naming the field', async () => {
    nock(API)
      .get('/message-streams')
      .times(3)
      .reply(200, { TotalCount: 1, MessageStreams: [postmarkStream({ CreatedAt: 'yesterday' })] });
    const error = await rejection(streams.list());
    expect(isApiError(error)).toBe(true);
    expect((error as ApiError).message).toMatch(
      /MessageStreams\[0\]\.CreatedAt: expected an ISO 8601 date-time/,
    );
  });
});

describe('one stream', () => {
  it('get() reads GET /message-streams/{id}', async () => {
    const scope = nock(API, { reqheaders })
      .get('/message-streams/transactional-dev')
      .reply(200, postmarkStream());
    expect(await streams.get('transactional-dev')).toEqual(stream);
    scope.done();
  });

  it('create() sends Postmark’s names, leaves the input as it was, and is not retried after a 500', async () => {
    const input = Object.freeze({
      id: 'transactional-dev',
      name: 'My Dev Transactional Stream',
      messageStreamType: 'Transactional' as const,
      description: 'This is my second transactional stream',
      subscriptionManagementConfiguration: Object.freeze({
        unsubscribeHandlingType: 'None' as const,
      }),
    });
    const copy = structuredClone(input);
    const body = {
      ID: 'transactional-dev',
      Name: 'My Dev Transactional Stream',
      MessageStreamType: 'Transactional',
      Description: 'This is my second transactional stream',
      SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'None' },
    };
    const scope = nock(API, { reqheaders })
      .post('/message-streams', body)
      .reply(200, postmarkStream());
    expect(await streams.create(input)).toEqual(stream);
    expect(input).toEqual(copy);
    scope.done();

    nock(API).post('/message-streams').reply(500, { Message: 'oops' });
    nock(API).post('/message-streams').reply(200, postmarkStream());
    expect(await rejection(streams.create(input))).toBeInstanceOf(ServerError);
    expect(unused()).toHaveLength(1); // the second answer was never asked for
  });

  it('edit() sends a PATCH of what changes', async () => {
    const scope = nock(API, { reqheaders })
      .patch('/message-streams/transactional-dev', {
        Name: 'Dev',
        Description: '',
        SubscriptionManagementConfiguration: { UnsubscribeHandlingType: 'Custom' },
      })
      .reply(200, postmarkStream({ Name: 'Dev', Description: '' }));
    const edited = await streams.edit('transactional-dev', {
      name: 'Dev',
      description: '',
      subscriptionManagementConfiguration: { unsubscribeHandlingType: 'Custom' },
    });
    expect(edited).toMatchObject({ name: 'Dev', description: '' });
    scope.done();
  });

  it('archive() and unarchive() POST and read their answers; a 500 is not retried', async () => {
    const scope = nock(API, { reqheaders })
      .post('/message-streams/transactional-dev/archive', {})
      .reply(200, {
        ID: 'transactional-dev',
        ServerID: 123457,
        ExpectedPurgeDate: '2024-06-15T10:00:00-04:00',
      })
      .post('/message-streams/transactional-dev/unarchive', {})
      .reply(200, postmarkStream());
    expect(await streams.archive('transactional-dev')).toEqual({
      id: 'transactional-dev',
      serverId: 123457,
      expectedPurgeDate: new Date('2024-06-15T14:00:00Z'),
    });
    expect(await streams.unarchive('transactional-dev')).toEqual(stream);
    scope.done();

    // The official client types the archive's ID as a number: either reads as the id's text.
    nock(API)
      .post('/message-streams/x1/archive')
      .reply(200, { ID: 7, ServerID: 1, ExpectedPurgeDate: '2024-06-15T10:00:00Z', Extra: true });
    expect(await streams.archive('x1')).toMatchObject({ id: '7', extra: true });

    nock(API).post('/message-streams/x1/archive').reply(500, {});
    nock(API).post('/message-streams/x1/archive').reply(200, {});
    expect(await rejection(streams.archive('x1'))).toBeInstanceOf(ServerError);
    expect(unused()).toHaveLength(1);
  });

  it('passes a not-found answer on as an ApiError', async () => {
    nock(API).get('/message-streams/nope').reply(422, {
      ErrorCode: 1235,
      Message: "The 'MessageStream' provided ('nope') does not exist on this server.",
    });
    expect(await rejection(streams.get('nope'))).toMatchObject({
      name: 'ApiError',
      status: 422,
      errorCode: 1235,
    });
  });
});

describe('what is refused before any request (no interceptor exists)', () => {
  it('a stream id outside Postmark’s rule, named with the rule', async () => {
    for (const id of ['EU', 'a/b', '-start', 'a_b', '', 'x'.repeat(31), 'ü']) {
      await expect(streams.get(id), id).rejects.toThrow(/stream id/);
    }
    await expect(streams.get('EU')).rejects.toThrow(
      "streams.get(): the stream id 'EU' must be lower-case letters, digits and hyphens, starting with a letter or a digit, at most 30 characters",
    );
    await expect(streams.archive(42 as never)).rejects.toThrow(TypeError);
    await expect(streams.edit('a b', {})).rejects.toThrow(RangeError);
    const longest = `0${'-'.repeat(28)}z`;
    nock(API)
      .get(`/message-streams/${longest}`)
      .reply(200, postmarkStream({ ID: longest }));
    expect((await streams.get(longest)).id).toBe(longest);
  });

  it('create(): a missing or unknown field, a bad type or id, an Inbound stream', async () => {
    const good = { id: 'receipts', name: 'Receipts', messageStreamType: 'Transactional' } as const;
    await expect(streams.create({ ...good, Name: 'x' } as never)).rejects.toThrow(
      /unknown field 'Name' \(did you mean "name"\?\)/,
    );
    await expect(
      streams.create({ ...good, messageStreamType: 'Inbound' as never }),
    ).rejects.toThrow(/'Inbound' is not one of Transactional, Broadcasts/);
    await expect(
      streams.create({ ...good, messageStreamType: 'broadcasts' as never }),
    ).rejects.toThrow(/did you mean "Broadcasts"/);
    await expect(streams.create({ ...good, id: 'Receipts' })).rejects.toThrow(
      /streams.create\(\): id 'Receipts' must be lower-case/,
    );
    await expect(streams.create({ id: 'receipts', name: 'Receipts' } as never)).rejects.toThrow(
      'streams.create(): messageStreamType is required',
    );
    await expect(
      streams.create({
        ...good,
        subscriptionManagementConfiguration: { unsubscribeHandlingType: 'Nobody' as never },
      }),
    ).rejects.toThrow(/unsubscribeHandlingType 'Nobody' is not one of None, Postmark, Custom/);
    await expect(
      streams.create({
        ...good,
        subscriptionManagementConfiguration: { unsubscribe: 'None' } as never,
      }),
    ).rejects.toThrow(/unknown field 'unsubscribe'/);
    await expect(streams.create('receipts' as never)).rejects.toThrow(TypeError);
  });

  it('edit(): the id and the type are not changes', async () => {
    await expect(streams.edit('receipts', { id: 'other' } as never)).rejects.toThrow(
      /unknown field 'id'; known fields: name, description, subscriptionManagementConfiguration/,
    );
    await expect(
      streams.edit('receipts', { messageStreamType: 'Broadcasts' } as never),
    ).rejects.toThrow(/unknown field 'messageStreamType'/);
    await expect(streams.edit('receipts', { name: '' })).rejects.toThrow(/name is empty/);
  });

  it('reads own properties only: a polluted prototype adds no field', async () => {
    // Through a recording transport: the real one sends nothing at all while the prototype
    // is polluted (test/transport/pollution.e2e.test.ts).
    const transport = recordingTransport();
    const recorded = new Server({ serverToken: TOKEN, transport });
    const proto = Object.prototype as Record<string, unknown>;
    proto.description = 'polluted';
    try {
      await recorded.streams
        .create({ id: 'receipts', name: 'Receipts', messageStreamType: 'Transactional' })
        .catch(() => undefined); // the recording transport has no stream to answer with
    } finally {
      delete proto.description;
    }
    expect(transport.calls.map((call) => call.body)).toEqual([
      { ID: 'receipts', Name: 'Receipts', MessageStreamType: 'Transactional' },
    ]);
    const inherited = Object.create({ name: 'x' });
    await expect(streams.create(inherited)).rejects.toThrow(/expected an object/);
  });
});

describe('on a Server', () => {
  it('server.streams and server.suppressions are frozen objects of the Server', () => {
    expect(Object.isFrozen(server.streams)).toBe(true);
    expect(Object.isFrozen(server.suppressions)).toBe(true);
    expect(Object.isFrozen(server)).toBe(true);
  });
});
