import { parseArgs } from 'node:util';
import { loadDefaults, loadMessages, NO_MESSAGES } from './load-messages.js';
import { expandFolders } from './message-files.js';
import { type CommandResult, EXIT, usage } from './output.js';

export const VALIDATE_HELP = `Usage: postmark-fluent validate [options] <files or folders...>

Checks message files before they are sent; made for CI.
A file holds one Postmark message as JSON, an array of them, { "Messages": [...] },
JSON Lines (.jsonl), or an ES module (.js, .mjs) exporting Message values. A folder is
searched for .json, .jsonl and .ndjson files (modules must be named one by one).

Options:
  --defaults <file>  a JSON message merged under each message (as a Sender's defaults are)
  --json             print a JSON report instead of text
  -h, --help         show this help

Exit status: 0 all valid, 1 some invalid, 2 usage error (bad option, unreadable file).`;

interface FileReport {
  file: string;
  messages: number;
  issues: { index: number; path: string; code: string; message: string }[];
}

export async function validateCommand(args: string[]): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      defaults: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { code: EXIT.ok, stdout: VALIDATE_HELP };
  if (positionals.length === 0)
    return usage('validate needs at least one file', VALIDATE_HELP, args);

  const defaults = values.defaults ? await loadDefaults(values.defaults) : undefined;
  const reports: FileReport[] = [];
  for (const file of await expandFolders(positionals)) {
    const loaded = await loadMessages(file, defaults);
    reports.push({
      file,
      messages: loaded.filter((entry) => entry.issues.every((i) => i.code !== NO_MESSAGES)).length,
      issues: loaded.flatMap(({ index, issues }) => issues.map((issue) => ({ index, ...issue }))),
    });
  }
  const valid = reports.every((report) => report.issues.length === 0);
  const code = valid ? EXIT.ok : EXIT.invalid;
  if (values.json) return { code, stdout: JSON.stringify({ valid, files: reports }, null, 2) };

  const lines = reports.flatMap((report) =>
    report.issues.length === 0
      ? [`✓ ${report.file}: ${report.messages} message${report.messages === 1 ? '' : 's'} valid`]
      : report.issues.map(
          (i) => `✗ ${report.file} [${i.index}] ${i.path || '(message)'}: ${i.message} (${i.code})`,
        ),
  );
  const problems = reports.reduce((n, r) => n + r.issues.length, 0);
  lines.push(
    valid ? 'All messages are valid.' : `${problems} problem${problems === 1 ? '' : 's'} found.`,
  );
  return { code, stdout: lines.join('\n') };
}
