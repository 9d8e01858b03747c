import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The main entry and the webhooks entry must load on Workers and in browsers: they may not
// import `node:` modules (or Node built-ins by bare name) at the top level.
const folders = [
  'send',
  'transport',
  'errors',
  'testing',
  'webhooks',
  'schemas',
  'postmark',
  'utils',
];

describe('the send pipeline imports no Node built-ins', () => {
  it.each(folders)('src/%s', (folder) => {
    const dir = new URL(`../../src/${folder}/`, import.meta.url);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      const imports = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map(
        (match) => match[1],
      );
      const builtins = imports.filter(
        (name) =>
          name?.startsWith('node:') ||
          ['fs', 'path', 'http', 'https', 'net', 'util', 'crypto', 'buffer'].includes(name ?? ''),
      );
      expect({ file, builtins }).toEqual({ file, builtins: [] });
    }
  });
});
