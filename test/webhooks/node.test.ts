import { createServer, request as httpRequest, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NodeRequestLike,
  toNodeHandler,
  type WebhookEvent,
  webhookHandler,
} from '../../src/webhooks/index.js';
import { fixtureText } from './fixtures.js';
import { type Receiver, startReceiver } from './receiver.js';

const auth = { username: 'postmark', password: 's3cret' };
const authorization = `Basic ${Buffer.from('postmark:s3cret').toString('base64')}`;

// A raw POST over node:http, so a test can stream a body of any size and see the answer.
function rawPost(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver({ auth, maxBodyBytes: 100_000 });
});
afterAll(() => receiver.close());

describe('toNodeHandler on a real node:http server', () => {
  it('takes a post, parses it and answers 200', async () => {
    const answer = await rawPost(`${receiver.url}/hooks`, fixtureText('bounce'), {
      Authorization: authorization,
      'Content-Type': 'application/json',
    });
    expect(answer).toEqual({ status: 200, body: '{"message":"OK"}' });
    expect(receiver.events.at(-1)).toMatchObject({
      recordType: 'Bounce',
      email: 'john@example.com',
    });
  });

  it('answers 413 to a body over the cap, sent in full, without a broken pipe', async () => {
    const big = Buffer.alloc(1_000_000, 'x');
    const answer = await rawPost(`${receiver.url}/hooks`, big, { Authorization: authorization });
    expect(answer.status).toBe(413);
  });

  it('answers 401 to a large body without auth, without reading it into memory', async () => {
    const answer = await rawPost(`${receiver.url}/hooks`, Buffer.alloc(1_000_000, 'x'));
    expect(answer.status).toBe(401);
  });

  it('answers 400 to a body that is not an event', async () => {
    const answer = await rawPost(`${receiver.url}/hooks`, '{"Nope":1}', {
      Authorization: authorization,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).issues[0].path).toBe('RecordType');
  });
});

describe('toNodeHandler behind a body parser (as after Express’s json(), raw() or text())', () => {
  // A stand-in for a body parser: reads the body, sets req.body, then calls the handler.
  async function serve(parse: (text: string) => unknown) {
    const events: WebhookEvent[] = [];
    const handler = toNodeHandler(
      webhookHandler({
        auth,
        on: {
          delivery: (event) => {
            events.push(event);
          },
        },
      }),
    );
    const server = createServer(((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        (req as unknown as { body: unknown }).body = parse(Buffer.concat(chunks).toString());
        void handler(req as unknown as NodeRequestLike, res);
      });
    }) as RequestListener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      url,
      events,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it.each([
    ['json()', (text: string) => JSON.parse(text)],
    ['raw()', (text: string) => Buffer.from(text)],
    ['text()', (text: string) => text],
  ])('%s', async (_, parse) => {
    const app = await serve(parse);
    try {
      const answer = await rawPost(app.url, fixtureText('delivery'), {
        Authorization: authorization,
        'Content-Type': 'application/json',
      });
      expect(answer.status).toBe(200);
      expect(app.events).toMatchObject([{ recordType: 'Delivery', recipient: 'john@example.com' }]);
    } finally {
      await app.close();
    }
  });
});
