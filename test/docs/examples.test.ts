import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Every ```ts run block of docs/*.md is executed, with the package's entry points pointed at
// the sources, so a documented example that stops working fails the tests.
const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = fileURLToPath(new URL('./.examples/', import.meta.url));
const entries: Record<string, string> = {
  'postmark-fluent': 'src/index.ts',
  'postmark-fluent/testing': 'src/testing/index.ts',
  'postmark-fluent/sandbox': 'src/sandbox/index.ts',
  'postmark-fluent/schemas': 'src/schemas/index.ts',
  'postmark-fluent/webhooks': 'src/webhooks/index.ts',
};

const docs = readdirSync(`${root}docs`).filter((name) => name.endsWith('.md'));
const blocks = docs.flatMap((doc) =>
  [...readFileSync(`${root}docs/${doc}`, 'utf8').matchAll(/```ts run\n([\s\S]*?)```/g)].map(
    (match, i) => ({
      name: `${doc} example ${i + 1}`,
      file: `${scratch}${doc.replace('.md', '')}-${i + 1}.ts`,
      code: (match[1] ?? '').replace(
        /from '(postmark-fluent(?:\/\w+)?)'/g,
        (_, entry: string) => `from '${root}${entries[entry] ?? entry}'`,
      ),
    }),
  ),
);

describe('documented examples', () => {
  mkdirSync(scratch, { recursive: true });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks)('$name runs', async ({ file, code }) => {
    writeFileSync(file, code);
    const cwd = process.cwd();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    process.chdir(`${root}test/fixtures`); // examples name files such as ./invoice.pdf
    try {
      await import(pathToFileURL(file).href);
    } finally {
      process.chdir(cwd);
      log.mockRestore();
    }
  });
});
