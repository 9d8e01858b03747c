import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ token: 'secret-token', eventDelayMs: 5 });
  api = client(sandbox);
});
afterAll(() => sandbox.close());

describe('authentication', () => {
  it('answers 401 with ErrorCode 10 when the token is missing', async () => {
    const response = await api.post('/email', message(), { token: null });
    expect(response.status).toBe(401);
    expect(response.body.ErrorCode).toBe(10);
    expect(typeof response.body.Message).toBe('string');
  });

  it('answers 401 with ErrorCode 10 when the token is wrong', async () => {
    const response = await api.post('/email', message(), { token: 'not-the-token' });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ ErrorCode: 10 });
  });

  it('checks the token on reads too', async () => {
    expect((await api.get('/deliverystats', { token: 'nope' })).status).toBe(401);
    expect((await api.get('/deliverystats')).status).toBe(200);
  });

  it('accepts the token in any case, as Postmark says header values are case-insensitive', async () => {
    const response = await api.post('/email', message(), { token: 'SECRET-TOKEN' });
    expect(response.status).toBe(200);
  });

  it('validates and answers with POSTMARK_API_TEST but stores nothing', async () => {
    const before = sandbox.messages().length;
    const accepted = await api.post('/email', message({ To: 'test-token@example.com' }), {
      token: 'POSTMARK_API_TEST',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ ErrorCode: 0, To: 'test-token@example.com' });
    expect(accepted.body.MessageID).toMatch(/^[0-9a-f-]{36}$/);
    const rejected = await api.post('/email', message({ From: '' }), {
      token: 'POSTMARK_API_TEST',
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body.ErrorCode).toBe(300);
    const bouncing = await api.post(
      '/email',
      message({ To: 'hardbounce@bounce-testing.postmarkapp.com' }),
      {
        token: 'POSTMARK_API_TEST',
      },
    );
    expect(bouncing.status).toBe(200);
    sandbox.flushEvents();
    expect(sandbox.bounces()).toEqual([]);
    expect(sandbox.messages().length).toBe(before);
    const details = await api.get(`/messages/outbound/${accepted.body.MessageID}/details`);
    expect(details.body.ErrorCode).toBe(701);
  });
});

describe('JSON headers and body', () => {
  it('answers ErrorCode 409 in a 422 without Accept: application/json', async () => {
    const response = await api.post('/email', message(), { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(409);
  });

  it('answers ErrorCode 409 without Content-Type: application/json on a POST', async () => {
    const response = await api.post('/email', message(), {
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(409);
  });

  it('takes JSON media types with parameters', async () => {
    const response = await api.post('/email', message(), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'text/plain, application/json;q=0.9',
      },
    });
    expect(response.status).toBe(200);
  });

  it('answers 422 with ErrorCode 402 for invalid JSON', async () => {
    const response = await api.postRaw('/email', '{"From": "a@example.com",');
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(402);
  });

  it('answers 422 with ErrorCode 403 for JSON of the wrong shape', async () => {
    expect((await api.post('/email', [message()])).body.ErrorCode).toBe(403);
    expect((await api.post('/email', message({ To: 42 }))).body.ErrorCode).toBe(403);
    expect((await api.post('/email/batch', message())).body.ErrorCode).toBe(403);
  });
});

describe('routing', () => {
  it('answers 404 JSON for an unknown route', async () => {
    const response = await api.get('/no/such/endpoint');
    expect(response.status).toBe(404);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(typeof response.body.Message).toBe('string');
  });

  it('answers 405 for a known path with the wrong method', async () => {
    const response = await api.get('/email');
    expect(response.status).toBe(405);
    expect(response.contentType).toMatch(/^application\/json/);
  });

  it('answers every response as application/json', async () => {
    const responses = [
      await api.post('/email', message()),
      await api.post('/email', message(), { token: null }),
      await api.get('/bounces?count=1&offset=0'),
    ];
    for (const response of responses) expect(response.contentType).toMatch(/^application\/json/);
  });
});
