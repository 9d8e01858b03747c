// Figure 4: the minified + gzipped browser bundle of what a user imports, built by esbuild.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import * as valibot from 'valibot';

const TARGET_KIB = 24;

// The parts of our send-only bundle that a decision could leave out, each measured by building
// the bundle again with the part's modules (dist/edge/...) emptied: what the bundle loses is
// what the part costs it, gzipped.
const PARTS = [
  { name: 'ky', modules: ['ky'] },
  {
    name: 'reading Postmark JSON (Message.fromJSON, Message.create)',
    modules: ['message/read-json.js'],
  },
  {
    name: 'bulk sending (sendBulk, bulkStatus, waitForBulk)',
    modules: ['send/bulk.js', 'send/bulk-status.js'],
  },
  { name: 'the environment and the dry run (POSTMARK_* variables)', modules: ['options/env.js'] },
  { name: 'the table of ErrorCodes and their wording', modules: ['postmark/error-codes.js'] },
];

// The smallest code that does the same job: post a batch with fetch and read the answer.
const HAND_WRITTEN = `
export async function sendBatch(token, messages) {
  const response = await fetch('https://api.postmarkapp.com/email/batch', {
    method: 'POST',
    headers: { 'X-Postmark-Server-Token': token, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(messages),
  });
  if (!response.ok) throw new Error('Postmark answered ' + response.status);
  return response.json();
}`;

const CASES = [
  // Our package.json sends the browser condition to dist/edge/index.js (no mime database).
  { name: 'postmark-fluent', contents: "export { Message, Sender } from 'postmark-fluent';" },
  { name: 'official `postmark`', contents: "export { ServerClient } from 'postmark';" },
  { name: 'baseline: hand-written fetch call', contents: HAND_WRITTEN, baseline: true },
];

/**
 * An esbuild plugin that empties the named modules: each keeps its export names (read from
 * esbuild's `export { ... }` at the end of a dist/edge file), bound to nothing.
 */
