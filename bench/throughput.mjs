// Figure 2: batch throughput against a local sink, all contenders in this process.

import { Models } from 'postmark';
import { Message } from 'postmark-fluent';
import {
  CONCURRENCY,
  officialClient,
  ourBatchSender,
  sendOfficial,
  sendOurs,
  sendRaw,
} from './contenders.mjs';
import {
  assertSameJson,
  batchByHand,
  batchDefaults,
  batchOfficial,
  batchOurs,
  batchOwn,
  chunk,
} from './fixtures.mjs';
import { measureInRounds, oneRunEach } from './rounds.mjs';
import { forkSink } from './sink.mjs';

const TARGET_VS_RAW = 0.9;
const ROUNDS = 9;

export async function runThroughput({ quick = false } = {}) {
  const count = quick ? 2_000 : 20_000;
  const ids = Array.from({ length: count }, (_, i) => i);
  assertSameJson(
    'figure 2',
    batchOwn(Message, 0).withDefaults(batchDefaults(Message)),
    batchOurs(Message, 0),
    batchByHand(0),
    batchOfficial(Models, 0),
  );

  // Inputs are built before timing: building is figure 1. Ours gets Message values, each
  // with its own fields, for a Sender whose defaults give the shared ones (as a real batch
  // is sent); the official client its models in chunks of 500; raw fetch the finished JSON
  // of each chunk.
  const messages = ids.map((i) => batchOwn(Message, i));
  const officialChunks = chunk(ids.map((i) => batchOfficial(Models, i)));
  const messageChunks = chunk(ids.map((i) => batchOurs(Message, i)));
  const rawBodies = messageChunks.map((list) => JSON.stringify(list));
  const jsonBytes = Math.round(rawBodies.reduce((sum, body) => sum + body.length, 0) / count);

  const sink = await forkSink();
  try {
    const { sender } = ourBatchSender(sink.url);
    const client = officialClient(sink.url);
    // One batch per contender per round; the first round also sends one unmeasured batch
    // each, to warm up the JIT and the sockets.
    const stats = await measureInRounds(
      {
        ours: () => sendOurs(sender, messages),
        official: () => sendOfficial(client, officialChunks.length, (i) => officialChunks[i]),
        raw: () => sendRaw(sink.url, rawBodies.length, (i) => rawBodies[i]),
        // Not a contender: the limit for a client that starts, as ours does, from Message
        // values and so must serialize them; it tells the cost of JSON.stringify apart.
        rawStringify: () =>
          sendRaw(sink.url, messageChunks.length, (i) => JSON.stringify(messageChunks[i])),
      },
      {
        rounds: quick ? 2 : ROUNDS,
        options: oneRunEach,
        transform: (ms) => count / (ms / 1000),
      },
    );

    // Every batch (warm-up included) must have reached the sink.
    const sinkStats = await sink.stats();
    const batches = 4 * (quick ? 2 : ROUNDS) + 4;
    if (sinkStats.messages < batches * count)
      throw new Error(
        `the sink saw ${sinkStats.messages} messages, expected at least ${batches * count}`,
      );

    const { ours, official, raw, rawStringify } = stats;
    const vsRaw = ours.median / raw.median;
    const vsOfficial = ours.median / official.median;
    return {
      id: 'throughput',
      title: '2. Batch throughput',
      what: `${count.toLocaleString('en-US')} receipt-sized messages (~${jsonBytes.toLocaleString('en-US')} bytes of JSON each) to a Postmark-shaped HTTP sink on 127.0.0.1 (its own process; it parses every body and answers one result per message), ${CONCURRENCY} requests in flight for everyone. Ours: \`sender.sendBatch(messages)\` from Message values that hold each recipient's own fields, the shared ones (From, tag, stream, open tracking) being the Sender's defaults, as a real batch is sent (it merges, validates, serializes, chunks to 500, checks every answer). Official: \`sendEmailBatch\` over the same messages as its models, chunked by the caller. Baseline: raw \`fetch\` posting the same JSON chunks, built beforehand, and parsing the answers. For reference, raw \`fetch\` again, but calling \`JSON.stringify\` on each chunk of Message values as it is sent: the least work for a client that starts from messages rather than finished JSON. Each sample is one whole batch.`,
      unit: 'messages per second',
      better: 'higher',
      rows: [
        { name: 'postmark-fluent', stat: ours },
        { name: 'official `postmark`', stat: official },
        { name: 'baseline: raw `fetch`, pre-built JSON', stat: raw, baseline: true },
        {
          name: 'for reference: raw `fetch`, serializing each chunk as it goes',
          stat: rawStringify,
        },
      ],
      targets: [
        {
          text: `at least ${TARGET_VS_RAW}x raw fetch`,
          measured: `${vsRaw.toFixed(2)}x`,
          met: vsRaw >= TARGET_VS_RAW,
        },
        {
          text: 'ahead of the official client',
          measured: `${vsOfficial.toFixed(2)}x`,
          met: vsOfficial > 1,
        },
      ],
    };
  } finally {
    await sink.close();
  }
}
