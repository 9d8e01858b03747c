import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/transport/version.js';
import { fixture, runCli } from './run-cli.js';

describe('postmark-fluent validate', () => {
  it('exits 0 when every message of every file is valid', () => {
    const { code, stdout } = runCli(['validate', fixture('welcome.json'), fixture('batch.json')]);
    expect(stdout).toContain('welcome.json: 1 message valid');
    expect(stdout).toContain('batch.json: 2 messages valid');
    expect(code).toBe(0);
  });

  it('exits 1 and prints every problem with file, index, field and rule', () => {
    const { code, stdout } = runCli(['validate', fixture('welcome.json'), fixture('bad.json')]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'bad.json [1] To[1]: "not-an-address" is not a valid email address (address.invalid)',
    );
    expect(stdout).toContain('bad.json [1] Subjet:');
    expect(stdout).toContain(
      'bad.json [1] Attachments[0].Name: Postmark refuses ".exe" attachments',
    );
    expect(stdout).toContain(
      'bad.json [2] TextBody: a message needs a text or HTML body, or a template (content.missing)',
    );
    expect(stdout).not.toContain('bad.json [0]');
    expect(stdout).toContain(
      'bad.json [1] TextBody: a message needs a text or HTML body, or a template (content.missing)',
    );
    expect(stdout).toContain('5 problems found.');
  });

  it('reports malformed JSON as an invalid file', () => {
    const { code, stdout } = runCli(['validate', fixture('malformed.json')]);
    expect(code).toBe(1);
    expect(stdout).toContain('not valid JSON');
  });

  it('prints a JSON report with --json', () => {
    const { code, stdout } = runCli(['validate', '--json', fixture('bad.json')]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.valid).toBe(false);
    expect(report.files[0].messages).toBe(3);
    expect(report.files[0].issues).toContainEqual({
      index: 2,
      path: 'TextBody',
      code: 'content.missing',
      message: expect.any(String),
    });
  });

  it('merges --defaults under each message, and reads JSON Lines', () => {
    expect(runCli(['validate', fixture('partial.jsonl')]).code).toBe(1); // no From
    const { code, stdout } = runCli([
      'validate',
      '--defaults',
      fixture('defaults.json'),
      fixture('partial.jsonl'),
    ]);
    expect(stdout).toContain('2 messages valid');
    expect(code).toBe(0);
  });

  it('reads ES modules exporting Message values', () => {
    const { code, stdout } = runCli(['validate', fixture('messages.mjs')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/messages\.mjs \[1\] From: a message needs a From address/);
  });

  it('exits 2 on usage errors: no file, an unknown option, a missing file, an unknown command', () => {
    for (const args of [
      ['validate'],
      ['validate', '--bogus', fixture('welcome.json')],
      ['validate', 'no-such-file.json'],
      ['frobnicate'],
    ]) {
      const { code, stderr } = runCli(args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toContain('Usage:');
    }
  });

  it('has --help on every command', () => {
    for (const args of [['--help'], ['validate', '--help'], ['preview', '--help']]) {
      const { code, stdout } = runCli(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: postmark-fluent');
    }
  });
});

describe('the command line a newcomer types', () => {
  it('prints the version, and help for one command', () => {
    for (const flag of ['--version', '-v']) {
      expect(runCli([flag])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    }
    for (const args of [
      ['help', 'send'],
      ['send', '--help'],
      ['send', '-h'],
    ]) {
      const { code, stdout } = runCli(args);
      expect({ args, code }).toEqual({ args, code: 0 });
      expect(stdout).toMatch(/^Usage: postmark-fluent send/);
    }
    expect(runCli(['help', 'nope'])).toMatchObject({ code: 2 });
  });

  it('a bare command prints help and exits 2', () => {
    const { code, stdout, stderr } = runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: postmark-fluent <command>');
  });

  it('suggests the option or command that was meant, without the whole help again', () => {
    const option = runCli(['validate', '--jsn', fixture('welcome.json')]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown option --jsn (did you mean "--json"?)');
    expect(option.stderr).not.toContain('Options:');
    expect(option.stderr).toContain('Run "postmark-fluent validate --help" for more.');
    const missing = runCli(['validate', 'no-such-file.json']);
    expect(missing.stderr).toBe(
      'cannot read no-such-file.json: no such file\nUsage: postmark-fluent validate [options] <files or folders...>\nRun "postmark-fluent validate --help" for more.\n',
    );
    expect(runCli(['vaildate']).stderr).toContain(
      'unknown command "vaildate" (did you mean "validate"?)',
    );
  });

  it('with --json, a usage error is JSON on stdout too', () => {
    const { code, stdout, stderr } = runCli(['validate', '--json', 'no-such-file.json']);
    expect(code).toBe(2);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      error: { kind: 'usage', message: 'cannot read no-such-file.json: no such file' },
    });
    expect(JSON.parse(runCli(['validate', '--json']).stdout).error.message).toMatch(
      /at least one file/,
    );
  });

  it('says a file holds no messages, for JSON as for modules', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cli-empty-'));
    try {
      writeFileSync(join(folder, 'empty.json'), '[]');
      writeFileSync(join(folder, 'envelope.json'), '{ "Messages": [] }');
      writeFileSync(join(folder, 'blank.jsonl'), '\n\n');
      for (const name of ['empty.json', 'envelope.json', 'blank.jsonl']) {
        const { code, stdout } = runCli(['validate', '--json', join(folder, name)]);
        expect({ name, code }).toEqual({ name, code: 1 });
        const [file] = JSON.parse(stdout).files;
        expect(file.messages).toBe(0);
        expect(file.issues).toEqual([
          { index: 0, path: '', code: 'file.noMessages', message: 'the file holds no messages' },
        ]);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('walks a folder for message files, and names a folder where a file is needed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cli-folder-'));
    try {
      mkdirSync(join(folder, 'nested'));
      mkdirSync(join(folder, 'node_modules'));
      copyFileSync(fixture('welcome.json'), join(folder, 'welcome.json'));
      copyFileSync(fixture('bad.json'), join(folder, 'nested', 'bad.json'));
      copyFileSync(fixture('bad.json'), join(folder, 'node_modules', 'skipped.json'));
      writeFileSync(join(folder, 'notes.txt'), 'not a message');
      const { code, stdout } = runCli(['validate', folder]);
      expect(code).toBe(1);
      expect(stdout).toContain(`${join(folder, 'welcome.json')}: 1 message valid`);
      expect(stdout).toContain(join(folder, 'nested', 'bad.json'));
      expect(stdout).not.toContain('skipped.json');
      expect(stdout).not.toContain('notes.txt');
      mkdirSync(join(folder, 'empty'));
      const empty = runCli(['validate', join(folder, 'empty')]);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('holds no message files (.json, .jsonl, .ndjson)');
      const preview = runCli(['preview', folder]);
      expect(preview.code).toBe(2);
      expect(preview.stderr).toContain('it is a folder; give a file');
      expect(preview.stderr).not.toContain('EISDIR');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('postmark-fluent preview', () => {
  it('prints the exact JSON that would be sent, after defaults', () => {
    const { code, stdout } = runCli([
      'preview',
      '--defaults',
      fixture('defaults.json'),
      fixture('partial.jsonl'),
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { From: 'app@example.com', To: 'a@example.com', TextBody: 'one', Tag: 'app' },
      { From: 'app@example.com', To: 'b@example.com', TextBody: 'two', Tag: 'app' },
    ]);
  });

  it('prints problems instead, and exits 1', () => {
    const { code, stderr } = runCli(['preview', fixture('bad.json')]);
    expect(code).toBe(1);
    expect(stderr).toContain('[2] TextBody');
  });
});
