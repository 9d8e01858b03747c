// Figure 1: build + validate + serialize one typical message, in this process.

import { Models } from 'postmark';
import { Message } from 'postmark-fluent';
import { assertSameJson, typicalByHand, typicalOfficial, typicalOursJson } from './fixtures.mjs';
import { measureInRounds } from './rounds.mjs';

const TARGET_RATIO = 2;
const ROUNDS = 12;

// Each task's result is kept here so the JIT cannot drop the work as dead code.
let sink = 0;

export async function runBuild({ quick = false } = {}) {
  const ours = () => typicalOursJson(Message);
  const byHand = () => JSON.stringify(typicalByHand());
  const official = () => JSON.stringify(typicalOfficial(Models));
  assertSameJson('figure 1', JSON.parse(ours()), JSON.parse(byHand()), JSON.parse(official()));

  // Every round gets a short warm-up of its own; the first, a long one for the JIT.
  const stats = await measureInRounds(
    {
      ours: () => {
        sink += ours().length;
      },
      official: () => {
        sink += official().length;
      },
      byHand: () => {
        sink += byHand().length;
      },
    },
    {
      rounds: quick ? 2 : ROUNDS,
      options: (round) => ({
        time: quick ? 100 : 150,
        warmupTime: round === 0 ? 500 : 50,
      }),
      transform: (ms) => ms * 1000,
    },
  );
  if (sink === 0) throw new Error('unreachable: keeps the results alive');

  const { ours: oursStat, official: officialStat, byHand: baseStat } = stats;
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
