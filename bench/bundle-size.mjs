// Figure 4: the minified + gzipped browser bundle of what a user imports, built by esbuild.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

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

/** Minified and gzipped bytes of one entry, and the inputs that weigh most in it. */
async function measure(contents) {
  const result = await build({
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
  const stat = (bytes) => ({
    median: bytes / 1024,
    mad: 0,
    min: bytes / 1024,
    max: bytes / 1024,
    n: 3,
  });
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
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
    ],
    notes: [
      `What our bundle is made of (minified bytes): ${byPackage(ours.heaviest)
        .map(([name, bytes]) => `${name} ${kib(bytes)}`)
        .join(', ')}.`,
      `The official bundle: ${byPackage(official.heaviest)
        .map(([name, bytes]) => `${name} ${kib(bytes)}`)
        .join(', ')}.`,
    ],
  };
}
