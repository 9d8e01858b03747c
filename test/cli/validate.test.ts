import { describe, expect, it } from 'vitest';
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
