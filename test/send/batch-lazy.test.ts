import { describe, expect, it } from 'vitest';
import { Message, Sender, type Transport } from '../../src/index.js';
import { bodyText, TOKEN } from '../helpers/fixtures.js';

describe('sendBatch() memory', () => {
  it('serializes a request only when it is sent, so a batch holds the JSON in flight, not all of it', async () => {
    // Attachment bytes are shared by reference, never copied, and encoded when their request
    // is written. So a change to the bytes after the first request shows in every later
    // request if, and only if, the later requests were not serialized up front.
    const shared = new TextEncoder().encode('AAA'); // base64 QUFB; 'BBB' is QkJC
    const contents: string[][] = [];
    const transport: Transport = {
      async request(request) {
        const messages = JSON.parse(bodyText(request.body)) as {
          To: string;
          Attachments: { Content: string }[];
        }[];
        contents.push(messages.map((message) => message.Attachments[0]?.Content ?? ''));
        shared.set(new TextEncoder().encode('BBB'));
        const answers = messages.map((message, i) => ({
          ErrorCode: 0,
          Message: 'OK',
          MessageID: `id-${i}`,
          SubmittedAt: '2026-01-01T00:00:00Z',
          To: message.To,
        }));
        return { status: 200, headers: {}, body: JSON.stringify(answers) };
      },
    };
    const mailer = new Sender({ serverToken: TOKEN, transport, concurrency: 1 });
    const messages = Array.from({ length: 5000 }, (_, i) =>
      Message.from('app@example.com')
        .to(`u${i}@example.com`)
        .text('hello')
        .attach({ name: 'a.txt', content: shared }),
    );

    const batch = await mailer.sendBatch(messages);

    expect(batch.sent).toHaveLength(5000);
    expect(contents).toHaveLength(10);
    expect(new Set(contents[0])).toEqual(new Set(['QUFB']));
    for (const request of contents.slice(1)) expect(new Set(request)).toEqual(new Set(['QkJC']));
  });
});
