import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, Sender } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

// Messages with attachments travel as bytes written straight from the attachment bytes
// (src/serialize/body.ts), streamed to fetch (src/transport/ky-transport.ts): over real
// HTTP, the sandbox must receive exactly the JSON a string body would have carried.
let sandbox: Sandbox;
let mailer: Sender;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  mailer = new Sender({
    serverToken: sandbox.token,
    baseUrl: sandbox.url,
    defaults: Message.from('app@example.com'),
  });
  dir = mkdtempSync(join(tmpdir(), 'postmark-fluent-attachments-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('attachments over HTTP', () => {
  it('send() delivers a 1.5 MB file and a small text attachment intact', async () => {
    const bytes = randomBytes(1_500_001);
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const message = Message.to('ada@example.com')
      .subject('Your report — août')
      .text('Attached.')
      .attachFile(file)
      .attach({ name: 'résumé "final".txt', content: 'ça va ✓', contentId: 'cid:note' });

    await mailer.send(message);

    const [stored] = sandbox.messages();
    expect(stored?.Subject).toBe('Your report — août');
    expect(stored?.Attachments).toEqual([
      { Name: 'report.pdf', Content: bytes.toString('base64'), ContentType: 'application/pdf' },
      {
        Name: 'résumé "final".txt',
        Content: Buffer.from('ça va ✓').toString('base64'),
        ContentType: 'text/plain',
        ContentID: 'cid:note',
      },
    ]);
  });

  it('sendBatch() delivers a request that mixes messages with and without attachments', async () => {
    const before = sandbox.messages().length;
    const bytes = randomBytes(300_000);
    const messages = [
      Message.to('a@example.com').subject('one').text('no attachment'),
      Message.to('b@example.com')
        .subject('two')
        .text('one')
        .attach({ name: 'a.pdf', content: bytes }),
      Message.to('c@example.com').subject('three').text('none either'),
    ];

    const batch = await mailer.sendBatch(messages);

    expect(batch.failed).toEqual([]);
    const stored = sandbox.messages().slice(before);
    expect(stored.map((m) => m.Subject)).toEqual(['one', 'two', 'three']);
    expect(stored[1]?.Attachments?.[0]?.Content).toBe(bytes.toString('base64'));
  });
});
