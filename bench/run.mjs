// `npm run bench`: runs every figure and writes docs/benchmarks.md.
//   node bench/run.mjs [build|throughput|import|bundle|memory|queue|latency ...] [--quick]
//     [--latency-ms=N]   (figure 7's delay of every answer; 150 by default)
// With some figures named, or with --quick or --latency-ms, it prints the report and writes
// nothing, so a partial, rough or differently set run never replaces the full one.
import { writeFileSync } from 'node:fs';
import { runBuild } from './build.mjs';
import { runBundleSize } from './bundle-size.mjs';
import { runImportTime } from './import-time.mjs';
import { DEFAULT_LATENCY_MS, runLatency } from './latency.mjs';
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
  latency: runLatency,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const latencyArg = args.find((arg) => arg.startsWith('--latency-ms='));
const latencyMs = latencyArg
  ? Number(latencyArg.slice('--latency-ms='.length))
  : DEFAULT_LATENCY_MS;
if (!Number.isInteger(latencyMs) || latencyMs < 0) {
  console.error('--latency-ms takes a whole number of milliseconds');
  process.exit(2);
}
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
  figures.push(...[await FIGURES[name]({ quick, latencyMs })].flat());
  console.error(
    `bench: ${name} done in ${((performance.now() - figureStarted) / 1000).toFixed(1)} s`,
  );
}
console.error(`bench: all done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const report = renderReport(figures, environment());
if (named.length === 0 && !quick && !latencyArg) {
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
