import { parseArgs } from 'node:util';
import {
  isMessageValidationError,
  MessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { Message } from '../message/message.js';
import type { MessageInit } from '../model/types.js';
import { isTestMode } from '../options/env.js';
import type { BatchEntry, BatchFailure } from '../send/batch-entry.js';
import { Sender } from '../send/sender.js';
import { loadMessages } from './load-messages.js';
import { type CommandResult, EXIT, usage } from './output.js';
import { deliver, type Numbered } from './send-deliver.js';
import {
  DEFAULT_FAILURES,
  DEFAULT_UNKNOWN,
  isOutput,
  leftoverProblem,
  type OutputFiles,
  writeOutputs,
} from './send-files.js';
import { describeEntry, formatSummary, summarize } from './send-summary.js';

export const SEND_HELP = `Usage: postmark-fluent send [options] <file>
       postmark-fluent send --to <address> --subject <text> (--text <text> | --html <html>) [options]

Sends through a Sender configured from the environment: POSTMARK_SERVER_TOKEN (required,
unless POSTMARK_TEST_MODE=true), POSTMARK_DEFAULT_FROM, POSTMARK_BASE_URL, ... (see
docs/cli.md). A file is read as by "validate"; invalid messages are reported and not sent.
One message goes through send(); several through sendBatch (templated ones through
sendBatchWithTemplates), with progress on a terminal and a summary at the end.

Options:
  --to, --cc, --bcc <address>   recipients (repeatable)
  --from <address>              sender (default: POSTMARK_DEFAULT_FROM)
  --subject, --text, --html, --tag, --stream <value>
  --failures <file>             where to write the messages Postmark did not take, as JSON
                                Lines ready to re-send with "send <file>"
                                (default: postmark-failed.jsonl)
  --unknown <file>              where to write the messages that may have been delivered
                                (a timeout, a 500): check before sending them again
                                (default: postmark-unknown.jsonl)
  --json                        print the summary as JSON
  -h, --help                    show this help

Exit status: 0 all sent, 1 some invalid or failed, 2 usage error (bad option, unreadable
file, missing or bad environment).`;

export async function sendCommand(args: string[]): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string', multiple: true },
      cc: { type: 'string', multiple: true },
      bcc: { type: 'string', multiple: true },
      from: { type: 'string' },
      subject: { type: 'string' },
      text: { type: 'string' },
      html: { type: 'string' },
      tag: { type: 'string' },
      stream: { type: 'string' },
      failures: { type: 'string' },
      unknown: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { code: EXIT.ok, stdout: SEND_HELP };
  const { to, cc, bcc, from, subject, text, html, tag, stream } = values;
  const given = { to, cc, bcc, from, subject, text, html, tag, stream };
  const flags: MessageInit = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  );
  const flagged = Object.keys(flags).length > 0;
  if (positionals.length > 1) return usage('send takes one file', SEND_HELP, args);
  if (positionals.length === 1 && flagged)
    return usage(
      'send takes a file or message flags (--to, --subject, ...), not both',
      SEND_HELP,
      args,
    );
  if (positionals.length === 0 && !flagged)
    return usage('send needs a file, or --to/--subject/--text flags', SEND_HELP, args);

  const input = positionals[0];
  const files: OutputFiles = {
    failures: values.failures ?? DEFAULT_FAILURES,
    unknown: values.unknown ?? DEFAULT_UNKNOWN,
  };
  // Checked before anything is sent: writing over an earlier run's files would lose them.
  const leftover = leftoverProblem(files, input);
  if (leftover) return usage(leftover, SEND_HELP, args);

  const sender = senderFromEnv(args);
  if (!(sender instanceof Sender)) return sender;

  const messages: Numbered[] = [];
  const entries: BatchEntry[] = [];
  const sources = new Map<number, unknown>();
  if (flagged) {
    try {
      // Merged now, so that what a failures file keeps is complete and can be sent again.
      messages.push({ index: 0, message: Message.create(flags).withDefaults(sender.defaults) });
    } catch (error) {
      // A rule about one value (a malformed address) breaks at the builder call itself.
      if (!isMessageValidationError(error)) throw error;
      entries.push(invalidEntry(0, error.issues));
    }
  } else {
    for (const loaded of await loadMessages(input as string, sender.defaults)) {
      if (loaded.message && loaded.issues.length === 0)
        messages.push({ index: loaded.index, message: loaded.message });
      else {
        entries.push(invalidEntry(loaded.index, loaded.issues));
        if (loaded.source !== undefined) sources.set(loaded.index, loaded.source);
      }
    }
  }
  entries.push(...(await deliver(sender, messages)));
  entries.sort((a, b) => a.index - b.index);

  const summary = summarize(entries);
  // A dry run answers like Postmark; its summary must not read as if mail had gone out.
  if (isTestMode(process.env)) summary.dryRun = true;
  const byIndex = new Map(messages.map((m) => [m.index, m.message]));
  // An invalid message of an original file is fixed there; one of an output file sent again
  // goes back to the failures file as it was, or it would be lost.
  const resending = isOutput(files, input);
  const written = await writeOutputs(
    files,
    input,
    entries,
    (index) => byIndex.get(index) ?? (resending ? sources.get(index) : undefined),
  );
  if (written.failures) summary.failuresFile = written.failures;
  if (written.unknown) summary.unknownFile = written.unknown;
  const code = summary.failed === 0 ? EXIT.ok : EXIT.invalid;
  // The messages are sent by now: a file that cannot be written must not hide the summary.
  const stderr = written.problem;
  if (values.json) {
    const dryRun = summary.dryRun === true;
    const report = { ...summary, results: entries.map((entry) => describeEntry(entry, dryRun)) };
    return { code, stdout: JSON.stringify(report, null, 2), stderr };
  }
  return { code, stdout: formatSummary(summary, entries), stderr };
}

/** The Sender, or a usage error that names what to set (the token is the usual miss). */
function senderFromEnv(args: readonly string[]): Sender | CommandResult {
  try {
    return Sender.fromEnv();
  } catch (error) {
    // Said in the CLI's words only when the token is what is missing; any other variable
    // (a bad POSTMARK_DEFAULT_FROM in a dry run) is named by the Sender's own error.
    const tokenMissing =
      !process.env.POSTMARK_SERVER_TOKEN?.trim() && !process.env.POSTMARK_TEST_MODE?.trim();
    const problem = tokenMissing
      ? 'send needs POSTMARK_SERVER_TOKEN in the environment (or POSTMARK_TEST_MODE=true for a dry run)'
      : (error as Error).message;
    return usage(problem, SEND_HELP, args);
  }
}

function invalidEntry(index: number, issues: readonly ValidationIssue[]): BatchFailure {
  const error = new MessageValidationError(issues);
  return { status: 'failed', index, message: error.message, error };
}
