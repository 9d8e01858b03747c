import { afterEach, describe, expect, it, vi } from 'vitest';
import { Message, Sender, type Transport } from '../../src/index.js';
import { bodyText, TOKEN } from '../helpers/fixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sendBatch() memory', () => {
  it('serializes a chunk only when a request needs it, so a batch holds the JSON in flight, not all of it', async () => {
    // Counts the messages turned into JSON so far, and reads that count at every request.
    const toJSON = vi.spyOn(Message.prototype, 'toJSON');
    const serialized = () => toJSON.mock.calls.length;
    const seenAtRequest: number[] = [];
    const transport: Transport = {
      async request(request) {
        seenAtRequest.push(serialized());
        const count = (JSON.parse(bodyText(request.body) || '[]') as unknown[]).length;
        const ok = {
          ErrorCode: 0,
          Message: 'OK',
          MessageID: 'id',
          SubmittedAt: '2026-01-01T00:00:00Z',
          To: 'a@example.com',
        };
        return {
          status: 200,
          headers: {},
          body: JSON.stringify(Array.from({ length: count }, () => ok)),
        };
      },
    };
    const mailer = new Sender({ serverToken: TOKEN, transport, concurrency: 1 });
    const messages = Array.from({ length: 5000 }, (_, i) =>
      Message.from('app@example.com').to(`u${i}@example.com`).text('hello'),
    );

    const batch = await mailer.sendBatch(messages);

    expect(batch.sent).toHaveLength(5000);
    expect(seenAtRequest).toHaveLength(10);
    // Request k goes out once its own 500 messages (and the one that did not fit) are
    // serialized; serializing everything first would show 5,000 at the first request.
    for (const [k, count] of seenAtRequest.entries()) {
      expect(count).toBeLessThanOrEqual((k + 1) * 500 + 1);
    }
  });
});
