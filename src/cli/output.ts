/** Exit statuses, as documented in every command's help and in docs/cli.md. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr?: string;
}

export function usage(problem: string, help: string): CommandResult {
  return { code: EXIT.usage, stdout: '', stderr: `${problem}\n\n${help}` };
}