function emptied(modules) {
  const matches = (path) => modules.some((module) => path.endsWith(`/dist/edge/${module}`));
  return {
    name: 'emptied',
    setup(b) {
      b.onResolve({ filter: /^ky$/ }, () =>
        modules.includes('ky') ? { path: 'ky', namespace: 'emptied' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'emptied' }, () => ({
        contents: 'export default globalThis.nothing;',
        loader: 'js',
      }));
      b.onLoad({ filter: /\/dist\/edge\/.*\.js$/ }, (args) => {
        if (!matches(args.path)) return undefined;
        const names = [...readFileSync(args.path, 'utf8').matchAll(/export \{([^}]*)\}/g)]
          .flatMap((m) => m[1].split(','))
          .map((name) =>
            name
              .trim()
              .split(/\s+as\s+/)
              .pop(),
          )
          .filter(Boolean);
        return {
          contents: names.map((name) => `export const ${name} = globalThis.nothing;`).join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

/** Minified and gzipped bytes of one entry, and the inputs that weigh most in it. */
async function measure(contents, plugins = []) {
  const result = await build({
    plugins,
    stdin: { contents, resolveDir: process.cwd(), loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  const heaviest = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, heaviest };
}

/**
 * The floor: ky and the valibot functions our bundle carries, alone (what any bundle built
 * on them carries before a line of ours). The valibot names are read from our modules in it.
 */
function floorEntry(heaviest) {
  const names = new Set();
  for (const { path } of heaviest) {
    if (!path.startsWith('dist/edge/')) continue;
    const code = readFileSync(path, 'utf8');
    for (const m of code.matchAll(/\b(?:v|valibot)\.([a-zA-Z]\w*)\b/g)) names.add(m[1]);
  }
  const exported = new Set(Object.keys(valibot));
  const list = [...names].filter((name) => exported.has(name)).sort();
  return `import ky from 'ky';\nimport { ${list.join(', ')} } from 'valibot';\nexport { ky, ${list.join(', ')} };`;
}

/** Sums the minified bytes by package (or `dist/` for our own code). */
function byPackage(heaviest) {
  const totals = new Map();
  for (const { path, bytes } of heaviest) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match ? match[1] : path.startsWith('dist/') ? 'postmark-fluent (dist/edge)' : path;
    totals.set(key, (totals.get(key) ?? 0) + bytes);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** The modules that put code into a bundle, but the entry. */
const modulesOf = ({ heaviest }) =>
  heaviest.filter(({ path, bytes }) => bytes > 0 && path !== 'entry.js').map(({ path }) => path);

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function runBundleSize() {
  const measured = [];
  // esbuild's output is deterministic; several builds only confirm it (no spread expected).
  for (const c of CASES) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await measure(c.contents));
    const gz = runs.map((r) => r.gzipped);
    if (new Set(gz).size !== 1) throw new Error(`${c.name}: esbuild output differs between builds`);
    measured.push({ ...c, ...runs[0] });
  }
  const [ours, official] = measured;
  const ratio = ours.gzipped / official.gzipped;
  // The floor is ours less our own code; it goes between ours and the official client.
  const floor = await measure(floorEntry(ours.heaviest));
  measured.splice(1, 0, { name: 'for reference: the floor, ky + the valibot it uses', ...floor });
  // Not one byte for the rest of the API: Message and Sender taken from their own modules
  // make the same bundle as from the main entry, which exports everything else too.
  const direct = await measure(
    "export { Message } from './dist/edge/message/message.js'; export { Sender } from './dist/edge/send/sender.js';",
  );
  const fromDirect = new Set(modulesOf(direct));
  const extra = modulesOf(ours).filter((path) => !fromDirect.has(path));
  const costs = [];
  for (const part of PARTS) {
    const without = await measure(CASES[0].contents, [emptied(part.modules)]);
    costs.push({ name: part.name, bytes: ours.gzipped - without.gzipped });
  }
  const ourOwn = ours.heaviest
    .filter(({ path }) => path.startsWith('dist/'))
    .slice(0, 8)
    .map(({ path, bytes }) => `${path.replace('dist/edge/', '')} ${kib(bytes)}`);
  const stat = (bytes) => ({
    median: bytes / 1024,
    mad: 0,
    min: bytes / 1024,
    max: bytes / 1024,
    n: 3,
  });
  return {
    id: 'bundle',
    title: '4. Browser bundle size',
    what: "esbuild `bundle: true, minify: true, platform: 'browser', format: 'esm'` of an entry that re-exports what a user imports (`Message, Sender` from `postmark-fluent`, which the `browser` condition sends to dist/edge; `ServerClient` from `postmark`), gzipped with node:zlib (level 9). Baseline: a hand-written function that posts a batch with `fetch`. esbuild is deterministic, so the spread is 0.",
    unit: 'KiB, minified + gzipped',
    better: 'lower',
    rows: measured.map((m) => ({
      name: m.name,
      stat: stat(m.gzipped),
      baseline: m.baseline,
      extra: { minified: m.minified },
    })),
    extraColumns: [{ key: 'minified', title: 'minified, not gzipped', format: kib }],
    targets: [
      {
        text: 'smaller than the official client',
        measured: `${ratio.toFixed(2)}x (${kib(ours.gzipped)} vs ${kib(official.gzipped)})`,
        met: ratio < 1,
      },
      {
        text: `at most ${TARGET_KIB} KiB gzipped`,
        measured: kib(ours.gzipped),
        met: ours.gzipped <= TARGET_KIB * 1024,
      },
      {
        text: 'not one byte larger for the rest of the API (Server, Account, webhooks) existing',
        measured:
          extra.length === 0
            ? `the same ${modulesOf(ours).length} modules from the main entry as from message.js and sender.js alone (the minifier's names may differ by a byte or two)`
            : `${extra.length} modules more from the main entry than from message.js and sender.js alone: ${extra.join(', ')}`,
        met: extra.length === 0,
      },
    ],
    notes: [
      `What our bundle is made of (minified bytes): ${byPackage(ours.heaviest)
        .map(([name, bytes]) => `${name} ${kib(bytes)}`)
        .join(', ')}.`,
      `Our own modules that weigh most (minified): ${ourOwn.join(', ')}.`,
      `What each part costs our gzipped bundle (built again with the part left out): ${costs
        .map(({ name, bytes }) => `${name} ${kib(bytes)}`)
        .join(
          '; ',
        )}. The floor, ${kib(floor.gzipped)}, leaves ${kib(TARGET_KIB * 1024 - floor.gzipped)} of the ${TARGET_KIB} KiB for our own code, which takes ${kib(ours.gzipped - floor.gzipped)} today.`,
      `The official bundle: ${byPackage(official.heaviest)
        .map(([name, bytes]) => `${name} ${kib(bytes)}`)
        .join(', ')}.`,
    ],
  };
}
