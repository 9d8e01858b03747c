// Figure 1: build + validate + serialize one typical message, in this process.

import { Models } from 'postmark';
import { Message } from 'postmark-fluent';
import { Bench } from 'tinybench';
import { assertSameJson, typicalByHand, typicalOfficial, typicalOurs } from './fixtures.mjs';
import { fromTask } from './stats.mjs';

const TARGET_RATIO = 2;

// Each task's result is kept here so the JIT cannot drop the work as dead code.
let sink = 0;

export async function runBuild({ quick = false } = {}) {
  const ours = () => {
    const message = typicalOurs(Message);
    const result = message.validate();
    if (!result.ok) throw new Error('the typical message should be valid');
    return JSON.stringify(message);
  };
  const byHand = () => JSON.stringify(typicalByHand());
  const official = () => JSON.stringify(typicalOfficial(Models));
  assertSameJson('figure 1', JSON.parse(ours()), JSON.parse(byHand()), JSON.parse(official()));

  const bench = new Bench({
    name: 'build',
    time: quick ? 200 : 1500,
    warmupTime: quick ? 100 : 500,
    retainSamples: true,
    throws: true,
  });
  // Interleaving tasks in one process would not help: tinybench runs them one after another,
  // so each gets the same warm-up and the same time budget instead.
  bench
    .add('postmark-fluent', () => {
      sink += ours().length;
    })
    .add('official postmark', () => {
      sink += official().length;
    })
    .add('by hand + JSON.stringify', () => {
      sink += byHand().length;
    });
  await bench.run();
  if (sink === 0) throw new Error('unreachable: keeps the results alive');

  const toMicros = (ms) => ms * 1000;
  const [oursStat, officialStat, baseStat] = bench.tasks.map((task) => fromTask(task, toMicros));
  const ratio = oursStat.median / baseStat.median;
  return {
    id: 'build',
    title: '1. Build + validate + serialize a typical message',
    what: '10 chained calls (from, to with two recipients, subject, text, html, tag, metadata, header, a 1 KiB attachment, trackOpens), `validate()`, `JSON.stringify`. The official client: `new Models.Message(...)` with its Header and Attachment models (base64 by the caller), `JSON.stringify`; it validates nothing. Baseline: the same Postmark JSON written as an object literal, `JSON.stringify`. All three produce the same JSON (checked).',
    unit: 'µs per message',
    better: 'lower',
    rows: [
      { name: 'postmark-fluent', stat: oursStat },
      { name: 'official `postmark`', stat: officialStat },
      { name: 'baseline: by hand + `JSON.stringify`', stat: baseStat, baseline: true },
    ],
    targets: [
      {
        text: `at most ${TARGET_RATIO}x the hand-built baseline`,
        measured: `${ratio.toFixed(2)}x`,
        met: ratio <= TARGET_RATIO,
      },
    ],
  };
}
