import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  target: 'es2022',
  sourcemap: true,
  splitting: true,
  treeshake: true,
  // import.meta.url in the CommonJS build (platform/mime.ts loads mime-types on first need).
  shims: true,
};

// The Workers/browser build swaps the mime-types seam for a compact table, so neither the
// mime database nor Node's `path` reaches those bundles.
const compactMime: Plugin = {
  name: 'compact-mime',
  setup(build) {
    build.onResolve({ filter: /\/platform\/mime\.js$/ }, (args) => ({
      path: new URL('./src/platform/mime-edge.ts', import.meta.url).pathname,
      namespace: 'file',
      pluginData: args.importer,
    }));
  },
};

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
    esbuildPlugins: [rawText],
    dts: true,
    clean: true,
  },
  {
    ...shared,
    entry: { 'edge/index': 'src/index.ts', 'edge/webhooks': 'src/webhooks/index.ts' },
    format: ['esm'],
    // Each edge entry whole in dist/edge/: no chunk shared with (or cleaned by) the Node build.
    splitting: false,
    platform: 'neutral',
    esbuildPlugins: [compactMime],
    clean: false,
  },
]);
