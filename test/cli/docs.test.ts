import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, fixture, runCli } from './run-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(`${root}docs/cli.md`, 'utf8');

describe('docs/cli.md', () => {
  it('documents every command and every option that --help lists', () => {
    for (const command of ['validate', 'preview', 'send', 'sandbox']) {
      expect(doc).toContain(`## ${command}`);
      const help = runCli([command, '--help']).stdout;
      const options = new Set(help.match(/--[a-z][a-z-]*/g));
      expect(options.size).toBeGreaterThan(0);
      for (const option of options)
        expect({ command, option, documented: doc.includes(`\`${option}`) }).toMatchObject({
          documented: true,
        });
    }
  });

  it('CI example: validate walks the messages folder at every depth', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-ci-'));
    try {
      mkdirSync(join(dir, 'messages/nested'), { recursive: true });
      copyFileSync(fixture('welcome.json'), join(dir, 'messages/welcome.json'));
      copyFileSync(fixture('batch.json'), join(dir, 'messages/nested/batch.json'));
      const step = ciStep('Validate message files');
      const run = spawnSync('bash', ['-e', '-c', withBinary(step)], { cwd: dir, encoding: 'utf8' });
      expect(run.stdout).toContain('messages/welcome.json: 1 message valid');
      expect(run.stdout).toContain('messages/nested/batch.json: 2 messages valid');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('CI example: the sandbox step sends through the sandbox and stops it however it ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-ci-'));
    try {
      mkdirSync(join(dir, 'messages'));
      mkdirSync(join(dir, 'templates'));
      copyFileSync(fixture('welcome.json'), join(dir, 'messages/welcome.json'));
      const port = await freePort();
      // The documented step, with a port of this machine's choosing and the built binary.
      const step = ciStep('Send them to the sandbox').replaceAll('3030', String(port));
      const run = spawnSync('bash', ['-e', '-c', withBinary(step)], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stdout).toContain('Sent 1 of 1 message; 0 failed.');
      expect(run.status).toBe(0);
      // The trap stopped the sandbox itself, not only a wrapper around it.
      await expect(connects(port)).resolves.toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The `run:` script of the CI step named `name` in docs/cli.md. */
function ciStep(name: string): string {
  const start = doc.indexOf(`- name: ${name}`);
  const block = doc.slice(start, doc.indexOf('```', start));
  const run = block.slice(block.indexOf('run:') + 'run:'.length);
  const lines = run.replace(/^ \|/, '').split('\n');
  if (!run.startsWith(' |')) return lines[0]?.trim() ?? '';
  const body = lines.slice(1).filter((line) => line.trim() !== '');
  const indent = Math.min(...body.map((line) => line.length - line.trimStart().length));
  return body.map((line) => line.slice(indent)).join('\n');
}

// The step as CI runs it after `npm ci`: `npx postmark-fluent` and the package's
// node_modules/.bin link both reach the built CLI (exec keeps the pid, as npm's link does).
function withBinary(step: string): string {
  const bin = `exec "${process.execPath}" "${CLI}" "$@"`;
  return [
    'mkdir -p node_modules/.bin',
    `printf '#!/bin/sh\\n%s\\n' '${bin}' > node_modules/.bin/postmark-fluent`,
    'chmod +x node_modules/.bin/postmark-fluent',
    'npx() { shift; ./node_modules/.bin/postmark-fluent "$@"; }',
    step,
  ].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
