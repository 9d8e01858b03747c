import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pureTopLevel } from '../../scripts/pure-top-level.js';
import { PREAMBLE_NAMES, stopPreambleDatabase } from './preamble.js';

// Every fenced TypeScript or JavaScript example of README.md and docs/*.md runs here, with
// the package's entry points pointed at the sources, so an example that stops working (or
// never worked: a missing import) fails the tests.
// - ```ts run: a whole program; it starts what it needs (a sandbox) itself.
// - ```ts: a fragment. It runs inside the preamble (test/docs/preamble.ts): a sandbox that
//   stands in for api.postmarkapp.com, and the names an application around it would have
//   (`mailer`, `server`, `message`, ...; README.md lists them). Its imports are its own.
// - ```ts norun: only for code that needs what this project does not install (NestJS) or
//   does what a test may not (listen on a fixed port); it is still parsed, and each one is
//   listed in NOT_RUN below with the reason.
const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = fileURLToPath(new URL('./.examples/', import.meta.url));
const entries: Record<string, string> = {
  'postmark-fluent': 'src/index.ts',
  'postmark-fluent/testing': 'src/testing/index.ts',
  'postmark-fluent/sandbox': 'src/sandbox/index.ts',
  'postmark-fluent/schemas': 'src/schemas/index.ts',
  'postmark-fluent/nodemailer': 'src/nodemailer/index.ts',
  'postmark-fluent/webhooks': 'src/webhooks/index.ts',
  'postmark-fluent/queue': 'src/queue/index.ts',
};

/** The examples that only parse, and why each cannot run here. */
const NOT_RUN: Readonly<Record<string, string>> = {
  'docs/nodemailer.md example 4':
    'a NestJS module: needs @nestjs/common and @nestjs-modules/mailer',
  'docs/nodemailer.md example 5': 'an Express app: needs express, and listens on port 3000',
  'docs/webhooks.md example 7': 'an Express app: needs express, and listens on port 3000',
};

interface Block {
  readonly name: string;
  readonly kind: 'run' | 'fragment' | 'norun';
  readonly code: string;
}

