// `npm run bench`: runs every figure and writes docs/benchmarks.md.
//   node bench/run.mjs [build|throughput|import|bundle|memory|queue ...] [--quick]
// With some figures named, or with --quick, it prints the report and writes nothing, so a
// partial or rough run never replaces the full one.
import { writeFileSync } from 'node:fs';
import { runBuild } from './build.mjs';
import { runBundleSize } from './bundle-size.mjs';
import { runImportTime } from './import-time.mjs';
import { runMemory } from './memory.mjs';
import { runQueue } from './queue.mjs';
import { environment, renderReport } from './report.mjs';
import { runThroughput } from './throughput.mjs';

const FIGURES = {
  build: runBuild,
  throughput: runThroughput,
  import: runImportTime,
  bundle: runBundleSize,
  memory: runMemory,
  queue: runQueue,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !(name in FIGURES));
if (unknown.length > 0) {
  console.error(
    `unknown figure ${unknown.join(', ')}; choose from ${Object.keys(FIGURES).join(', ')}`,
  );
  process.exit(2);
}
const selected = named.length > 0 ? named : Object.keys(FIGURES);

const figures = [];
const started = performance.now();
for (const name of selected) {
  const figureStarted = performance.now();
  console.error(`bench: ${name}...`);
  figures.push(...[await FIGURES[name]({ quick })].flat());
  console.error(
    `bench: ${name} done in ${((performance.now() - figureStarted) / 1000).toFixed(1)} s`,
  );
}
console.error(`bench: all done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const report = renderReport(figures, environment());
if (named.length === 0 && !quick) {
  const path = new URL('../docs/benchmarks.md', import.meta.url);
  writeFileSync(path, report);
  console.error('bench: wrote docs/benchmarks.md');
  for (const figure of figures) {
    for (const target of figure.targets) {
      console.error(
        `  ${target.met ? 'met   ' : 'MISSED'} ${figure.title}: ${target.text} (${target.measured})`,
      );
    }
  }
} else {
  process.stdout.write(report);
}
