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
  // Only the measured runs' imports are kept, as tinybench keeps only their times.
  let phase = 'warmup';
  for (const c of CASES) {
    bench.add(
      c.name,
      () => {
        const printed = execFileSync(process.execPath, [CHILD, ...c.args], { encoding: 'utf8' });
        if (phase === 'run') inProcess.get(c.name).push(Number(printed));
      },
      {
        async: false,
        beforeAll: (mode) => {
          phase = mode;
        },
      },
    );
  }
  await bench.run();

  // The process wall time is what tinybench timed; the import itself is what each child
  // printed. Both start the same script, so the import's own time is the time it adds, and
  // it is far less noisy than a difference of two process times on a busy machine.
  const [oursWall, officialWall, emptyWall] = bench.tasks.map((task) => fromTask(task));
  const [ours, official, empty] = CASES.map((c) => summarize(inProcess.get(c.name)));
  const added = (stat) => stat.median - empty.median;
  const wallAdded = (stat) => stat.median - emptyWall.median;
  const ms = (s) => `${s.median.toFixed(1)} ± ${s.mad.toFixed(1)} ms`;
  return {
    id: 'import',
    title: '3. Import time',
    what: "A fresh `node` process per sample runs one small script that times `await import('postmark-fluent')` (the ESM main entry, resolved to dist/ as a user gets it), `await import('postmark')`, or nothing (the baseline), and prints it. The figure is that in-process import time; since the script and Node's start-up are the same for all three, it is the time the import adds. The whole process's wall-clock time, and its difference from the empty script's, are shown too.",
    unit: 'ms, the import in-process',
    better: 'lower',
    rows: [
      {
        name: 'postmark-fluent',
        stat: ours,
        extra: { wall: oursWall, wallAdded: wallAdded(oursWall) },
      },
      {
        name: 'official `postmark`',
        stat: official,
        extra: { wall: officialWall, wallAdded: wallAdded(officialWall) },
      },
      {
        name: 'baseline: empty script',
        stat: empty,
        baseline: true,
        extra: { wall: emptyWall, wallAdded: 0 },
      },
    ],
    extraColumns: [
      { key: 'wall', title: 'whole process (wall clock)', format: ms },
      {
        key: 'wallAdded',
        title: 'wall clock over empty',
        format: (value) => `${value.toFixed(1)} ms`,
      },
    ],
    targets: [
      {
        text: 'no more added time than the official client',
        measured: `${added(ours).toFixed(1)} ms vs ${added(official).toFixed(1)} ms`,
        met: added(ours) <= added(official),
      },
    ],
  };
}
