import { lookup } from 'mime-types';

/**
 * The content type for a file name, from the full mime database.
 * Kept behind this seam so the build for Workers and browsers can substitute a compact table.
 */
export function contentTypeFor(fileName: string): string | undefined {
  return lookup(fileName) || undefined;
}
