import { contentTypeFor as commonContentTypeFor } from './mime-edge.js';

type Lookup = (fileName: string) => string | false;

// `undefined`: not tried yet; `null`: this runtime cannot load it.
let fullLookup: Lookup | null | undefined;

/**
 * The content type for a file name. Common attachment types come from the compact table
 * generated from the mime database; any other extension is looked up in the full database
 * (`mime-types`), loaded on first need rather than at import, because parsing it costs
 * ~20 ms that every program importing the SDK would otherwise pay. Both answer alike for
 * every extension of the table (a test checks it). The Workers/browser build replaces this
 * module by `mime-edge.ts`.
 */
export function contentTypeFor(fileName: string): string | undefined {
  const common = commonContentTypeFor(fileName);
  if (common !== undefined) return common;
  if (fullLookup === undefined) fullLookup = loadMimeTypes();
  return fullLookup?.(fileName) || undefined;
}

interface ModuleBuiltin {
  createRequire(from: string): (id: string) => { lookup: Lookup };
}

// No top-level `node:` import (see files.ts). A bundle that left mime-types out ends here
// with `null`, and only the common types are inferred, as on Workers.
function loadMimeTypes(): Lookup | null {
  try {
    const runtime = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
    const module = runtime.process?.getBuiltinModule?.('node:module') as ModuleBuiltin | undefined;
    return module ? module.createRequire(import.meta.url)('mime-types').lookup : null;
  } catch {
    return null;
  }
}
