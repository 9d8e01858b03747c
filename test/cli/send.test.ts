import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { fixture, runCli, runCliAsync } from './run-cli.js';

const HARD_BOUNCE = 'hardbounce@bounce-testing.postmarkapp.com';

let sandbox: Sandbox;
let dir: string;

beforeEach(async () => {
  sandbox = await startSandbox({
    port: 0,
    token: 'cli-token',
    eventDelayMs: 5,
    templates: [{ Name: 'Welcome', Alias: 'welcome', Subject: 'Hi {{name}}', TextBody: 'Hi' }],
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-send-'));
});

afterEach(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `send` against the sandbox, from the temp dir (where the failures file lands). */
function send(args: string[], env: Record<string, string> = {}) {
  return runCliAsync(['send', ...args], {
    cwd: dir,
    env: {
      POSTMARK_BASE_URL: sandbox.url,
      POSTMARK_SERVER_TOKEN: sandbox.token,
      POSTMARK_DEFAULT_FROM: 'App <app@example.com>',
      ...env,
    },
  });
}

/** Makes `address` inactive the way Postmark does: a hard bounce. */
async function hardBounce(): Promise<number> {
  const response = await fetch(`${sandbox.url}/email`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Postmark-Server-Token': sandbox.token,
    },
    body: JSON.stringify({ From: 'app@example.com', To: HARD_BOUNCE, TextBody: 'bounce me' }),
  });
  expect(response.status).toBe(200);
  sandbox.flushEvents();
  const bounce = sandbox.bounces().at(-1);
  if (!bounce) throw new Error('the sandbox made no bounce');
  return bounce.ID;
}

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const batchCalls = () =>
  sandbox
    .requests()
    .filter((r) => r.path.startsWith('/email'))
    .map((r) => `${r.path} ${r.status}`);

describe('postmark-fluent send', () => {
  it('sends one message given by flags through POST /email, over the env defaults', async () => {
    const run = await send(['--to', 'ada@example.com', '--subject', 'Hi', '--text', 'Hello']);
    expect(run.stdout).toContain('Sent 1 of 1 message; 0 failed.');
    expect(run.code).toBe(0);
    const [stored] = sandbox.messages();
    expect(stored).toMatchObject({
      From: 'App <app@example.com>',
      To: 'ada@example.com',
      Subject: 'Hi',
      TextBody: 'Hello',
    });
    expect(batchCalls()).toEqual(['/email 200']);
  });

  it('a dry run says so in its summary, and sends nothing', async () => {
    const env = { POSTMARK_TEST_MODE: 'true', POSTMARK_SERVER_TOKEN: '' };
    const args = ['--to', 'ada@example.com', '--subject', 'Hi', '--text', 'Hello'];
    const run = await send(args, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Dry run (POSTMARK_TEST_MODE): nothing was sent. Would have sent 1 of 1 message; 0 failed.',
    );
    const report = JSON.parse((await send([...args, '--json'], env)).stdout);
    expect(report.dryRun).toBe(true);
    // Each result says so too: a script that reads one result must not take it as sent.
    expect(report.results).toEqual([
      {
        index: 0,
        status: 'sent',
        messageId: expect.any(String),
        to: 'ada@example.com',
        dryRun: true,
      },
    ]);
    expect(sandbox.requests()).toHaveLength(0);
  });

  it('a dry run with a bad variable names that variable, not the token', async () => {
    const args = ['--to', 'ada@example.com', '--subject', 'Hi', '--text', 'Hello'];
    const cases: [Record<string, string>, RegExp][] = [
      [
        { POSTMARK_TEST_MODE: 'true', POSTMARK_DEFAULT_FROM: 'bad' },
        /POSTMARK_DEFAULT_FROM is not valid/,
      ],
      [{ POSTMARK_TEST_MODE: 'maybe' }, /POSTMARK_TEST_MODE must be true or false/],
      [{ POSTMARK_TEST_MODE: '' }, /send needs POSTMARK_SERVER_TOKEN in the environment/],
    ];
    for (const [env, said] of cases) {
      const run = await send(args, { POSTMARK_SERVER_TOKEN: '', ...env });
      expect({ env, code: run.code }).toEqual({ env, code: 2 });
      expect(run.stderr).toMatch(said);
    }
    expect(sandbox.requests()).toHaveLength(0);
  });

  it('retries a 503 once and still sends the message once', async () => {
    sandbox.failNext(1, 503);
    const run = await send(['--to', 'ada@example.com', '--subject', 'Hi', '--text', 'Hello']);
    expect(run.code).toBe(0);
    expect(batchCalls()).toEqual(['/email 503', '/email 200']);
    expect(sandbox.messages()).toHaveLength(1);
  });

  it('reports invalid and refused messages by ErrorCode, writes the failures, and re-sends them', async () => {
    const bounceId = await hardBounce();
    const failures = join(dir, 'failed.jsonl');
    const first = await send([fixture('mixed.json'), '--failures', failures]);

    expect(first.code).toBe(1);
    expect(first.stdout).toContain('Sent 3 of 7 messages; 4 failed.');
    expect(first.stdout).toContain('  invalid, not sent: 1');
    expect(first.stdout).toContain('  ErrorCode 406 (inactive recipient): 1');
    expect(first.stdout).toContain('  ErrorCode 1101 (template not found): 1');
    expect(first.stdout).toContain('  ErrorCode 1235 (stream not found): 1');
    expect(first.stdout).toContain('  ✗ [1] TextBody: a message needs a text or HTML body');
    expect(first.stdout).toContain(`Failed messages written to ${failures}`);
    expect(first.stdout).toContain('1 invalid message was not sent and is not in that file');
    // Plain and templated messages go in their own batch calls.
    expect(batchCalls()).toEqual([
      '/email 200',
      '/email/batch 200',
      '/email/batchWithTemplates 200',
    ]);

    // The refused ones, as complete Postmark JSON (defaults merged), in file order.
    const written = (await readFile(failures, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(written.map((m) => m.To)).toEqual([HARD_BOUNCE, 'cy@example.com', 'dee@example.com']);
    expect(written[1]).toMatchObject({ From: 'App <app@example.com>', TemplateAlias: 'receipt' });

    // Fix what the server objected to, and send the failures file again.
    sandbox.addTemplate({
      Name: 'Receipt',
      Alias: 'receipt',
      Subject: 'Receipt',
      TextBody: '{{total}}',
    });
    await fetch(`${sandbox.url}/bounces/${bounceId}/activate`, {
      method: 'PUT',
      headers: { Accept: 'application/json', 'X-Postmark-Server-Token': sandbox.token },
    });
    const again = await send([failures, '--failures', failures]);
    expect(again.stdout).toContain('Sent 2 of 3 messages; 1 failed.');
    expect(again.stdout).toContain('  ErrorCode 1235 (stream not found): 1');
    expect(again.code).toBe(1);
    // The file now holds only what is still refused.
    const left = (await readFile(failures, 'utf8')).trim().split('\n');
    expect(left.map((l) => JSON.parse(l).To)).toEqual(['dee@example.com']);
  });

  it('never counts a failed message as sent: --json matches what the server stored', async () => {
    await hardBounce();
    const before = sandbox.messages().length;
    const run = await send(['--json', fixture('mixed.json')]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      total: 7,
      sent: 3,
      failed: 4,
      byErrorCode: { invalid: 1, '406': 1, '1101': 1, '1235': 1 },
      maybeDelivered: 0,
      failuresFile: 'postmark-failed.jsonl',
    });
    expect(report.results[3]).toEqual({
      index: 3,
      status: 'failed',
      kind: '1101',
      errorCode: 1101,
      message: expect.stringContaining("'receipt'"),
    });
    const sentIds = report.results
      .filter((r: { status: string }) => r.status === 'sent')
      .map((r: { messageId: string }) => r.messageId);
    const storedIds = sandbox
      .messages()
      .slice(before)
      .map((m) => m.MessageID);
    expect(sentIds.sort()).toEqual(storedIds.sort());
    // The default failures file lands in the working directory.
    expect(await readFile(join(dir, 'postmark-failed.jsonl'), 'utf8')).toContain('dee@example.com');
  });

  it('reports a 500 after storing as failed, and warns that it may have been delivered', async () => {
    sandbox.failNext(1, { status: 500, afterStore: true });
    const run = await send(['--json', fixture('partial.jsonl')]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ sent: 0, failed: 2, maybeDelivered: 2 });
    expect(report.byErrorCode).toEqual({ 'HTTP 500': 2 });
    expect(sandbox.messages()).toHaveLength(2); // stored although the answer was a 500
    // Kept apart from what is safe to send again: they may have been delivered.
    expect(report.unknownFile).toBe('postmark-unknown.jsonl');
    expect(report.failuresFile).toBeUndefined();
    expect(lines(await readFile(join(dir, 'postmark-unknown.jsonl'), 'utf8'))).toHaveLength(2);
    await rm(join(dir, 'postmark-unknown.jsonl'));

    sandbox.failNext(1, { status: 500, afterStore: true });
    const text = await send([fixture('partial.jsonl')]);
    expect(text.stdout).toContain('HTTP 500 without an ErrorCode: 2');
    expect(text.stdout).toContain('2 of them may have been delivered all the same');
    expect(text.stdout).toContain(
      'Messages that may have been delivered written to postmark-unknown.jsonl: look them up',
    );
  });

  it('a re-sent failures file that all went out is removed: the same command cannot send twice', async () => {
    await send(['--to', 'ada@example.com', '--text', 'Hi', '--stream', 'nope']);
    const failures = join(dir, 'postmark-failed.jsonl');
    // What the flags gave, with the environment's defaults merged: complete, so it can be re-sent.
    expect(JSON.parse(await readFile(failures, 'utf8'))).toMatchObject({
      From: 'App <app@example.com>',
      To: 'ada@example.com',
      MessageStream: 'nope',
    });
    await writeFile(
      failures,
      await readFile(failures, 'utf8').then((t) => t.replace('nope', 'outbound')),
    );
    const again = await send(['postmark-failed.jsonl']);
    expect(again.stdout).toContain('Sent 1 of 1 message; 0 failed.');
    await expect(readFile(failures)).rejects.toThrow(/ENOENT/);
    const twice = await send(['postmark-failed.jsonl']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('no such file');
    expect(sandbox.messages()).toHaveLength(1);
  });

  it('never writes over an earlier failures file: it sends nothing and says what to do', async () => {
    const failures = join(dir, 'postmark-failed.jsonl');
    await writeFile(failures, '{"To":"kept@example.com","TextBody":"from an earlier run"}\n');
    const run = await send(['--to', 'ada@example.com', '--text', 'Hi']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('postmark-failed.jsonl is left from an earlier send');
    expect(await readFile(failures, 'utf8')).toContain('kept@example.com');
    expect(sandbox.messages()).toHaveLength(0);
    await writeFile(join(dir, 'postmark-unknown.jsonl'), '{}\n');
    await rm(failures);
    expect((await send(['--to', 'ada@example.com', '--text', 'Hi'])).stderr).toContain(
      'postmark-unknown.jsonl is left from an earlier send',
    );
  });

  it('keeps what it could not read of a re-sent file in the failures file', async () => {
    const failures = join(dir, 'postmark-failed.jsonl');
    await writeFile(
      failures,
      '{"To":"ok@example.com","TextBody":"fine"}\n{"To":"no-body@example.com"}\n',
    );
    const run = await send(['postmark-failed.jsonl']);
    expect(run.stdout).toContain('Sent 1 of 2 messages; 1 failed.');
    expect(lines(await readFile(failures, 'utf8'))).toEqual([{ To: 'no-body@example.com' }]);
  });

  it('sends a JSON Lines file of 1,200 messages in three batch requests', async () => {
    const file = join(dir, 'many.jsonl');
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({ To: `user${i}@example.com`, Subject: `#${i}`, TextBody: 'Hello' }),
    );
    await writeFile(file, `${lines.join('\n')}\n`);
    const run = await send([file]);
    expect(run.stdout).toBe('Sent 1200 of 1200 messages; 0 failed.\n');
    expect(run.stderr).toBe(''); // no progress line when stderr is not a terminal
    expect(run.code).toBe(0);
    expect(batchCalls()).toEqual(Array(3).fill('/email/batch 200'));
    expect(sandbox.messages()).toHaveLength(1200);
  });

  it('sends nothing from a file whose messages are all invalid, and writes no failures file', async () => {
    const run = await send([fixture('partial.jsonl')], {
      POSTMARK_DEFAULT_FROM: '',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Sent 0 of 2 messages; 2 failed.');
    expect(run.stdout).toContain('From: a message needs a From address');
    expect(run.stdout).not.toContain('written to');
    expect(batchCalls()).toEqual([]);
    await expect(readFile(join(dir, 'postmark-failed.jsonl'))).rejects.toThrow(/ENOENT/);
  });

  it('reports a malformed file as invalid (exit 1) without sending', async () => {
    const run = await send([fixture('malformed.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('not valid JSON');
    expect(batchCalls()).toEqual([]);
  });

  it('exits 2 on usage errors, naming the problem', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [
        ['--to', 'a@example.com', '--text', 'x'],
        { POSTMARK_SERVER_TOKEN: '' },
        'POSTMARK_SERVER_TOKEN',
      ],
      [[fixture('welcome.json'), '--subject', 'x'], {}, 'not both'],
      [[], {}, 'send needs a file'],
      [[fixture('welcome.json'), fixture('batch.json')], {}, 'send takes one file'],
      [['--bogus', fixture('welcome.json')], {}, 'unknown option --bogus'],
      [['no-such-file.json'], {}, 'no such file'],
      [[fixture('welcome.json')], { POSTMARK_BASE_URL: 'http://mail.example.com' }, 'http'],
    ];
    for (const [args, env, problem] of cases) {
      const run = await send(args, env);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain(problem);
      expect(run.stderr).toContain('Usage: postmark-fluent send');
    }
    expect(sandbox.messages()).toHaveLength(0);
  });

  it('has --help', () => {
    for (const command of ['send', 'sandbox']) {
      const { code, stdout } = runCli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: postmark-fluent ${command}`);
    }
  });
});
