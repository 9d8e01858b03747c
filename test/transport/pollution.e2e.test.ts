import { describe, expect, it } from 'vitest';
import { isNetworkError, Message } from '../../src/index.js';
import { onSandbox } from '../api/helpers.js';

// The HTTP layer itself (ky, fetch) reads its options through the prototype chain; the real
// transport refuses to send while Object.prototype is polluted, so nothing reaches the code
// that polluted it, and nothing is sent. (Polluted only around each send: the sandbox runs in
// this process too.)
const e2e = onSandbox();
const message = Message.to('ada@example.com').subject('Hi').text('Hello');

async function whilePolluted<T>(key: string, value: unknown, run: () => Promise<T>) {
  Object.defineProperty(Object.prototype, key, { value, enumerable: true, configurable: true });
  try {
    return await run().then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
  } finally {
    delete (Object.prototype as Record<string, unknown>)[key];
  }
}

describe('a polluted Object.prototype, with the real transport', () => {
  const seen: string[] = [];
  const gadgets: [string, unknown][] = [
    [
      'hooks',
      {
        beforeRequest: [
          (request: Request) => seen.push(request.headers.get('x-postmark-server-token') ?? ''),
        ],
      },
    ],
    ['dispatcher', { dispatch: () => seen.push('dispatcher') }],
    ['json', { To: 'attacker@example.net', Subject: 'pwned', TextBody: 'x' }],
    ['headers', { 'X-Postmark-Server-Token': 'someone-elses' }],
    ['searchParams', 'x=1'],
  ];

  for (const [key, value] of gadgets) {
    it(`${key}: nothing is sent, nothing reaches the gadget, and the error says why`, async () => {
      const before = e2e.sandbox.messages().length;
      const { error } = await whilePolluted(key, value, () => e2e.mailer.send(message));
      expect(isNetworkError(error)).toBe(true);
      expect((error as Error).message).toContain(
        `Object.prototype carries properties added by code in this process (${key})`,
      );
      expect((error as { safeToRetry: boolean }).safeToRetry).toBe(true);
      expect(seen).toEqual([]);
      expect(e2e.sandbox.messages().length).toBe(before);
    });
  }

  it('a batch reports every message as not sent, none as unknown', async () => {
    const { result } = await whilePolluted('hooks', gadgets[0]?.[1], () =>
      e2e.mailer.sendBatch([message, message.to('bob@example.com')]),
    );
    expect(result?.sent).toEqual([]);
    // Not sent, and known not to be: a NetworkError that is safe to retry, for each.
    expect(
      result?.failed.map(({ error }) => [
        isNetworkError(error),
        (error as { safeToRetry?: boolean }).safeToRetry,
      ]),
    ).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(seen).toEqual([]);
  });

  it('sends again once the prototype is clean', async () => {
    await expect(e2e.mailer.send(message)).resolves.toMatchObject({
      messageId: expect.any(String),
    });
  });
});
