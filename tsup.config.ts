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

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      sandbox: 'src/sandbox/index.ts',
      schemas: 'src/schemas/index.ts',
      queue: 'src/queue/index.ts',
      cli: 'src/cli/main.ts',
    },
    dts: true,
    clean: true,
  },
  {
    ...shared,
    entry: { 'edge/index': 'src/index.ts' },
    format: ['esm'],
    platform: 'neutral',
    esbuildPlugins: [compactMime],
    clean: false,
  },
]);
