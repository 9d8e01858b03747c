import { describe, expect, it } from 'vitest';
import { Account, Message, Sender } from '../../src/index.js';
import { runCli, startCli } from './run-cli.js';

/** Resolves to the first match of `pattern` in the output, polling until it appears. */
async function waitForOutput(output: () => string, pattern: RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('postmark-fluent sandbox', () => {
  it('serves with the given token and faults until interrupted, then exits 0', async () => {
    const args = [
      'sandbox',
      '--port',
      '0',
      '--token',
      'cli-token',
      '--faults',
      '503=1',
      '--seed',
      '1',
    ];
    const { child, done, output } = startCli(args);
    try {
      const [, url] = await waitForOutput(output, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      expect(output()).toContain(`export POSTMARK_BASE_URL=${url} POSTMARK_SERVER_TOKEN=cli-token`);
      expect(output()).toContain('Fault seed 1: --seed 1 replays the same faults.');
      // The mailbox link, served although every API request fails.
      const [, mailbox] = await waitForOutput(output, /Mailbox: (\S+)/);
      expect(mailbox).toBe(`${url}/mailbox`);
      expect((await fetch(mailbox as string)).status).toBe(200);

      const response = await fetch(`${url}/email`, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-Postmark-Server-Token': 'cli-token',
        },
        body: JSON.stringify({ From: 'app@example.com', To: 'ada@example.com', TextBody: 'Hi' }),
      });
      expect(response.status).toBe(503); // every request, with 503=1
      expect((await response.json()).ErrorCode).toBe(100);
    } finally {
      child.kill('SIGINT');
    }
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sandbox stopped after 0 accepted messages.');
  });

  it('prints a snippet that reaches it, both ways it documents', async () => {
    const { child, done, output } = startCli(['sandbox', '--port', '0', '--token', 'banner-token']);
    try {
      await waitForOutput(output, /replays the same faults/);
      const code = /^ {4}(new Sender\(.*\))$/m.exec(output())?.[1] ?? '';
      const exported = /^ {4}export (.*)$/m.exec(output())?.[1] ?? '';
      const message = Message.from('app@example.com').to('ada@example.com').subject('Hi').text('x');
      // The pasted constructor, as written in the banner.
      const pasted = new Function('Sender', `return ${code}`)(Sender) as Sender;
      expect((await pasted.send(message)).messageId).toMatch(/^[0-9a-f-]{36}$/);
      // The exported variables, as Sender.fromEnv() reads them.
      const env = Object.fromEntries(exported.split(' ').map((pair) => pair.split('=')));
      const fromEnv = Sender.fromEnv({ env });
      expect(fromEnv.baseUrl).toBe(pasted.baseUrl);
      expect((await fromEnv.send(message)).messageId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      child.kill('SIGTERM');
      await done;
    }
  });

  it('takes an account token and prints both tokens', async () => {
    const { child, done, output } = startCli([
      'sandbox',
      '--token',
      'cli-server-token',
      '--account-token',
      'cli-account-token',
    ]);
    try {
      const [, url] = await waitForOutput(output, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await waitForOutput(output, /Fault seed/);
      expect(output()).toContain('POSTMARK_SERVER_TOKEN=cli-server-token');
      expect(output()).toContain('export POSTMARK_ACCOUNT_TOKEN=cli-account-token');
      expect(output()).toContain("new Account({ accountToken: 'cli-account-token'");
      const servers = await fetch(`${url}/servers?count=10&offset=0`, {
        headers: { Accept: 'application/json', 'X-Postmark-Account-Token': 'cli-account-token' },
      });
      expect(servers.status).toBe(200);
      expect((await servers.json()).Servers[0].ApiTokens).toEqual(['cli-server-token']);
      // The pasted Account constructor reaches the same account.
      const code = /^ {4}(new Account\(.*\))$/m.exec(output())?.[1] ?? '';
      const account = new Function('Account', `return ${code}`)(Account) as Account;
      expect((await account.servers.list()).totalCount).toBe(1);
    } finally {
      child.kill('SIGINT');
    }
    expect((await done).code).toBe(0);
  });

  it('exits 2 on bad options, before listening', () => {
    for (const [args, problem] of [
      [['--faults', '404=0.1'], '"404=0.1" is not one of'],
      [['--faults', '429'], '"429" is not one of'],
      [['--faults', '503=2'], 'cannot start the sandbox: Sandbox fault rates are shares'],
      [['--port', 'eighty'], '--port takes a whole number'],
      [['--templates', '/no/such/folder'], 'cannot start the sandbox'],
      [['--bogus'], 'unknown option --bogus'],
      [
        ['--account-token', 'short'],
        'cannot start the sandbox: startSandbox: accountToken must be',
      ],
    ] as const) {
      const { code, stdout, stderr } = runCli(['sandbox', ...args]);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toContain(problem);
      expect(stderr).toContain('Usage: postmark-fluent sandbox');
      expect(stdout).not.toContain('listening');
    }
  });
});
