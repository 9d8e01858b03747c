import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxMessage } from './records.js';

/** Creates the folder (and its parents) once, when the sandbox starts. */
export async function prepareDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/**
 * Writes `<dir>/<MessageID>.json` (pretty-printed, for people reading the folder). The
 * file is complete before the send is answered, so a test can read it right after.
 */
export async function writeMessageFile(dir: string, message: SandboxMessage): Promise<string> {
  const path = join(dir, `${message.MessageID}.json`);
  await writeFile(path, `${JSON.stringify(message, null, 2)}\n`, 'utf8');
  return path;
}
