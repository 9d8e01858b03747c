import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInvalidTokenError } from '../../../src/index.js';
import nock, { API, isolateNetwork, resetNock } from '../../helpers/nock.js';
import { rejection } from '../helpers.js';
import { account, accountHeaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

// As the real API answers: nulls where a value is absent, fields the SDK does not know yet.
function postmarkServer(overrides: Record<string, unknown> = {}) {
  return {
    ID: 1,
    Name: 'Staging',
    ApiTokens: ['fe8b3b2e-1d0a-4d3e-9a4e-9b1c2f3a4b5c'],
    Color: 'yellow',
    SmtpApiActivated: true,
    RawEmailEnabled: false,
    DeliveryType: 'Live',
    ServerLink: 'https://account.postmarkapp.com/servers/1/streams',
    InboundAddress: 'yourhash@inbound.postmarkapp.com',
    InboundHookUrl: null,
    BounceHookUrl: 'https://hooks.example.com/bounce',
    OpenHookUrl: null,
    DeliveryHookUrl: null,
    PostFirstOpenOnly: false,
    InboundDomain: '',
    InboundHash: 'yourhash',
    InboundSpamThreshold: 5,
    TrackOpens: false,
    TrackLinks: 'None',
    IncludeBounceContentInHook: true,
    ClickHookUrl: null,
    EnableSmtpApiErrorHooks: false,
    SomethingNew: { Deep: 1 },
    ...overrides,
  };
}

describe('account.servers', () => {
  it('reads a server in camelCase, leaving out nulls and keeping new fields', async () => {
    nock(API, { reqheaders: accountHeaders }).get('/servers/1').reply(200, postmarkServer());
    const server = await account().servers.get(1);
    expect(server).toMatchObject({
      id: 1,
      name: 'Staging',
      apiTokens: ['fe8b3b2e-1d0a-4d3e-9a4e-9b1c2f3a4b5c'],
      deliveryType: 'Live',
      bounceHookUrl: 'https://hooks.example.com/bounce',
      inboundSpamThreshold: 5,
      somethingNew: { deep: 1 },
    });
    expect(server).not.toHaveProperty('openHookUrl');
    expect(Object.isFrozen(server)).toBe(true);
  });

  it('lists a page filtered by name, and every page with all()', async () => {
    nock(API, { reqheaders: accountHeaders })
      .get('/servers')
      .query({ count: 100, offset: 0, name: 'Stag' })
      .reply(200, { TotalCount: 1, Servers: [postmarkServer()] });
    const list = await account().servers.list({ name: 'Stag' });
    expect(list.totalCount).toBe(1);
    expect(list.servers[0]?.name).toBe('Staging');

    nock(API)
      .get('/servers')
      .query({ count: 2, offset: 0 })
      .reply(200, { TotalCount: 3, Servers: [postmarkServer(), postmarkServer({ ID: 2 })] })
      .get('/servers')
      .query({ count: 2, offset: 2 })
      .reply(200, { TotalCount: 3, Servers: [postmarkServer({ ID: 3 })] });
    const ids: number[] = [];
    for await (const server of account().servers.all({ count: 2 })) ids.push(server.id);
    expect(ids).toEqual([1, 2, 3]);
  });

  it('creates, edits and deletes, sending Postmark names', async () => {
    nock(API, { reqheaders: accountHeaders })
      .post('/servers', {
        Name: 'Staging',
        Color: 'yellow',
        TrackOpens: true,
        DeliveryType: 'Sandbox',
      })
      .reply(200, postmarkServer({ DeliveryType: 'Sandbox' }))
      .put('/servers/1', { Name: 'Production', BounceHookUrl: '' })
      .reply(200, postmarkServer({ Name: 'Production' }))
      .delete('/servers/1')
      .reply(200, { ErrorCode: 0, Message: 'Server Production removed.' })
      .delete('/servers/2')
      .reply(200, '');
    const servers = account().servers;
    const created = await servers.create({
      name: 'Staging',
      color: 'Yellow',
      trackOpens: true,
      deliveryType: 'Sandbox',
    });
    expect(created.deliveryType).toBe('Sandbox');
    expect((await servers.edit(1, { name: 'Production', bounceHookUrl: '' })).name).toBe(
      'Production',
    );
    expect(await servers.delete(1)).toEqual({ message: 'Server Production removed.' });
    // Postmark's reference shows no body for a deletion: that is a deletion too.
    expect(await servers.delete(2)).toEqual({ message: '' });
  });

  it('checks every input before any request', async () => {
    const servers = account().servers;
    await expect(servers.create({} as never)).rejects.toThrow('servers.create(): name is required');
    await expect(servers.create({ name: 'x', colour: 'red' } as never)).rejects.toThrow(
      /unknown field 'colour' \(did you mean "color"\?\)/,
    );
    await expect(servers.create({ name: 'x', deliveryType: 'Test' as never })).rejects.toThrow(
      /deliveryType 'Test' is not one of Live, Sandbox/,
    );
    await expect(servers.edit(1, { inboundSpamThreshold: 31 })).rejects.toThrow(RangeError);
    await expect(servers.get('1' as never)).rejects.toThrow(
      'servers.get(): the id must be a number',
    );
    await expect(servers.delete(-1)).rejects.toThrow(RangeError);
    await expect(servers.list({ name: '' })).rejects.toThrow(/name is empty/);
    expect(() => servers.all({ count: 501 })).toThrow(/count must be a whole number from 1 to 500/);
  });

  it('says that an account token is needed when Postmark refuses the token', async () => {
    nock(API).get('/servers/1').reply(401, {
      ErrorCode: 10,
      Message:
        'The Account Token you provided in the X-Postmark-Account-Token request header was invalid.',
    });
    const error = await rejection(account().servers.get(1));
    expect(isInvalidTokenError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /GET \/servers\/1: Postmark answered 401, ErrorCode 10: .*; this endpoint needs an account token \(X-Postmark-Account-Token/,
    );
  });

  it('never repeats a create that may have been carried out, and retries a read', async () => {
    nock(API)
      .post('/servers')
      .reply(500)
      .get('/servers/1')
      .reply(500)
      .get('/servers/1')
      .reply(200, postmarkServer());
    await expect(account().servers.create({ name: 'Once' })).rejects.toThrow(/500/);
    expect((await account().servers.get(1)).id).toBe(1);
  });
});
