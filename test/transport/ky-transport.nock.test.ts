import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNetworkError, isTimeoutError } from '../../src/index.js';
import { kyTransport } from '../../src/transport/ky-transport.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';

const headers = {
  'X-Postmark-Server-Token': TOKEN,
  Accept: 'application/json',
  'Content-Type': 'application/json',
  'User-Agent': 'postmark-fluent/0.1.0',
};

beforeEach(isolateNetwork);
afterEach(resetNock);

describe('kyTransport over nock', () => {
  const transport = kyTransport({ baseUrl: `${API}/` });

  it('puts every header on the wire and the body as given', async () => {
    const scope = nock(API, { reqheaders: headers })
      .post('/email', (body) => body.To === 'ada@example.com')
      .reply(200, { ErrorCode: 0 }, { 'X-Extra': 'yes' });
    const answer = await transport.request({
      method: 'POST',
      path: '/email',
      headers,
      body: '{"To":"ada@example.com"}',
      timeout: 5000,
    });
    expect(answer).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json', 'x-extra': 'yes' }),
      body: '{"ErrorCode":0}',
    });
    scope.done();
  });

  it('encodes the query and leaves out undefined values', async () => {
    nock(API)
      .get('/bounces')
      .query({ count: '10', offset: '0', emailFilter: 'a+b@example.com', inactive: 'true' })
      .reply(200, {});
    const answer = await transport.request({
      method: 'GET',
      path: '/bounces',
      query: {
        count: 10,
        offset: 0,
        emailFilter: 'a+b@example.com',
        inactive: true,
        tag: undefined,
      },
      headers,
    });
    expect(answer.status).toBe(200);
  });

  it('resolves with error statuses and keeps non-JSON bodies as text', async () => {
    nock(API)
      .post('/email')
      .reply(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html', 'Retry-After': '3' });
    const answer = await transport.request({ method: 'POST', path: '/email', headers, body: '{}' });
    expect(answer).toMatchObject({
      status: 502,
      body: '<html>Bad Gateway</html>',
      headers: { 'retry-after': '3' },
    });
  });

  it('a connection nock refuses is a NetworkError', async () => {
    const error = await transport
      .request({ method: 'POST', path: '/email', headers, body: '{}' })
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(isTimeoutError(error)).toBe(false);
  });

  it('rejects with the abort reason when the signal is already aborted', async () => {
    const reason = new Error('stop');
    const error = await transport
      .request({
        method: 'POST',
        path: '/email',
        headers,
        body: '{}',
        signal: AbortSignal.abort(reason),
      })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
  });
});
