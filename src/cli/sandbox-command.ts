import { parseArgs } from 'node:util';
import type { Sandbox, SandboxFaults } from '../sandbox/index.js';
import { startSandbox } from '../sandbox/index.js';
import { type CommandResult, EXIT, usage } from './output.js';

export const SANDBOX_HELP = `Usage: postmark-fluent sandbox [options]

Runs a local Postmark-compatible server on 127.0.0.1 until interrupted (Ctrl-C).
Point a Sender at it with baseUrl and serverToken, an Account with baseUrl and
accountToken (the banner prints both ways).
Open <url>/mailbox in a browser to see every message it accepts, live.

Options:
  --port <n>          port to listen on (default 0: any free port)
  --token <token>     server token to accept (default sandbox-token)
  --account-token <token>
                      account token to accept (default sandbox-account-token)
  --templates <dir>   folder of <alias>.json templates
  --data-dir <dir>    also write each accepted message there as JSON
  --faults <spec>     random faults, e.g. "429=0.1,500=0.05,503=0.05,drop=0.01,latency=20"
  --seed <n>          seed of the fault generator (same seed, same faults)
  --event-delay <ms>  delay before delivery events and bounces appear (default 50)
  -h, --help          show this help`;

const FAULT_KEYS: Record<string, keyof SandboxFaults> = {
  '429': 'rate429',
  '500': 'rate500',
  '503': 'rate503',
  drop: 'rateDrop',
  '500-after-store': 'rate500AfterStore',
  latency: 'latencyMs',
};

/** Parses `429=0.1,latency=20` into sandbox faults; a bad part is a usage error. */
export function parseFaults(spec: string): SandboxFaults {
  const faults: Record<string, number> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [name = '', value = ''] = part.split('=');
    const key = FAULT_KEYS[name.trim()];
    const number = Number(value);
    if (!key || value.trim() === '' || !Number.isFinite(number) || number < 0) {
      throw new RangeError(
        `--faults: "${part}" is not one of ${Object.keys(FAULT_KEYS).join(', ')} with a number (e.g. 429=0.1)`,
      );
    }
    faults[key] = number;
  }
  return faults;
}

export async function sandboxCommand(args: string[]): Promise<CommandResult> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      'account-token': { type: 'string' },
      templates: { type: 'string' },
      'data-dir': { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      'event-delay': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { code: EXIT.ok, stdout: SANDBOX_HELP };
  let faults: SandboxFaults | undefined;
  try {
    faults = values.faults ? parseFaults(values.faults) : undefined;
  } catch (error) {
    return usage((error as Error).message, SANDBOX_HELP);
  }
  const numbers = { port: values.port, seed: values.seed, 'event-delay': values['event-delay'] };
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== undefined && !/^\d+$/.test(value))
      return usage(`--${name} takes a whole number`, SANDBOX_HELP);
  }

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      ...(values.port ? { port: Number(values.port) } : {}),
      // An empty --token is refused by the sandbox, not taken for the default.
      ...(values.token !== undefined ? { token: values.token } : {}),
      ...(values['account-token'] !== undefined ? { accountToken: values['account-token'] } : {}),
      ...(values.templates ? { templates: values.templates } : {}),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      ...(values['event-delay'] ? { eventDelayMs: Number(values['event-delay']) } : {}),
      ...(faults ? { faults } : {}),
    });
  } catch (error) {
    // A taken port, a missing templates folder, fault rates over 1: all the user's options.
    return usage(`cannot start the sandbox: ${(error as Error).message}`, SANDBOX_HELP);
  }
  process.stdout.write(banner(sandbox));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  const accepted = sandbox.messages().length;
  return {
    code: EXIT.ok,
    stdout: `Sandbox stopped after ${accepted} accepted message${accepted === 1 ? '' : 's'}.`,
  };
}

/**
 * What to paste to reach the sandbox, both ways, and which way reads what: `new Sender()`
 * takes its options only, so exporting the variables alone would still send to Postmark.
 */
export function banner(
  sandbox: Pick<Sandbox, 'url' | 'token' | 'accountToken' | 'seed' | 'mailboxUrl'>,
): string {
  const { url, token, accountToken, seed, mailboxUrl } = sandbox;
  return [
    `Postmark sandbox listening on ${url}`,
    '  In code:',
    `    new Sender({ serverToken: '${token}', baseUrl: '${url}' })`,
    `    new Account({ accountToken: '${accountToken}', baseUrl: '${url}' })`,
    '  Or in the environment, for Sender.fromEnv(), Server.fromEnv(), Account.fromEnv() and',
    '  "postmark-fluent send" (new Sender() does not read it):',
    `    export POSTMARK_BASE_URL=${url} POSTMARK_SERVER_TOKEN=${token}`,
    `    export POSTMARK_ACCOUNT_TOKEN=${accountToken}`,
    `  Fault seed ${seed}: --seed ${seed} replays the same faults.`,
    ...(mailboxUrl
      ? [`  Mailbox: ${mailboxUrl} (every accepted message, live, in a browser)`]
      : []),
    '',
  ].join('\n');
}
