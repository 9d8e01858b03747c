import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { UnreadableFileError } from './load-messages.js';

// The kinds of file a folder is searched for. Modules are left out: a folder of code holds
// more than message modules, and importing every .js file of it would run them.
const MESSAGE_FILES = new Set(['.json', '.jsonl', '.ndjson']);

/**
 * The files to validate: each file as given, and for each folder its message files
 * (.json, .jsonl, .ndjson), found recursively (not in node_modules or dot-folders), sorted.
 * A folder with none is a usage error rather than a silent pass.
 */
export async function expandFolders(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory()) {
      files.push(path); // a missing file is reported when it is read
      continue;
    }
    const found = await walk(path);
    if (found.length === 0) {
      throw new UnreadableFileError(
        `the folder ${path} holds no message files (${[...MESSAGE_FILES].join(', ')})`,
      );
    }
    files.push(...found);
  }
  return files;
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.'))
        found.push(...(await walk(path)));
    } else if (MESSAGE_FILES.has(extname(entry.name).toLowerCase())) found.push(path);
  }
  return found;
}
