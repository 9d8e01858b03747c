import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  it('CI example: with globstar, messages/**/*.json finds files at every depth', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-ci-'));
    try {
      mkdirSync(join(dir, 'messages/nested'), { recursive: true });
      copyFileSync(fixture('welcome.json'), join(dir, 'messages/welcome.json'));
      copyFileSync(fixture('batch.json'), join(dir, 'messages/nested/batch.json'));
      const step = `shopt -s globstar\n"${process.execPath}" "${CLI}" validate messages/**/*.json`;
      const run = spawnSync('bash', ['-e', '-c', step], { cwd: dir, encoding: 'utf8' });
      expect(run.stdout).toContain('messages/welcome.json: 1 message valid');
      expect(run.stdout).toContain('messages/nested/batch.json: 2 messages valid');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
