// Contenders measured in turn, in many short rounds, rather than each in one long run: the
// machine's load drifts (on a shared VM, by 2x within a minute), and a drift that lands on
// one contender's whole run skews the ratio. Taken in rounds, every contender sees the same
// drift, and the rotating order keeps any one from always running first.
import { Bench } from 'tinybench';
import { summarize } from './stats.mjs';

/**
 * Runs `tasks` ({ name: fn }) for `rounds` rounds of one tinybench Bench each, built from
 * `options(round)`, and resolves to `{ name: summary }` over the samples of every round,
 * each mapped through `transform` (ms → the figure's unit). Samples are per call, in ms.
 */
export async function measureInRounds(tasks, { rounds, options, transform = (ms) => ms }) {
  const names = Object.keys(tasks);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ ...options(round), retainSamples: true, throws: true });
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) bench.add(name, tasks[name]);
    await bench.run();
    for (const task of bench.tasks) {
      const { result } = task;
      if (result.state !== 'completed')
        throw result.error ?? new Error(`${task.name}: ${result.state}`);
      samples[task.name].push(...Array.from(result.latency.samples, transform));
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}

/**
 * Round options for tasks of which each call is one whole sample (a batch, a send of every
 * message): one call a round, the first round also making one unmeasured call each.
 */
export const oneRunEach = (round) => ({
  time: 0,
  iterations: 1,
  warmup: round === 0,
  warmupIterations: 1,
  warmupTime: 0,
});
