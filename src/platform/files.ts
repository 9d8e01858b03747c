// No top-level `node:` import: the main entry must load on Workers and in browsers, where
// there is no file system. Runtimes that have one expose it through these globals.
interface FileSystemGlobals {
  process?: { getBuiltinModule?: (id: string) => unknown };
  Deno?: { readFileSync?: (path: string) => Uint8Array };
}

interface NodeFs {
  readFileSync(path: string): Uint8Array;
}

/**
 * Reads a whole file synchronously, or returns `undefined` when this runtime has no file
 * system. Throws the runtime's own error (with its `code`, such as ENOENT) when reading fails.
 */
export function readFileBytes(path: string): Uint8Array | undefined {
  const globals = globalThis as FileSystemGlobals;
  const fs = globals.process?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (fs) return fs.readFileSync(path);
  if (globals.Deno?.readFileSync) return globals.Deno.readFileSync(path);
  return undefined;
}

/** The last segment of a path, for an attachment's name. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
