import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { lookup } from 'mime-types';
import { describe, expect, it } from 'vitest';
import { contentTypeFor as full } from '../../src/platform/mime.js';
import { contentTypeFor as compact } from '../../src/platform/mime-edge.js';

describe('content type inference', () => {
  it('the compact table is what the generator makes from the installed mime database', () => {
    const generated = execFileSync(
      process.execPath,
      ['scripts/generate-mime-table.mjs', '--print'],
      { encoding: 'utf8' },
    );
    expect(readFileSync('src/platform/mime-table.ts', 'utf8')).toBe(generated);
  });

  it.each([
    'invoice.pdf',
    'notes.txt',
    'photo.JPG',
    'sheet.xlsx',
    'letter.docx',
    'logo.png',
    'archive.zip',
    'invite.ics',
    'data.csv',
  ])('the compact table agrees with mime-types on %s', (name) => {
    expect(compact(name)).toBeDefined();
    expect(compact(name)).toBe(lookup(name));
    expect(full(name)).toBe(lookup(name));
  });

  it('other common extensions of the compact table agree with mime-types', () => {
    for (const ext of ['pdf', 'docx', 'mp4', 'woff2', 'p7s', 'ics', 'heic']) {
      expect(compact(`x.${ext}`)).toBe(lookup(ext) || undefined);
    }
  });

  it('beyond the compact table, the full database answers (loaded on first need)', () => {
    expect(compact('scene.glb')).toBeUndefined();
    expect(full('scene.glb')).toBe('model/gltf-binary');
    expect(full('book.EPUB')).toBe('application/epub+zip');
  });

  it('both give nothing for a name without a known extension', () => {
    for (const name of ['README', 'file.unknownext', 'trailingdot.']) {
      expect(compact(name)).toBeUndefined();
      expect(full(name)).toBeUndefined();
    }
  });
});
