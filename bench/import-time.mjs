// Figure 3: import time of the main entry, each sample a fresh Node process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { fromTask, summarize } from './stats.mjs';

const CHILD = fileURLToPath(new URL('./import-child.mjs', import.meta.url));

// The same child script for all three, so the process start-up cost is identical and the
// difference is the import. Our package resolves by self-reference to dist/, as a user's would.
const CASES = [
  { name: 'postmark-fluent', args: ['postmark-fluent'] },
  { name: 'official `postmark`', args: ['postmark'] },
  { name: 'baseline: empty script', args: [], baseline: true },
];

export async function runImportTime({ quick = false } = {}) {
  const inProcess = new Map(CASES.map((c) => [c.name, []]));
  const bench = new Bench({
    name: 'import-time',
    time: 0,
    iterations: quick ? 5 : 25,
    warmupIterations: 3,
    warmupTime: 0,
    retainSamples: true,
    throws: true,
  });
  for (const c of CASES) {
    bench.add(c.name, () => {
      const printed = execFileSync(process.execPath, [CHILD, ...c.args], { encoding: 'utf8' });
      inProcess.get(c.name).push(Number(printed));
    });
  }
  await bench.run();

  const [ours, official, empty] = bench.tasks.map((task) => fromTask(task));
  const added = (stat) => stat.median - empty.median;
  const importOnly = (name) => summarize(inProcess.get(name));
  const oursAdded = added(ours);
  const officialAdded = added(official);
  return {
    id: 'import',
    title: '3. Import time',
    what: "Wall-clock time of a fresh `node` process that runs one small script: `await import('postmark-fluent')` (the ESM main entry, resolved to dist/ as a user gets it), `await import('postmark')`, or nothing (the baseline: Node's own start-up). \"Added\" is the median minus the empty script's median. The import alone, timed inside the process, is shown too.",
    unit: 'ms per process',
    better: 'lower',
    rows: [
      {
        name: 'postmark-fluent',
        stat: ours,
        extra: { added: oursAdded, importOnly: importOnly(CASES[0].name) },
      },
      {
        name: 'official `postmark`',
        stat: official,
        extra: { added: officialAdded, importOnly: importOnly(CASES[1].name) },
      },
      {
        name: 'baseline: empty script',
        stat: empty,
        baseline: true,
        extra: { added: 0, importOnly: importOnly(CASES[2].name) },
      },
    ],
    extraColumns: [
      { key: 'added', title: 'added over empty', format: (value) => `${value.toFixed(1)} ms` },
      {
        key: 'importOnly',
        title: 'the import alone (in-process)',
        format: (s) => `${s.median.toFixed(1)} ± ${s.mad.toFixed(1)} ms`,
      },
    ],
    targets: [
      {
        text: 'no more added time than the official client',
        measured: `${oursAdded.toFixed(1)} ms vs ${officialAdded.toFixed(1)} ms`,
        met: oursAdded <= officialAdded,
      },
    ],
  };
}
