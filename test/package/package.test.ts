import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as users get it: its tarball's contents, its type declarations under every
// resolution, and an install from the tarball into an empty folder.
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (command: string, args: string[], cwd = root) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });

let scratch: string;
let tarball: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'postmark-fluent-pack-'));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch]));
  tarball = join(scratch, packed.filename);
}, 180_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the published package', () => {
  it('contains only what users need', () => {
    const [dry] = JSON.parse(run('npm', ['pack', '--dry-run', '--json']));
    const files: string[] = dry.files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.cjs');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/edge/index.js');
    expect(files).toContain('dist/webhooks.js');
    expect(files).toContain('dist/webhooks.cjs');
    expect(files).toContain('dist/edge/webhooks/index.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('README.md');
    const unexpected = files.filter(
      (f) => !/^(dist\/|docs\/[\w-]+\.md$|README\.md$|LICENSE$|package\.json$)/.test(f),
    );
    expect(unexpected).toEqual([]);
  });

  it('passes publint', () => {
    expect(run(bin('publint'), ['--strict'])).toContain('All good');
  });

  it('passes Are The Types Wrong for every entry point, ESM and CJS', () => {
    expect(run(bin('attw'), [tarball])).toContain('No problems found');
  }, 120_000);

  it('installs from its tarball into an empty folder and works with import, require and the CLI', () => {
    const app = join(scratch, 'app');
    run('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }');
    run(
      'npm',
      ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      app,
    );
    const script = `const m = pf.Message.from('a@example.com').to('b@example.com').text('hi').attach({ name: 'x.pdf', content: 'x' });
      console.log(JSON.stringify([m.validate().ok, m.toJSON().Attachments[0].ContentType, typeof pf.Sender]));`;
    const expected = '[true,"application/pdf","function"]';
    expect(
      run(
        process.execPath,
        ['--input-type=module', '-e', `import * as pf from 'postmark-fluent'; ${script}`],
        app,
      ).trim(),
    ).toBe(expected);
    expect(
      run(process.execPath, ['-e', `const pf = require('postmark-fluent'); ${script}`], app).trim(),
    ).toBe(expected);
    expect(
      run(
        process.execPath,
        ['-e', "console.log(typeof require('postmark-fluent/testing').recordingTransport)"],
        app,
      ).trim(),
    ).toBe('function');
    // The Nodemailer entry loads without Nodemailer installed (it is an optional peer).
    const transport = `postmarkTransport({ serverToken: 'test-token-123' }).name`;
    expect(
      run(
        process.execPath,
        ['-e', `console.log(require('postmark-fluent/nodemailer').${transport})`],
        app,
      ).trim(),
    ).toBe('postmark-fluent');
    expect(
      run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { postmarkTransport } from 'postmark-fluent/nodemailer'; console.log(${transport})`,
        ],
        app,
      ).trim(),
    ).toBe('postmark-fluent');
    const webhooks = (w: string) =>
      `console.log([typeof ${w}.webhookHandler, ${w}.parseWebhook({ RecordType: 'Delivery', MessageID: 'm', Recipient: 'a@b.co', DeliveredAt: '2024-05-01T10:00:00Z' }).deliveredAt.toISOString()].join(' '))`;
    for (const args of [
      ['-e', `const w = require('postmark-fluent/webhooks'); ${webhooks('w')}`],
      [
        '--input-type=module',
        '-e',
        `import * as w from 'postmark-fluent/webhooks'; ${webhooks('w')}`,
      ],
    ]) {
      expect(run(process.execPath, args, app).trim()).toBe('function 2024-05-01T10:00:00.000Z');
    }
    expect(run(join(app, 'node_modules', '.bin', 'postmark-fluent'), ['--help'], app)).toContain(
      'Usage: postmark-fluent',
    );
    // The queue's peer dependencies are optional: without them the entry loads, and using it
    // says what to install.
    const outbox = `const o = q.createOutbox({ connectionString: 'postgres://127.0.0.1:1/none', sender: new pf.Sender({ serverToken: 'test-token-1234' }) });
      o.stats().then(() => console.log('connected?'), (e) => console.log(e.message));`;
    expect(
      run(
        process.execPath,
        [
          '-e',
          `const q = require('postmark-fluent/queue'); const pf = require('postmark-fluent'); ${outbox}`,
        ],
        app,
      ),
    ).toContain('npm install pg-boss@10 pg');
    expect(
      run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import * as q from 'postmark-fluent/queue'; import * as pf from 'postmark-fluent'; ${outbox}`,
        ],
        app,
      ),
    ).toContain('npm install pg-boss@10 pg');
  }, 180_000);
});
