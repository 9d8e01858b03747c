// Figure 7: sending at Postmark's latency. The loopback figure (2) measures CPU; a user waits
// on the network. Here the sink answers every request `latencyMs` after reading it, and each
// contender sends the same 20,000 messages as it would be used: ours in one sendBatch call,
// the official client as its README shows (chunks of 500, each awaited in turn), and the
// limit, every chunk posted by raw fetch at the same concurrency as ours.

import { Models } from 'postmark';
import { Message } from 'postmark-fluent';
import { CONCURRENCY, officialClient, ourBatchSender, sendRaw } from './contenders.mjs';
import { assertSameJson, batchByHand, batchOfficial, batchOwn, chunk } from './fixtures.mjs';
import { measureInRounds, oneRunEach } from './rounds.mjs';
import { forkSink } from './sink.mjs';
import { summarize } from './stats.mjs';

/** The default delay of every answer, in ms: `node bench/run.mjs latency --latency-ms=400`. */
export const DEFAULT_LATENCY_MS = 150;
const TARGET_VS_OFFICIAL = 3;
const TARGET_VS_LIMIT = 0.9;
const ROUNDS = 5;

export async function runLatency({ quick = false, latencyMs = DEFAULT_LATENCY_MS } = {}) {
  const count = quick ? 2_000 : 20_000;
  const ids = Array.from({ length: count }, (_, i) => i);
  const sink = await forkSink({ latencyMs });
  try {
    const { sender, defaults } = ourBatchSender(sink.url);
    assertSameJson(
      'figure 7',
      batchOwn(Message, 0).withDefaults(defaults),
      batchByHand(0),
      batchOfficial(Models, 0),
    );
    const messages = ids.map((i) => batchOwn(Message, i));
    const officialChunks = chunk(ids.map((i) => batchOfficial(Models, i)));
    const rawBodies = chunk(ids.map((i) => batchByHand(i))).map((list) => JSON.stringify(list));
    const client = officialClient(sink.url);

    // Every progress report of our batches: when it came (ms after the call) and how far.
    const reports = [];
    const ours = async () => {
      const started = performance.now();
      const seen = [];
      const batch = await sender.sendBatch(messages, {
        onProgress: ({ done, total }) =>
          seen.push({ at: performance.now() - started, done, total }),
      });
      if (batch.sent.length !== count) throw new Error(`figure 7: ${batch.failed.length} failed`);
      reports.push(seen);
    };
    const official = async () => {
      // The official README's way: one sendEmailBatch per chunk of 500, awaited in turn.
      for (const list of officialChunks) {
        const answer = await client.sendEmailBatch(list);
        if (answer.some((entry) => entry.ErrorCode !== 0)) throw new Error('official: failed');
      }
    };
    const limit = () => sendRaw(sink.url, rawBodies.length, (i) => rawBodies[i]);

    const stats = await measureInRounds(
      { ours, official, limit },
      {
        rounds: quick ? 1 : ROUNDS,
        options: oneRunEach,
        transform: (ms) => count / (ms / 1000),
      },
    );
    const sinkStats = await sink.stats();
    const batches = 3 * (quick ? 1 : ROUNDS) + 3;
    if (sinkStats.messages < batches * count)
      throw new Error(`figure 7: the sink saw ${sinkStats.messages} messages, expected more`);

    const requests = rawBodies.length;
    const progress = progressOf(reports, requests, count);
    const vsOfficial = stats.ours.median / stats.official.median;
    const vsLimit = stats.ours.median / stats.limit.median;
    const floor = (inFlight) =>
      Math.round(count / ((Math.ceil(requests / inFlight) * latencyMs) / 1000)).toLocaleString(
        'en-US',
      );
    return {
      id: 'latency',
      title: "7. Sending at Postmark's latency",
      what: `${count.toLocaleString('en-US')} receipt-sized messages to the sink of figure 2, which here answers every request ${latencyMs} ms after reading it (\`--latency-ms\` sets it), as a distant Postmark would. Ours: one \`sender.sendBatch(messages, { onProgress })\` call (the Sender's defaults give From, tag, stream and open tracking; ${CONCURRENCY} requests in flight, its default). Official: the way its README sends a batch, \`sendEmailBatch\` over chunks of 500, each awaited before the next. Baseline, the limit: raw \`fetch\` posting the same JSON, built beforehand, every chunk in flight ${CONCURRENCY} at a time, the concurrency ours uses (Postmark publishes no limit on concurrent requests; ${CONCURRENCY} is our Sender's default, \`concurrency\` changes it). Each sample is one whole send of all messages.`,
      unit: 'messages per second',
      better: 'higher',
      rows: [
        { name: 'postmark-fluent', stat: stats.ours },
        { name: 'official `postmark`', stat: stats.official },
        {
          name: `baseline: raw \`fetch\`, ${CONCURRENCY} chunks in flight`,
          stat: stats.limit,
          baseline: true,
        },
      ],
      targets: [
        {
          text: `at least ${TARGET_VS_OFFICIAL}x the official client`,
          measured: `${vsOfficial.toFixed(2)}x`,
          met: vsOfficial >= TARGET_VS_OFFICIAL,
        },
        {
          text: `at least ${TARGET_VS_LIMIT}x the limit at the same concurrency`,
          measured: `${vsLimit.toFixed(2)}x`,
          met: vsLimit >= TARGET_VS_LIMIT,
        },
        {
          text: 'progress reported throughout',
          measured: progress.measured,
          met: progress.met,
        },
      ],
      notes: [
        `The latency alone allows at most ${floor(1)} messages per second one request at a time and ${floor(CONCURRENCY)} with ${CONCURRENCY} in flight (${requests} requests of 500, ${latencyMs} ms each).`,
        `Our progress: ${progress.detail}`,
      ],
    };
  } finally {
    await sink.close();
  }
}

/**
 * Whether every batch of ours reported its progress after each request, in order, up to the
 * total, and when: the first report and the gaps between reports (medians over batches).
 */
function progressOf(reports, requests, count) {
  const whole = reports.every(
    (seen) =>
      seen.length === requests &&
      seen.every((report, i) => i === 0 || report.done > seen[i - 1].done) &&
      seen.at(-1).done === count &&
      seen.every((report) => report.total === count),
  );
  const first = summarize(reports.map((seen) => seen[0].at));
  const gaps = summarize(
    reports.flatMap((seen) => seen.slice(1).map((report, i) => report.at - seen[i].at)),
  );
  const last = summarize(reports.map((seen) => seen.at(-1).at));
  const ms = (stat) => `${Math.round(stat.median)} ms`;
  return {
    met: whole,
    measured: whole
      ? `after each of the ${requests} requests, the first after ${ms(first)}`
      : 'not after every request',
    detail: `${reports.length} batches, each reported ${whole ? `after every one of its ${requests} requests` : 'irregularly'}: the first report ${ms(first)} after the call, then one every ${ms(gaps)} (median gap), the last at ${ms(last)}.`,
  };
}
