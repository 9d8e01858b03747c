import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_ID } from '../../src/postmark/fields.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { runCli } from '../cli/run-cli.js';
import { client, message } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('the sandbox under hostile input', () => {
  it('takes a deeply nested unknown field without a crash, and stores all of a batch', async () => {
    sandbox = await startSandbox({ eventDelayMs: 0 });
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const body = `[${JSON.stringify(message({ To: 'a@example.com' }))},{"From":"app@example.com","To":"b@example.com","TextBody":"x","Extra":${deep}}]`;
    const response = await client(sandbox).postRaw('/email/batch', body);
    expect(response.status).toBe(200);
    expect(response.body.map((r: { ErrorCode: number }) => r.ErrorCode)).toEqual([0, 0]);
    expect(sandbox.messages()).toHaveLength(2);
    expect(Object.isFrozen(sandbox.messages()[1]?.Extra)).toBe(true);
  });

  it('stores no message whose data-dir file could not be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-unwritable-'));
    const dataDir = join(dir, 'data');
    sandbox = await startSandbox({ eventDelayMs: 0, dataDir });
    await rm(dataDir, { recursive: true });
    await writeFile(dataDir, 'a file where the folder was');
    const response = await client(sandbox).post('/email', message());
    expect(response.status).toBe(500);
    expect(sandbox.messages()).toHaveLength(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('never gives two templates one id', async () => {
    sandbox = await startSandbox({
      templates: [{ Name: 'Last', Subject: 'x', TextBody: 'y', TemplateId: MAX_TEMPLATE_ID }],
    });
    const next = sandbox.addTemplate({ Name: 'Next', Subject: 'x', TextBody: 'y' });
    expect(next.TemplateId).toBeLessThanOrEqual(MAX_TEMPLATE_ID);
    expect(next.TemplateId).not.toBe(MAX_TEMPLATE_ID);
    for (const TemplateId of [Number.MAX_SAFE_INTEGER, 1e300, MAX_TEMPLATE_ID + 1, 0, 1.5]) {
      expect(() =>
        sandbox?.addTemplate({ Name: 'Bad', Subject: 'x', TextBody: 'y', TemplateId }),
      ).toThrow(/TemplateId must be a whole number from 1 to/);
    }
    expect(
      sandbox
        .templates()
        .map((t) => t.TemplateId)
        .sort(),
    ).toEqual([next.TemplateId, MAX_TEMPLATE_ID].sort());
  });

  it('reads JSON that starts with a byte order mark', async () => {
    sandbox = await startSandbox({ eventDelayMs: 0 });
    const response = await client(sandbox).postRaw('/email', `\uFEFF${JSON.stringify(message())}`);
    expect(response.body.ErrorCode).toBe(0);
  });

  it('refuses a token the SDK would refuse, and unknown options', async () => {
    await expect(startSandbox({ token: '' })).rejects.toThrow(/at least 8 characters/);
    await expect(startSandbox({ token: 'dev' })).rejects.toThrow(/at least 8 characters/);
    await expect(startSandbox({ tokn: 'x' } as never)).rejects.toThrow(
      /unknown startSandbox option "tokn" \(did you mean "token"\?\)/,
    );
    const empty = runCli(['sandbox', '--token', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('at least 8 characters');
  });

  it('writes attachment names into a dump so they stay inside their header parameter', async () => {
    sandbox = await startSandbox({ eventDelayMs: 0 });
    const api = client(sandbox);
    const sent = await api.post(
      '/email',
      message({
        Attachments: [
          { Name: 'say "hi".txt', Content: 'aGk=', ContentType: 'text/plain' },
          { Name: 'résumé.pdf', Content: 'aGk=', ContentType: 'application/pdf' },
        ],
      }),
    );
    const dump = (await api.get(`/messages/outbound/${sent.body.MessageID}/dump`)).body
      .Body as string;
    expect(dump).toContain('name="say \\"hi\\".txt"');
    expect(dump).toContain("filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
  });
});

describe('the CLI reads a file with a byte order mark', () => {
  it('as the JSON it holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bom-'));
    const file = join(dir, 'bom.json');
    await writeFile(file, `\uFEFF${JSON.stringify(message())}`);
    const run = runCli(['validate', file]);
    expect(run.stdout).toContain('1 message valid');
    expect(run.code).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});
