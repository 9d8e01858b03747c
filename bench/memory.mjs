// Figure 5: peak memory of a send, each sample a fresh process (bench/memory-child.mjs).
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Message } from 'postmark-fluent';
import { batchOurs } from './fixtures.mjs';
import { forkSink } from './sink.mjs';
import { summarize } from './stats.mjs';

const CHILD = fileURLToPath(new URL('./memory-child.mjs', import.meta.url));
const FILE_BYTES = 9_000_000;
const TARGET_FILE_MULTIPLE = 4;
const CONTENDERS = [
  { key: 'ours', name: 'postmark-fluent' },
  { key: 'official', name: 'official `postmark`' },
  { key: 'raw', name: 'baseline: raw `fetch`', baseline: true },
];
// 5a only: not a contender, the memory a client could reach by never holding the whole body.
const STREAMED = { key: 'stream', name: 'for reference: `fetch` streaming the base64 in slices' };
const MB = 1_000_000;
// A batch's live peak depends on where the sampling GCs land (±10 MB at 100,000 messages in
// 3 samples): 5 per size keep its slope within the target's margin from run to run.
const BATCH_SAMPLES = 5;

function sample(url, mode, contender, arg) {
  const printed = execFileSync(
    process.execPath,
    ['--expose-gc', CHILD, url, mode, contender, String(arg)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(printed);
}

// Samples of every contender are taken in turn, so a slow phase of the machine hits all alike.
function collect(url, mode, arg, count, contenders = CONTENDERS) {
  const rss = new Map(contenders.map((c) => [c.key, []]));
  const live = new Map(contenders.map((c) => [c.key, []]));
  const again = new Map(contenders.map((c) => [c.key, []]));
  let peakReset = true;
  for (let i = 0; i < count; i++) {
    for (const c of contenders) {
      const result = sample(url, mode, c.key, arg);
      peakReset &&= result.peakReset;
      rss.get(c.key).push(result.added / MB);
      live.get(c.key).push(result.liveAdded / MB);
      if (result.again !== undefined) again.get(c.key).push(result.again / MB);
    }
  }
  const summaries = (samples) => new Map([...samples].map(([key, list]) => [key, summarize(list)]));
  return {
    stats: summaries(rss),
    live: summaries(live),
    again: mode === 'attachment' ? summaries(again) : undefined,
    peakReset,
  };
}

export async function runMemory({ quick = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'postmark-fluent-bench-'));
  const file = join(dir, 'report.pdf');
  // Random bytes: what a PDF or an image looks like to base64 and to gzip alike.
  writeFileSync(file, randomFillSync(Buffer.alloc(FILE_BYTES)));
  writeFileSync(join(dir, 'warm-up.pdf'), randomFillSync(Buffer.alloc(1024)));
  const sink = await forkSink();
  try {
    const attachment = collect(sink.url, 'attachment', file, quick ? 2 : 5, [
      ...CONTENDERS,
      STREAMED,
    ]);
    const small = quick ? 2_000 : 10_000;
    const large = quick ? 20_000 : 100_000;
    const batchSmall = collect(sink.url, 'batch', small, quick ? 1 : BATCH_SAMPLES);
    const batchLarge = collect(sink.url, 'batch', large, quick ? 1 : BATCH_SAMPLES);
    const jsonBytes = JSON.stringify(batchOurs(Message, 50_000)).length;
    return [
      attachmentFigure(attachment),
      batchFigure({
        small,
        large,
        batchSmall,
        batchLarge,
        jsonBytes,
        peakReset: batchLarge.peakReset,
      }),
    ];
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function attachmentFigure({ stats, again, peakReset }) {
  const ours = stats.get('ours');
  const multiple = (ours.median * MB) / FILE_BYTES;
  return {
    id: 'memory-attachment',
    title: '5a. Peak memory: one message with a 9 MB attachment',
    what: `A fresh process per sample (\`node --expose-gc\`); each contender first makes the same send with a 1 KB file (so loading and first-call compilation are not counted), then garbage is collected and the peak RSS mark reset (Linux \`/proc/self/clear_refs\`); the figure is the peak RSS during the send minus the RSS before it. The first large send also grows the process once (allocator, heap, fetch's buffers), which the same send made again in the same process no longer pays: that second peak, what each further send costs a long-running process, is the last column. The target is judged on the first. The send reads a ${FILE_BYTES.toLocaleString('en-US')}-byte file and posts it to the sink: ours with \`Message...attachFile(path)\` and \`sender.send()\` (its size limit raised to 15,000,000, since 9 MB is 12 MB after base64 and our default limit counts after base64), the official client with \`readFileSync(path).toString('base64')\` and \`sendEmail\`, the baseline with the same base64, \`JSON.stringify\` and \`fetch\`. For reference, \`fetch\` with a streamed body: the JSON around the attachment as is, the base64 made and sent 3 MiB at a time, so the whole body never exists at once.${peakReset ? '' : ' (The peak mark could not be reset here: peaks count from process start.)'}`,
    unit: 'MB of peak RSS added',
    better: 'lower',
    rows: [...CONTENDERS, STREAMED].map((c) => ({
      name: c.name,
      stat: stats.get(c.key),
      baseline: c.baseline,
      extra: { again: again.get(c.key) },
    })),
    extraColumns: [
      {
        key: 'again',
        title: 'the same send again, same process',
        format: (s) => `${s.median.toFixed(1)} ± ${s.mad.toFixed(1)} MB`,
      },
    ],
    targets: [
      {
        text: `under ${TARGET_FILE_MULTIPLE}x the file size (${((TARGET_FILE_MULTIPLE * FILE_BYTES) / MB).toFixed(0)} MB)`,
        measured: `${multiple.toFixed(2)}x (${ours.median.toFixed(1)} MB)`,
        met: multiple < TARGET_FILE_MULTIPLE,
      },
    ],
  };
}

function batchFigure({ small, large, batchSmall, batchLarge, jsonBytes, peakReset }) {
  // The slope between the two sizes: what one more message in the batch costs at the peak.
  const slope = (key) =>
    ((batchLarge.live.get(key).median - batchSmall.live.get(key).median) * MB) / (large - small);
  const oursSlope = slope('ours');
  const rawSlope = slope('raw');
  const excess = oursSlope - rawSlope;
  const allowance = jsonBytes / 4;
  const mb = (s) => `${s.median.toFixed(1)} ± ${s.mad.toFixed(1)} MB`;
  const rows = [];
  for (const c of CONTENDERS) {
    for (const [count, measured] of [
      [small, batchSmall],
      [large, batchLarge],
    ]) {
      rows.push({
        name: `${c.name}, ${count.toLocaleString('en-US')} messages`,
        stat: measured.stats.get(c.key),
        baseline: c.baseline,
        // Each size is compared with the baseline of the same size.
        compareTo: measured.stats.get('raw').median,
        extra: {
          live: measured.live.get(c.key),
          ...(count === large ? { slope: slope(c.key) } : {}),
        },
      });
    }
  }
  return {
    id: 'memory-batch',
    title: `5b. Peak memory: ${large.toLocaleString('en-US')} messages through one batch call`,
    what: `As 5a, for ${small.toLocaleString('en-US')} and ${large.toLocaleString('en-US')} receipt-sized messages (~${jsonBytes.toLocaleString('en-US')} bytes of JSON each), the input built before the memory is read so only what the send adds counts, and the results held until the peak is read. Ours: \`sender.sendBatch(messages)\`. Official: \`sendEmailBatch\` over chunks of 500 sliced as they are sent. Baseline: raw \`fetch\` serializing each chunk of plain Postmark objects as it is sent, keeping each answer. Four requests in flight for all. Peak RSS also counts garbage not yet collected, so it follows the GC's heap sizing as much as the code; the live peak (heap used + external after a full GC, sampled every 50 ms while the send awaits) shows what is actually held, and its slope between the two sizes is what one more message in the batch costs.${peakReset ? '' : ' (The peak RSS mark could not be reset here: peaks count from process start.)'}`,
    unit: 'MB of peak RSS added',
    better: 'lower',
    rows,
    extraColumns: [
      { key: 'live', title: 'peak live memory added', format: mb },
      {
        key: 'slope',
        title: 'live, per extra message',
        format: (value) => `${Math.round(value)} bytes`,
      },
    ],
    targets: [
      {
        text: `grows with the chunk, not with the whole batch: per extra message, at most a quarter of its JSON (${Math.round(allowance)} bytes) more live memory than raw fetch, which keeps only each answer`,
        measured: `${Math.round(excess)} bytes more per message (${Math.round(oursSlope)} vs ${Math.round(rawSlope)})`,
        met: excess <= allowance,
      },
    ],
  };
}
