import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { pureTopLevel } from './scripts/pure-top-level.js';

const shared: Options = {
  format: ['esm', 'cjs'],
  target: 'es2022',
  sourcemap: true,
  splitting: true,
  treeshake: true,
  // import.meta.url in the CommonJS build (platform/mime.ts loads mime-types on first need).
  shims: true,
};

// The Workers/browser build (dist/edge/) is one module per source module, as src/ is, not one
// file: a bundler leaves out every module a program does not reach (the package has no side
// effects), so what a Worker that only sends carries does not grow with the rest of the API.
// In one file, the top-level values of every module (schemas, tables) would all stay.
// Its mime-types seam is the compact table (platform/mime.js is built from mime-edge.ts), so
// neither the mime database nor Node's `path` reaches those bundles.
const EDGE_ENTRIES = ['src/index.ts', 'src/webhooks/index.ts'];
const EDGE_SWAPS: Readonly<Record<string, string>> = {
  'src/platform/mime.ts': 'src/platform/mime-edge.ts',
};

/** `{ 'edge/<path>': 'src/<path>.ts' }` for every module the edge entries reach. */
function edgeModules(): Record<string, string> {
  const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s*['"](\.[^'"]+)['"]/g;
  const modules: Record<string, string> = {};
  const visit = (file: string) => {
    const name = `edge/${relative('src', file).replace(/\.ts$/, '')}`;
    if (name in modules) return;
    const source = EDGE_SWAPS[file] ?? file;
    modules[name] = source;
    for (const match of readFileSync(source, 'utf8').matchAll(IMPORT)) {
      const target = relative(
        '.',
        resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts')),
      );
      visit(target);
    }
  };
  for (const entry of EDGE_ENTRIES) visit(entry);
  return modules;
}

// The mailbox's page files (src/sandbox/mailbox/page/) are imported as text with `?raw`, as
// Vite, and so vitest, reads them; the built sandbox carries them as strings.
const rawText: Plugin = {
  name: 'raw-text',
  setup(build) {
    // The path keeps its `?raw`, so that tsup's own CSS handling does not take `.css` files.
    build.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path),
      namespace: 'raw-text',
    }));
    build.onLoad({ filter: /\?raw$/, namespace: 'raw-text' }, async (args) => ({
      contents: await readFile(args.path.slice(0, -'?raw'.length), 'utf8'),
      loader: 'text',
    }));
  },
};

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      sandbox: 'src/sandbox/index.ts',
      schemas: 'src/schemas/index.ts',
      nodemailer: 'src/nodemailer/index.ts',
      webhooks: 'src/webhooks/index.ts',
      queue: 'src/queue/index.ts',
      cli: 'src/cli/main.ts',
    },
    esbuildPlugins: [rawText, pureTopLevel],
    dts: true,
    clean: true,
  },
  {
    entry: edgeModules(),
    format: ['esm'],
    target: 'es2022',
    sourcemap: true,
    bundle: false,
    platform: 'neutral',
    esbuildPlugins: [pureTopLevel],
    clean: false,
  },
]);
