import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/postmark/limits.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 5 });
  api = client(sandbox);
});
afterAll(() => sandbox.close());

const many = (count: number) =>
  Array.from({ length: count }, (_, index) => message({ To: `r${index}@example.com` }));

describe('POST /email/batch', () => {
  it('answers 200 with one result per message, in order, and stores the good ones', async () => {
    const before = sandbox.messages().length;
    const batch = [
      message({ To: 'first@example.com' }),
      message({
        To: 'second@example.com',
        Attachments: [{ Name: 'a.exe', Content: 'AAAA', ContentType: 'application/x-msdownload' }],
      }),
      message({ To: 'third@example.com', MessageStream: 'unknown-stream' }),
      message({ To: 'fourth@example.com' }),
    ];
    const response = await api.post('/email/batch', batch);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(4);
    expect(response.body.map((result: { ErrorCode: number }) => result.ErrorCode)).toEqual([
      0, 411, 1235, 0,
    ]);
    expect(response.body[0]).toMatchObject({
      To: 'first@example.com',
      Message: 'OK',
      MessageID: expect.any(String),
    });
    expect(response.body[3]).toMatchObject({
      To: 'fourth@example.com',
      MessageID: expect.any(String),
    });
    expect(response.body[1].MessageID).toBeUndefined();
    expect(typeof response.body[1].Message).toBe('string');
    const stored = sandbox.messages().slice(before);
    expect(stored.map((m) => m.To)).toEqual(['first@example.com', 'fourth@example.com']);
    expect(stored.map((m) => m.MessageID)).toEqual([
      response.body[0].MessageID,
      response.body[3].MessageID,
    ]);
  });

  it('accepts 500 messages and rejects 501 with ErrorCode 410, storing none of them', async () => {
    const accepted = await api.post('/email/batch', many(DEFAULT_LIMITS.maxBatchMessages));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toHaveLength(500);
    const before = sandbox.messages().length;
    const rejected = await api.post('/email/batch', many(DEFAULT_LIMITS.maxBatchMessages + 1));
    expect(rejected.status).toBe(422);
    expect(rejected.body.ErrorCode).toBe(410);
    expect(sandbox.messages().length).toBe(before);
  });

  it('answers an empty batch with an empty array', async () => {
    const response = await api.post('/email/batch', []);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it('gives a message over maxMessageBytes its own ErrorCode 300 inside the batch', async () => {
    const small = await startSandbox({ limits: { maxMessageBytes: 300 }, eventDelayMs: 0 });
    try {
      const big = message({ TextBody: 'x'.repeat(300) });
      const response = await client(small).post('/email/batch', [message(), big, message()]);
      expect(response.status).toBe(200);
      expect(response.body.map((result: { ErrorCode: number }) => result.ErrorCode)).toEqual([
        0, 300, 0,
      ]);
    } finally {
      await small.close();
    }
  });

  it('takes a payload of exactly 50,000,000 bytes and answers 413 for 50,000,001', async () => {
    // JSON allows any amount of whitespace between elements: pad one message to the size.
    const padded = (total: number) => {
      const json = JSON.stringify(message());
      return `[${' '.repeat(total - json.length - 2)}${json}]`;
    };
    const exact = padded(DEFAULT_LIMITS.maxBatchBytes);
    expect(Buffer.byteLength(exact)).toBe(DEFAULT_LIMITS.maxBatchBytes);
    const accepted = await api.postRaw('/email/batch', exact);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject([{ ErrorCode: 0 }]);
    const over = padded(DEFAULT_LIMITS.maxBatchBytes + 1);
    expect(Buffer.byteLength(over)).toBe(DEFAULT_LIMITS.maxBatchBytes + 1);
    const rejected = await api.postRaw('/email/batch', over);
    expect(rejected.status).toBe(413);
    expect(rejected.body.ErrorCode).toBe(300);
  });
});
