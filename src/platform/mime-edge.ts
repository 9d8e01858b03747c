import { MIME_TABLE } from './mime-table.js';

/**
 * The content type for a file name, from a compact table of common attachment types. The
 * Workers and browser build uses this instead of `mime-types`, which needs Node's `path` and
 * carries the whole mime database.
 */
export function contentTypeFor(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : MIME_TABLE[fileName.slice(dot + 1).toLowerCase()];
}
