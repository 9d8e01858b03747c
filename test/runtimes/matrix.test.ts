import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

// The same smoke suite on every runtime we claim, each importing the BUILT package the way a
// user of that runtime would. A runtime that cannot start fails its test: nothing is skipped.
const here = fileURLToPath(new URL('./', import.meta.url));
const bin = (path: string) => `${here}node_modules/${path}`;
const fixture = fileURLToPath(new URL('../fixtures/invoice.pdf', import.meta.url));

const runtimes: { name: string; command: string; args: string[] }[] = [
  { name: 'Node 20 (this machine)', command: process.execPath, args: [] },
  { name: 'Node 22', command: bin('node22/bin/node'), args: [] },
  { name: 'Node 24', command: bin('node24/bin/node'), args: [] },
  { name: 'Bun', command: bin('bun/bin/bun.exe'), args: ['run'] },
  {
    name: 'Deno',
    command: bin('deno/deno'),
    args: ['run', '--allow-read', '--allow-net', '--allow-env', '--no-prompt'],
  },
];

let sandbox: Sandbox;

beforeAll(async () => {
  if (!existsSync(`${here}../../dist/index.js`))
    throw new Error('dist/ is missing: run "npm run build" first');
  sandbox = await startSandbox({ eventDelayMs: 0 });
  sandbox.addTemplate({
    Alias: 'welcome',
    Name: 'Welcome',
    Subject: 'Hi {{name}}',
    TextBody: 'Hello {{name}}',
  });
  // A hard bounce makes this address inactive, so sending to it again answers ErrorCode 406.
  const response = await fetch(`${sandbox.url}/email`, {
    method: 'POST',
    headers: {
      'X-Postmark-Server-Token': sandbox.token,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      From: 'team@example.com',
      To: 'hardbounce@bounce-testing.postmarkapp.com',
      TextBody: 'x',
    }),
  });
  expect(response.status).toBe(200);
  sandbox.flushEvents();
});

afterAll(async () => {
  await sandbox?.close();
});

function expectSmokePassed(results: Record<string, unknown>, hasFileSystem: boolean) {
  expect(results).toEqual({
    build: {
      valid: true,
      contentType: 'application/pdf',
      rareContentType: hasFileSystem ? 'model/gltf-binary' : 'application/octet-stream',
      frozen: true,
    },
    attachFile: hasFileSystem
      ? { read: true, contentType: 'application/pdf' }
      : { code: 'attachment.noFileSystem' },
    send: { messageId: true, submittedAt: true },
    largeAttachment: { subject: expect.stringMatching(/^large attachment /) },
    sendBatch: { statuses: ['sent', 'failed', 'sent'], sent: 2, failed: 1 },
    sendWithTemplate: { messageId: true },
    inactiveRecipient: {
      thrown: true,
      inactive: true,
      errorCode: 406,
      recipients: ['hardbounce@bounce-testing.postmarkapp.com'],
    },
    bounces: {
      totalCount: expect.any(Number),
      first: expect.stringContaining('@'),
      bouncedAt: true,
    },
    webhooks: {
      statuses: [200, 401, 413, 400],
      bounce: { email: 'john@example.com', bouncedAt: true, metadata: { userId: '42' } },
      received: 1,
      attachment: 'hi',
    },
  });
  expect((results.bounces as { totalCount: number }).totalCount).toBeGreaterThanOrEqual(1);
  const { subject } = results.largeAttachment as { subject: string };
  const stored = sandbox.messages().find((message) => message.Subject === subject);
  // smoke.mjs's largeAttachmentContent(), rebuilt here.
  const content = Buffer.from(Array.from({ length: 300_001 }, (_, i) => (i * 7 + (i >> 9)) % 256));
  expect(stored?.Attachments?.[0]?.Content).toBe(content.toString('base64'));
}

describe('runtime matrix', () => {
  it.each(runtimes)('$name runs the smoke suite', async ({ command, args }) => {
    expect(existsSync(command), `${command} is missing: run "npm ci --prefix test/runtimes"`).toBe(
      true,
    );
    const output = await run(command, [
      ...args,
      `${here}smoke-cli.mjs`,
      sandbox.url,
      sandbox.token,
      fixture,
    ]);
    const report = JSON.parse(output.trim().split('\n').at(-1) ?? '');
    expectSmokePassed(report.results, true);
  });

  it('Cloudflare workerd (Miniflare, no nodejs_compat) runs the smoke suite', async () => {
    // Bundled as wrangler would: the worker conditions pick the build without mime-types.
    const bundle = await build({
      entryPoints: [`${here}smoke-worker.mjs`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    expect(script).not.toMatch(/from ["']node:|require\(["'](node:)?path["']\)/);
    const miniflare = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-01-01',
      bindings: { SANDBOX_URL: sandbox.url, SANDBOX_TOKEN: sandbox.token },
    });
    try {
      const response = await miniflare.dispatchFetch('http://worker/');
      const report = (await response.json()) as { results: Record<string, unknown> };
      expectSmokePassed(report.results, false);
    } finally {
      await miniflare.dispose();
    }
  }, 60_000);
});

/** Runs a command without blocking this process, which serves the sandbox. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: here,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} exited ${code}\n${stderr}\n${stdout}`));
    });
  });
}
