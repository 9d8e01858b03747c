import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BatchEntry } from '../send/batch-entry.js';
import { mayHaveBeenDelivered } from '../send/fate.js';

// Where `send` leaves what it did not send, so that nothing is lost and nothing is sent twice:
// - the failures file: messages Postmark certainly did not take (refused with its ErrorCode,
//   or not taken at all). Safe to send again once the cause is fixed.
// - the unknown file: messages that may have been delivered (a timeout, a 500, a broken
//   answer, ErrorCode 0 without a MessageID). Never to be re-sent without checking first.
// Both hold exactly one run's messages: a run never overwrites what an earlier run left.

export const DEFAULT_FAILURES = 'postmark-failed.jsonl';
export const DEFAULT_UNKNOWN = 'postmark-unknown.jsonl';

export interface OutputFiles {
  readonly failures: string;
  readonly unknown: string;
}

/**
 * Why the run must not start, or `undefined`: an output file left by an earlier run that is
 * not the file being sent would be overwritten, and the messages in it lost.
 */
export function leftoverProblem(files: OutputFiles, input: string | undefined): string | undefined {
  for (const [option, file] of [
    ['--failures', files.failures],
    ['--unknown', files.unknown],
  ] as const) {
    if (!existsSync(file) || (input !== undefined && resolve(input) === resolve(file))) continue;
    return `${file} is left from an earlier send and would be overwritten: send it first (postmark-fluent send ${file}) or move it away, or name another file with ${option}`;
  }
  return undefined;
}

export interface Written {
  /** The file, when messages were written to it. */
  readonly failures?: string;
  readonly unknown?: string;
  /** A file that could not be written, in words. */
  readonly problem?: string;
}

/**
 * Writes each output file with this run's messages of its kind, all at once (a temporary
 * file, then renamed), or removes it when it was the input and nothing of its kind is left.
 * `recordOf` gives what to write for a message: its Postmark JSON (defaults merged), or for a
 * message that could not be read, the JSON it was read from, or nothing.
 */
export async function writeOutputs(
  files: OutputFiles,
  input: string | undefined,
  entries: readonly BatchEntry[],
  recordOf: (index: number) => unknown,
): Promise<Written> {
  const failures: unknown[] = [];
  const unknown: unknown[] = [];
  for (const entry of entries) {
    if (entry.status !== 'failed') continue;
    const record = recordOf(entry.index);
    if (record !== undefined) (mayHaveBeenDelivered(entry) ? unknown : failures).push(record);
  }
  const written: { failures?: string; unknown?: string; problem?: string } = {};
  try {
    if (await writeOrRemove(files.failures, failures, input)) written.failures = files.failures;
    if (await writeOrRemove(files.unknown, unknown, input)) written.unknown = files.unknown;
  } catch (error) {
    written.problem = `cannot write the messages that were not sent: ${(error as Error).message}`;
  }
  return written;
}

/** Whether `input` is one of the output files: a re-send of what an earlier run left. */
export function isOutput(files: OutputFiles, input: string | undefined): boolean {
  return (
    input !== undefined &&
    [files.failures, files.unknown].some((f) => resolve(f) === resolve(input))
  );
}

async function writeOrRemove(
  file: string,
  records: readonly unknown[],
  input: string | undefined,
): Promise<boolean> {
  if (records.length === 0) {
    if (input !== undefined && resolve(input) === resolve(file)) await rm(file, { force: true });
    return false;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  await rename(temporary, file);
  return true;
}
