#!/usr/bin/env node
import { UnreadableFileError } from './load-messages.js';
import { type CommandResult, EXIT, usage } from './output.js';
import { PREVIEW_HELP, previewCommand } from './preview-command.js';
import { SANDBOX_HELP, sandboxCommand } from './sandbox-command.js';
import { SEND_HELP, sendCommand } from './send-command.js';
import { VALIDATE_HELP, validateCommand } from './validate-command.js';

const HELP = `Usage: postmark-fluent <command> [options]

Commands:
  validate <files...>   check message files (CI: exit 0 valid, 1 invalid, 2 usage error)
  preview <file>        print the exact JSON that would be sent
  send <file>           send messages through a Sender configured from the environment
  sandbox               run a local Postmark-compatible server

Run "postmark-fluent <command> --help" for a command's options.`;

const commands: Record<string, { run: (args: string[]) => Promise<CommandResult>; help: string }> =
  {
    validate: { run: validateCommand, help: VALIDATE_HELP },
    preview: { run: previewCommand, help: PREVIEW_HELP },
    send: { run: sendCommand, help: SEND_HELP },
    sandbox: { run: sandboxCommand, help: SANDBOX_HELP },
  };

async function main(argv: string[]): Promise<CommandResult> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help')
    return { code: EXIT.ok, stdout: HELP };
  const command = commands[name];
  if (!command) return usage(`unknown command "${name}"`, HELP);
  try {
    return await command.run(args);
  } catch (error) {
    // parseArgs reports unknown options with a code; unreadable files are the user's input too.
    const code = (error as { code?: string }).code;
    if (error instanceof UnreadableFileError || code?.startsWith('ERR_PARSE_ARGS'))
      return usage((error as Error).message, command.help);
    throw error;
  }
}

// No top-level await: the CommonJS build of this file must load too.
main(process.argv.slice(2)).then((result) => {
  if (result.stdout) process.stdout.write(`${result.stdout}\n`);
  if (result.stderr) process.stderr.write(`${result.stderr}\n`);
  process.exitCode = result.code;
});
