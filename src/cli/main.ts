#!/usr/bin/env node
import { VERSION } from '../transport/version.js';
import { suggest } from '../utils/read-options.js';
import { UnreadableFileError } from './load-messages.js';
import { argsProblem, type CommandResult, EXIT, usage } from './output.js';
import { PREVIEW_HELP, previewCommand } from './preview-command.js';
import { SANDBOX_HELP, sandboxCommand } from './sandbox-command.js';
import { SEND_HELP, sendCommand } from './send-command.js';
import { VALIDATE_HELP, validateCommand } from './validate-command.js';

const HELP = `Usage: postmark-fluent <command> [options]

Commands:
  validate <files...>   check message files or folders (CI: exit 0 valid, 1 invalid, 2 usage error)
  preview <file>        print the exact JSON that would be sent
  send <file>           send messages through a Sender configured from the environment
  sandbox               run a local Postmark-compatible server

Options:
  -h, --help            show this help ("postmark-fluent help <command>" for a command's)
  -v, --version         print the version

Run "postmark-fluent <command> --help" for a command's options.`;

const commands: Readonly<
  Record<string, { run: (args: string[]) => Promise<CommandResult>; help: string }>
> = {
  validate: { run: validateCommand, help: VALIDATE_HELP },
  preview: { run: previewCommand, help: PREVIEW_HELP },
  send: { run: sendCommand, help: SEND_HELP },
  sandbox: { run: sandboxCommand, help: SANDBOX_HELP },
};

async function main(argv: string[]): Promise<CommandResult> {
  const [name, ...args] = argv;
  // A bare command line is a mistake (exit 2), not a request for help.
  if (name === undefined) return { code: EXIT.usage, stdout: '', stderr: HELP };
  if (name === '--help' || name === '-h') return { code: EXIT.ok, stdout: HELP };
  if (name === '--version' || name === '-v') return { code: EXIT.ok, stdout: VERSION };
  if (name === 'help') {
    const topic = args[0];
    if (topic === undefined) return { code: EXIT.ok, stdout: HELP };
    const about = Object.hasOwn(commands, topic) ? commands[topic] : undefined;
    return about ? { code: EXIT.ok, stdout: about.help } : unknownCommand(topic);
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) return unknownCommand(name);
  try {
    return await command.run(args);
  } catch (error) {
    // parseArgs reports unknown options with a code; unreadable files are the user's input too.
    const code = (error as { code?: string }).code;
    if (error instanceof UnreadableFileError) return usage(error.message, command.help, args);
    if (code?.startsWith('ERR_PARSE_ARGS'))
      return usage(argsProblem(error as Error, command.help), command.help, args);
    throw error;
  }
}

function unknownCommand(name: string): CommandResult {
  const hint = suggest(name, Object.keys(commands));
  return { code: EXIT.usage, stdout: '', stderr: `unknown command "${name}"${hint}\n\n${HELP}` };
}

// No top-level await: the CommonJS build of this file must load too.
main(process.argv.slice(2)).then((result) => {
  if (result.stdout) process.stdout.write(`${result.stdout}\n`);
  if (result.stderr) process.stderr.write(`${result.stderr}\n`);
  process.exitCode = result.code;
});
