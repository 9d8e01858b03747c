// `npm run bench:profile -- build|throughput`: where our side of a figure spends its CPU.
// Runs only our contender, warmed up, under V8's sampling profiler (node:inspector), and
// prints the functions with the most self time and the most total time. This is how the
// costs named in the issue notes were found; it measures shares, not speed, so it is
// meaningful even on a noisy machine.
import { Session } from 'node:inspector/promises';
import { Message } from 'postmark-fluent';
import { ourSender, sendOurs } from './contenders.mjs';
import { batchOurs, typicalOursJson } from './fixtures.mjs';
import { forkSink } from './sink.mjs';

const WORKLOADS = {
  async build() {
    let kept = 0;
    const once = () => {
      kept += typicalOursJson(Message).length;
    };
    return { run: () => repeat(200_000, once), stop: async () => kept };
  },
  async throughput() {
    const messages = Array.from({ length: 20_000 }, (_, i) => batchOurs(Message, i));
    const sink = await forkSink();
    const sender = ourSender(sink.url);
    return {
      run: async () => {
        for (let i = 0; i < 5; i++) await sendOurs(sender, messages);
      },
      stop: () => sink.close(),
    };
  },
};

const SHOWN = 25;
const name = process.argv[2];
if (!(name in WORKLOADS)) {
  console.error(`usage: node bench/profile.mjs ${Object.keys(WORKLOADS).join('|')}`);
  process.exit(2);
}

const workload = await WORKLOADS[name]();
await workload.run(); // warm-up, not profiled
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
await workload.run();
const { profile } = await session.post('Profiler.stop');
session.disconnect();
await workload.stop();
report(profile);

function repeat(count, fn) {
  for (let i = 0; i < count; i++) fn();
}

/** Self and total time per function (summed over call sites), as shares of all samples. */
function report({ nodes, samples, timeDeltas }) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const label = ({ callFrame: { functionName, url, lineNumber } }) =>
    `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;

  const self = new Map();
  const total = new Map();
  let all = 0;
  samples.forEach((id, i) => {
    const time = timeDeltas[i] ?? 0;
    all += time;
    const key = label(byId.get(id));
    self.set(key, (self.get(key) ?? 0) + time);
    // Each function once per sample, however deep it recurses.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const name = label(byId.get(at));
      if (!seen.has(name)) total.set(name, (total.get(name) ?? 0) + time);
      seen.add(name);
    }
  });
  const top = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, SHOWN)
      .map(([key, time]) => `${((100 * time) / all).toFixed(1).padStart(5)} %  ${key}`)
      .join('\n');
  console.log(`# ${name}: self time (the function's own code)\n${top(self)}\n`);
  console.log(`# ${name}: total time (with what it calls)\n${top(total)}`);
}
