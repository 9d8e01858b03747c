// Summaries of repeated samples. Medians and median absolute deviations, because one slow
// sample (a GC, a scheduler hiccup) should move neither the figure nor its spread.

/** `{ median, mad, min, max, n }` of a list of numbers. */
export function summarize(samples) {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const deviations = sorted.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  return {
    median,
    mad: quantile(deviations, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
  };
}

function quantile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * The latency samples (ms) of a finished tinybench task, mapped through `transform` (to
 * turn a time into a rate, say) before summarizing. Needs `retainSamples: true`.
 */
export function fromTask(task, transform = (ms) => ms) {
  const { result } = task;
  if (result.state === 'errored') throw result.error;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  const samples = result.latency.samples;
  if (!samples) throw new Error(`${task.name}: samples were not retained`);
  return summarize(Array.from(samples, transform));
}

/** Runs `fn` `count` times in sequence and summarizes the numbers it resolves to. */
export async function repeat(count, fn) {
  const samples = [];
  for (let i = 0; i < count; i++) samples.push(await fn(i));
  return summarize(samples);
}
