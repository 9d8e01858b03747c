import { suggest } from '../utils/read-options.js';

/** Exit statuses, as documented in every command's help and in docs/cli.md. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr?: string;
}

/**
 * A usage error (bad option, unreadable file, missing environment): the problem, the
 * command's usage line and where its help is, not the whole help again. With `--json` it is
 * JSON on stdout, as every other answer of that run would have been.
 */
export function usage(problem: string, help: string, args: readonly string[] = []): CommandResult {
  if (args.includes('--json')) {
    const error = { kind: 'usage', message: problem };
    return { code: EXIT.usage, stdout: JSON.stringify({ error }, null, 2) };
  }
  const [line = ''] = help.split('\n');
  const command = /^Usage: (postmark-fluent(?: \w+)?)/.exec(line)?.[1] ?? 'postmark-fluent';
  return {
    code: EXIT.usage,
    stdout: '',
    stderr: `${problem}\n${line}\nRun "${command} --help" for more.`,
  };
}

/** What `node:util` parseArgs threw, in the user's terms: an unknown option gets a suggestion. */
export function argsProblem(error: Error, help: string): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (unknown === undefined) return error.message;
  const known = [...new Set(help.match(/--[a-z][a-z-]*/g) ?? [])];
  return `unknown option ${unknown}${suggest(unknown, known)}`;
}
