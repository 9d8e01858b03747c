import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Account } from '../../../src/index.js';
import { recordingTransport } from '../../../src/testing/index.js';
import { TOKEN } from '../../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../../helpers/nock.js';
import { everyView } from '../../helpers/views.js';
import { rejection } from '../helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

describe('new Account()', () => {
  it('checks its options at construction', () => {
    expect(() => new Account({} as never)).toThrow(
      'accountToken is missing: pass { accountToken }, or set POSTMARK_ACCOUNT_TOKEN for fromEnv()',
    );
    expect(() => new Account({ accountToken: TOKEN, serverToken: TOKEN } as never)).toThrow(
      /unknown Account option "serverToken"/,
    );
    expect(() => new Account({ accountToken: 'short' })).toThrow(/too short/);
    expect(() => new Account({ accountToken: TOKEN, baseUrl: 'http://example.com' })).toThrow(
      /http/,
    );
    const account = new Account({ accountToken: TOKEN, timeout: 5000 });
    expect([account.baseUrl, account.timeout, account.retry.limit]).toEqual([
      'https://api.postmarkapp.com',
      5000,
      2,
    ]);
    expect(Object.isFrozen(account)).toBe(true);
  });

  it('reads POSTMARK_ACCOUNT_TOKEN and POSTMARK_BASE_URL in fromEnv(), options winning', async () => {
    const env = { POSTMARK_ACCOUNT_TOKEN: TOKEN, POSTMARK_BASE_URL: 'http://127.0.0.1:9' };
    expect(Account.fromEnv({ env }).baseUrl).toBe('http://127.0.0.1:9');
    expect(Account.fromEnv({ env, baseUrl: API }).baseUrl).toBe(API);
    expect(() => Account.fromEnv({ env: {} })).toThrow(/POSTMARK_ACCOUNT_TOKEN/);
    // The server token is not an account token: fromEnv() does not take it for one.
    expect(() => Account.fromEnv({ env: { POSTMARK_SERVER_TOKEN: TOKEN } })).toThrow(
      /accountToken is missing/,
    );
    nock(API, { reqheaders: { 'x-postmark-account-token': TOKEN } })
      .get('/servers/1')
      .reply(200, { ID: 1, Name: 'S' });
    expect(
      (await Account.fromEnv({ env: { POSTMARK_ACCOUNT_TOKEN: TOKEN } }).servers.get(1)).name,
    ).toBe('S');
  });

  it('sends nothing in POSTMARK_TEST_MODE, and says why a call cannot be answered', async () => {
    const account = Account.fromEnv({ env: { POSTMARK_TEST_MODE: 'true' } });
    await expect(account.servers.get(1)).rejects.toThrow(
      'GET /servers/1: the dry run (POSTMARK_TEST_MODE) answers only the send endpoints; GET /servers/1 was not sent to Postmark',
    );
  });
});

describe('the account token stays private', () => {
  const account = new Account({ accountToken: TOKEN, retry: { baseDelay: 0 } });

  it('in String(), util.inspect, util.format and JSON.stringify of an Account', () => {
    for (const view of everyView(account)) expect(view).not.toContain(TOKEN);
    expect(String(account)).toBe('Account(https://api.postmarkapp.com)');
    expect(JSON.parse(JSON.stringify(account))).toMatchObject({ accountToken: '[redacted]' });
    expect(inspect(account)).toMatch(/^Account \{/);
    expect(inspect({ nested: { account } }, { depth: 10 })).not.toContain(TOKEN);
  });

  it('in construction errors', () => {
    for (const accountToken of [`${TOKEN}\n`, ` ${TOKEN}`]) {
      const error = (() => {
        try {
          return new Account({ accountToken });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TypeError);
      for (const view of everyView(error)) expect(view).not.toContain(TOKEN);
    }
  });

  it('in errors of answers that echo it, and in what a recording transport keeps', async () => {
    const transport = recordingTransport()
      .failCall(0, {
        status: 422,
        body: { ErrorCode: 511, Message: `bad token ${TOKEN.toUpperCase()}` },
      })
      .failCall(1, 'connection-reset');
    const recorded = new Account({ accountToken: TOKEN, transport, retry: { baseDelay: 0 } });
    const errors = [
      await rejection(recorded.domains.create({ name: 'example.com' })),
      await rejection(recorded.domains.create({ name: 'example.com' })),
    ];
    expect(errors.map((e) => (e as Error).name)).toEqual(['ApiError', 'NetworkError']);
    for (const error of errors) {
      for (const view of everyView(error)) expect(view.toLowerCase()).not.toContain(TOKEN);
    }
    expect(transport.calls[0]?.headers['x-postmark-account-token']).toBe('[redacted]');
    expect(transport.calls[0]?.headers).not.toHaveProperty('x-postmark-server-token');
    expect(inspect(transport.calls, { depth: 10 })).not.toContain(TOKEN);
  });
});
