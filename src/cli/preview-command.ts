import { parseArgs } from 'node:util';
import { loadDefaults, loadMessages } from './load-messages.js';
import { type CommandResult, EXIT, usage } from './output.js';

export const PREVIEW_HELP = `Usage: postmark-fluent preview [options] <file>

Prints the exact JSON that would be sent for each message of the file
(after merging --defaults), or its problems.

Options:
  --defaults <file>  a JSON message merged under each message
  -h, --help         show this help`;

export async function previewCommand(args: string[]): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { defaults: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { code: EXIT.ok, stdout: PREVIEW_HELP };
  if (positionals.length !== 1) return usage('preview takes exactly one file', PREVIEW_HELP, args);

  const defaults = values.defaults ? await loadDefaults(values.defaults) : undefined;
  const loaded = await loadMessages(positionals[0] as string, defaults);
  const invalid = loaded.filter((entry) => entry.issues.length > 0);
  if (invalid.length > 0) {
    const lines = invalid.flatMap(({ index, issues }) =>
      issues.map((i) => `✗ [${index}] ${i.path || '(message)'}: ${i.message} (${i.code})`),
    );
    return { code: EXIT.invalid, stdout: '', stderr: lines.join('\n') };
  }
  const json = loaded.map((entry) => entry.message?.toJSON());
  return { code: EXIT.ok, stdout: JSON.stringify(json.length === 1 ? json[0] : json, null, 2) };
}
