import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client, message } from './helpers.js';

let folder: string;
let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'sandbox-data-')), 'nested', 'dir');
  sandbox = await startSandbox({ dataDir: folder, eventDelayMs: 0 });
  api = client(sandbox);
});
afterAll(async () => {
  await sandbox.close();
  await rm(join(folder, '..', '..'), { recursive: true, force: true });
});

describe('dataDir', () => {
  it('creates the folder and writes each accepted message as <MessageID>.json before answering', async () => {
    const single = await api.post('/email', message({ To: 'file@example.com' }));
    const batch = await api.post('/email/batch', [
      message({ To: 'b1@example.com' }),
      message({ From: '' }),
    ]);
    const files = (await readdir(folder)).sort();
    expect(files).toEqual(
      [`${single.body.MessageID}.json`, `${batch.body[0].MessageID}.json`].sort(),
    );
    const written = JSON.parse(
      await readFile(join(folder, `${single.body.MessageID}.json`), 'utf8'),
    );
    expect(written).toEqual(
      sandbox.messages().find((stored) => stored.MessageID === single.body.MessageID),
    );
    expect(written).toMatchObject({ To: 'file@example.com', MessageStream: 'outbound' });
  });

  it('writes nothing for the test token or a rejected message', async () => {
    const before = (await readdir(folder)).length;
    await api.post('/email', message(), { token: 'POSTMARK_API_TEST' });
    await api.post('/email', message({ To: '' }));
    expect((await readdir(folder)).length).toBe(before);
  });
});

describe('isolation and reset', () => {
  it('keeps each sandbox’s state to itself', async () => {
    const other = await startSandbox();
    try {
      await client(other).post('/email', message({ To: 'other@example.com' }));
      expect(other.messages().map((stored) => stored.To)).toEqual(['other@example.com']);
      expect(sandbox.messages().some((stored) => stored.To === 'other@example.com')).toBe(false);
      expect(other.url).not.toBe(sandbox.url);
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await other.close();
    }
  });

  it('forgets messages, bounces and requests on reset()', async () => {
    await api.post('/email', message({ To: 'hardbounce@bounce-testing.postmarkapp.com' }));
    expect(sandbox.messages().length).toBeGreaterThan(0);
    expect(sandbox.bounces().length).toBeGreaterThan(0);
    sandbox.reset();
    expect(sandbox.messages()).toEqual([]);
    expect(sandbox.bounces()).toEqual([]);
    expect(sandbox.requests()).toEqual([]);
    expect(
      (await api.post('/email', message({ To: 'hardbounce@bounce-testing.postmarkapp.com' })))
        .status,
    ).toBe(200);
  });
});