const pages = [
  'README.md',
  ...readdirSync(`${root}docs`)
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`),
];
const blocks: Block[] = pages.flatMap((page) =>
  [
    ...readFileSync(`${root}${page}`, 'utf8').matchAll(
      /```(?:ts|js|mjs|typescript)( run| norun)?\n([\s\S]*?)```/g,
    ),
  ].map(
    (match, i): Block => ({
      name: `${page} example ${i + 1}`,
      kind: match[1] === ' run' ? 'run' : match[1] === ' norun' ? 'norun' : 'fragment',
      code: pointAtSources(match[2] ?? ''),
    }),
  ),
);

function pointAtSources(code: string): string {
  return code.replace(
    /from '(?:npm:)?(postmark-fluent(?:\/\w+)?)'/g,
    (_, entry: string) => `from '${root}${entries[entry] ?? entry}'`,
  );
}

// Imports go to the top of the module; the rest runs in a block inside the preamble, where its
// own declarations shadow the preamble's names. Exports become plain declarations there.
const IMPORT = /^import\s[^;]*?from\s*['"][^'"]+['"];?[ \t]*(?:\/\/[^\n]*)?$/gm;

function inPreamble(code: string): string {
  const imports = code.match(IMPORT) ?? [];
  const body = code
    .replace(IMPORT, '')
    .replace(/^export default /gm, 'const __default = ')
    .replace(/^export (?=(?:async )?function |const |let |class )/gm, '');
  return [
    ...imports,
    `import { startPreamble as __start } from '${root}test/docs/preamble.ts';`,
    `const __preamble = await __start({ database: ${/\boutbox\b|\bpool\b|DATABASE_URL/.test(code)} });`,
    'try {',
    `  const { ${PREAMBLE_NAMES.join(', ')} } = __preamble.names;`,
    '  {',
    body,
    '  }',
    '} finally {',
    '  await __preamble.stop();',
    '}',
  ].join('\n');
}

const fileOf = (block: Block) => `${scratch}${block.name.replace(/[^\w]+/g, '-')}.ts`;
const sourceOf = (block: Block) =>
  block.kind === 'fragment' ? inPreamble(block.code) : block.code;

// Names an example uses but neither defines nor imports: what a reader would meet as a
// ReferenceError, even in a branch the run does not reach. Only these diagnostics count
// (cannot find a name, a module or an export); the examples are not held to strict typing.
const UNRESOLVED = new Set([2304, 2305, 2307, 2552, 2724, 2582]);
let unresolved = new Map<string, string[]>();

function findUnresolved(files: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram(files, {
    noEmit: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    experimentalDecorators: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const found = new Map<string, string[]>();
  // Only the examples' own diagnostics: checking all of src/ too would take many seconds.
  const diagnostics = files.flatMap((file) => {
    const source = program.getSourceFile(file);
    return source ? program.getSemanticDiagnostics(source) : [];
  });
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file?.fileName;
    if (!file || !UNRESOLVED.has(diagnostic.code)) continue;
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    found.set(file, [...(found.get(file) ?? []), text]);
  }
  return found;
}

describe('documented examples', () => {
  beforeAll(() => {
    mkdirSync(scratch, { recursive: true });
    const runnable = blocks.filter((block) => block.kind !== 'norun');
    for (const block of runnable) writeFileSync(fileOf(block), sourceOf(block));
    unresolved = findUnresolved(runnable.map(fileOf));
  }, 120_000);
  afterAll(async () => {
    await stopPreambleDatabase();
    if (!process.env.KEEP_EXAMPLES) rmSync(scratch, { recursive: true, force: true });
  });

  it('finds the examples, runnable but for the few listed with a reason', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(40);
    const notRun = blocks.filter((block) => block.kind === 'norun').map((block) => block.name);
    expect(notRun.sort()).toEqual(Object.keys(NOT_RUN).sort());
  });

  it.each(blocks.filter((block) => block.kind === 'norun'))('$name parses', async ({ code }) => {
    await transform(code, { loader: 'ts', format: 'esm' });
  });

  it.each(blocks.filter((block) => block.kind !== 'norun'))('$name runs', async (block) => {
    const file = fileOf(block);
    expect(unresolved.get(file) ?? [], 'every name it uses is defined or imported').toEqual([]);
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

describe('documented figures', () => {
  it("docs/runtimes.md's bundle size is the size of the bundle today", async () => {
    const doc = readFileSync(`${root}docs/runtimes.md`, 'utf8');
    const stated = /\*\*([\d.]+) KiB, ([\d.]+) KiB gzipped\*\*/.exec(doc);
    expect(stated, 'docs/runtimes.md states "**N KiB, M KiB gzipped**"').not.toBeNull();
    const result = await build({
      stdin: {
        contents: "export { Message, Sender } from './src/index.ts';",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      // As the Workers/browser build does (tsup.config.ts): the compact MIME table, and
      // top-level initializers marked pure (scripts/pure-top-level.ts).
      plugins: [
        pureTopLevel,
        {
          name: 'compact-mime',
          setup(b) {
            b.onResolve({ filter: /\/platform\/mime\.js$/ }, () => ({
              path: `${root}src/platform/mime-edge.ts`,
            }));
          },
        },
      ],
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
    const measured = {
      minified: kib(code.length),
      gzipped: kib(gzipSync(code, { level: 9 }).length),
    };
    // Within 2%: the figure is for readers, not to the byte, but it must not go stale.
    expect(Math.abs(Number(stated?.[1]) - measured.minified)).toBeLessThanOrEqual(
      measured.minified * 0.02,
    );
    expect(Math.abs(Number(stated?.[2]) - measured.gzipped)).toBeLessThanOrEqual(
      measured.gzipped * 0.02,
    );
  });
});
