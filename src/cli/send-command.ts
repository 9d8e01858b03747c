import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  MessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { Message } from '../message/message.js';
import type { BatchEntry, BatchFailure } from '../send/batch-result.js';
import { Sender } from '../send/sender.js';
import { loadMessages } from './load-messages.js';
import { type CommandResult, EXIT, usage } from './output.js';

export const SEND_HELP = `Usage: postmark-fluent send [options] <file>
       postmark-fluent send --to <address> --subject <text> (--text <text> | --html <html>) [options]

Sends through a Sender configured from the environment (POSTMARK_SERVER_TOKEN,
POSTMARK_DEFAULT_FROM, POSTMARK_BASE_URL, ... see docs/sending.md). A file is read as by
"validate"; several messages go through sendBatch (templated ones through
sendBatchWithTemplates) with progress on a terminal and a summary at the end.

Options:
  --to, --cc, --bcc <address>   recipients (repeatable)
  --from <address>              sender (default: POSTMARK_DEFAULT_FROM)
  --subject, --text, --html, --tag, --stream <value>
  --failures <file>             where to write failed messages as JSON Lines, ready to
                                re-send with "send <file>" (default: postmark-failed.jsonl)
  --json                        print the summary as JSON
  -h, --help                    show this help

Exit status: 0 all sent, 1 some invalid or failed, 2 usage error.`;

interface Summary {
  total: number;
  sent: number;
  failed: number;
  byErrorCode: Record<string, number>;
  failuresFile?: string;
}

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
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { code: EXIT.ok, stdout: SEND_HELP };
  const fromFlags = values.to || values.cc || values.bcc;
  if (positionals.length > 1 || (positionals.length === 1) === Boolean(fromFlags)) {
    return usage('send takes one file, or --to/--subject/--text flags, not both', SEND_HELP);
  }

  let sender: Sender;
  try {
    sender = Sender.fromEnv();
  } catch (error) {
    return usage((error as Error).message, SEND_HELP);
  }

  const messages: { index: number; message: Message }[] = [];
  const entries: BatchEntry[] = [];
  if (fromFlags) {
    const init = {
      to: values.to,
      cc: values.cc,
      bcc: values.bcc,
      from: values.from,
      subject: values.subject,
      text: values.text,
      html: values.html,
      tag: values.tag,
      stream: values.stream,
    };
    messages.push({
      index: 0,
      message: Message.create(
        Object.fromEntries(Object.entries(init).filter(([, v]) => v !== undefined)),
      ),
    });
  } else {
    for (const loaded of await loadMessages(positionals[0] as string, sender.defaults)) {
      if (loaded.message && loaded.issues.length === 0)
        messages.push({ index: loaded.index, message: loaded.message });
      else entries.push(invalidEntry(loaded.index, loaded.issues));
    }
  }

  const progress = progressLine(messages.length);
  for (const kind of ['email', 'template'] as const) {
    const group = messages.filter((m) => m.message.kind === kind);
    if (group.length === 0) continue;
    const options = { onProgress: progress };
    const batch =
      kind === 'email'
        ? await sender.sendBatch(
            group.map((m) => m.message),
            options,
          )
        : await sender.sendBatchWithTemplates(
            group.map((m) => m.message),
            options,
          );
    // The batch numbers its own list; map back to the file's message indexes.
    for (const entry of batch.results)
      entries.push({ ...entry, index: group[entry.index]?.index ?? entry.index });
  }
  progress.done();
  entries.sort((a, b) => a.index - b.index);

  const summary = summarize(entries);
  const failed = entries.filter((e) => e.status === 'failed');
  if (failed.length > 0) {
    summary.failuresFile = values.failures ?? 'postmark-failed.jsonl';
    const byIndex = new Map(messages.map((m) => [m.index, m.message]));
    const lines = failed
      .map((e) => byIndex.get(e.index))
      .filter((m): m is Message => m !== undefined)
      .map((m) => JSON.stringify(m));
    await writeFile(summary.failuresFile, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  }
  const code = summary.failed === 0 ? EXIT.ok : EXIT.invalid;
  if (values.json)
    return {
      code,
      stdout: JSON.stringify({ ...summary, results: entries.map(describeEntry) }, null, 2),
    };
  return { code, stdout: formatSummary(summary, failed) };
}

function invalidEntry(index: number, issues: readonly ValidationIssue[]): BatchFailure {
  const error = new MessageValidationError(issues);
  return { status: 'failed', index, message: error.message, error };
}

function summarize(entries: BatchEntry[]): Summary {
  const byErrorCode: Record<string, number> = {};
  for (const entry of entries) {
    if (entry.status !== 'failed') continue;
    const key = entry.errorCode === undefined ? 'not sent' : String(entry.errorCode);
    byErrorCode[key] = (byErrorCode[key] ?? 0) + 1;
  }
  const sent = entries.filter((e) => e.status === 'sent').length;
  return { total: entries.length, sent, failed: entries.length - sent, byErrorCode };
}

function describeEntry(entry: BatchEntry) {
  return entry.status === 'sent'
    ? { index: entry.index, status: entry.status, messageId: entry.messageId }
    : {
        index: entry.index,
        status: entry.status,
        errorCode: entry.errorCode,
        message: entry.message,
      };
}

function formatSummary(summary: Summary, failed: BatchEntry[]): string {
  const lines = [
    `Sent ${summary.sent} of ${summary.total} message${summary.total === 1 ? '' : 's'}; ${summary.failed} failed.`,
  ];
  for (const [code, count] of Object.entries(summary.byErrorCode))
    lines.push(`  ${code === 'not sent' ? 'invalid, not sent' : `ErrorCode ${code}`}: ${count}`);
  for (const entry of failed.slice(0, 10))
    if (entry.status === 'failed') lines.push(`  ✗ [${entry.index}] ${entry.message}`);
  if (failed.length > 10) lines.push(`  … and ${failed.length - 10} more`);
  if (summary.failuresFile)
    lines.push(
      `Failed messages written to ${summary.failuresFile} (re-send with: postmark-fluent send ${summary.failuresFile}).`,
    );
  return lines.join('\n');
}

/** A one-line progress display, only on a terminal, so logs and pipes stay clean. */
function progressLine(total: number) {
  const tty = process.stderr.isTTY && total > 1;
  const update = ({ done }: { done: number }) => {
    if (tty) process.stderr.write(`\r  ${done}/${total} answered`);
  };
  return Object.assign(update, { done: () => tty && process.stderr.write('\n') });
}
