// One memory sample, in a fresh process started by bench/memory.mjs with --expose-gc:
//   node --expose-gc memory-child.mjs <sinkUrl> attachment <contender> <file>
//   node --expose-gc memory-child.mjs <sinkUrl> batch <contender> <count>
// It builds the input, collects garbage, resets the kernel's peak-RSS mark, sends, and
// prints as JSON what the send added (bytes): to the peak RSS, and to the peak live memory.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Models } from 'postmark';
import { Message } from 'postmark-fluent';
import {
  officialClient,
  ourSender,
  sendOfficial,
  sendOurs,
  sendRaw,
  TOKEN,
} from './contenders.mjs';
import { batchByHand, batchOfficial, batchOurs } from './fixtures.mjs';

// A 1 KB file next to the measured one (bench/memory.mjs writes both).
const WARM_UP_FILE = 'warm-up.pdf';

const [url, mode, contender, arg] = process.argv.slice(2);
const CHUNK = 500;
const SAMPLE_EVERY_MS = 50;

// Linux keeps the peak RSS (VmHWM) per process and lets a process reset its own, so the
// peak of the send alone can be read, not that of building the input before it.
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRss() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) * 1024;
  } catch {
    return process.resourceUsage().maxRSS * 1024;
  }
}

function settle() {
  globalThis.gc();
  globalThis.gc();
}

async function attachment(file) {
  const name = 'report.pdf';
  const headers = {
    'X-Postmark-Server-Token': TOKEN,
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  const fields = {
    From: 'app@example.com',
    To: 'ada@example.com',
    Subject: 'Your report',
    TextBody: 'Attached.',
  };
  // Everything but the send is loaded and warm first, so the peak is the send's.
  // A 9 MB file is 12 MB after base64, over our default 10,000,000-byte limit (counted
  // after base64, the conservative reading): the limit is raised for this figure.
  const sender = ourSender(url).with({ limits: { maxMessageBytes: 15_000_000 } });
  const client = officialClient(url);
  const send = {
    ours: (file) =>
      sender.send(
        Message.from(fields.From)
          .to(fields.To)
          .subject(fields.Subject)
          .text(fields.TextBody)
          .attachFile(file, { name }),
      ),
    official: (file) => {
      const content = readFileSync(file).toString('base64');
      return client.sendEmail({
        ...fields,
        Attachments: [new Models.Attachment(name, content, 'application/pdf')],
      });
    },
    raw: async (file) => {
      const content = readFileSync(file).toString('base64');
      const body = JSON.stringify({
        ...fields,
        Attachments: [{ Name: name, Content: content, ContentType: 'application/pdf' }],
      });
      const response = await fetch(`${url}/email`, { method: 'POST', headers, body });
      return response.json();
    },
    // Not a contender: what a client that never holds the whole body could reach. The
    // JSON around the attachment is written as is; the base64 is made and sent in slices.
    stream: async (file) => {
      const bytes = readFileSync(file);
      const attachment = JSON.stringify({
        Name: name,
        ContentType: 'application/pdf',
        Content: '',
      });
      const head = `${JSON.stringify(fields).slice(0, -1)},"Attachments":[${attachment.slice(0, -2)}`;
      const slice = 3 * 1024 * 1024;
      let offset = -1;
      const body = new ReadableStream({
        pull(controller) {
          if (offset === -1) controller.enqueue(Buffer.from(head));
          else if (offset < bytes.length) {
            const part = bytes.subarray(offset, offset + slice).toString('base64');
            controller.enqueue(Buffer.from(part, 'latin1'));
          } else {
            controller.enqueue(Buffer.from('"}]}'));
            controller.close();
          }
          offset = offset === -1 ? 0 : offset + slice;
        },
      });
      const response = await fetch(`${url}/email`, {
        method: 'POST',
        headers,
        body,
        duplex: 'half',
      });
      return response.json();
    },
  }[contender];
  // The same send with a 1 KB file first, so that loading (ours loads ky on its first
  // request, fetch its HTTP stack) and first-call compilation are not in the figure.
  await send(join(dirname(file), WARM_UP_FILE));
  const measured = async () => {
    const answer = await send(file);
    // Ours resolves to { messageId }; the others to Postmark's answer.
    if (!answer.messageId && answer.ErrorCode !== 0) throw new Error(`${contender}: not sent`);
    return answer;
  };
  settle();
  const first = await measure(measured);
  // The same send again: the process has grown once (allocator and heap), so this peak is
  // what each further send costs a long-running process.
  settle();
  const again = await measure(measured);
  return { ...first, again: again.added };
}

async function batch(count) {
  const ids = Array.from({ length: count }, (_, i) => i);
  const chunkCount = Math.ceil(count / CHUNK);
  const run = {
    ours: () => {
      const messages = ids.map((i) => batchOurs(Message, i));
      const sender = ourSender(url);
      return () => sendOurs(sender, messages);
    },
    // The official client takes its models; chunking is the caller's, so a careful caller
    // slices as it goes and no more than the requests in flight exist at once.
    official: () => {
      const models = ids.map((i) => batchOfficial(Models, i));
      const client = officialClient(url);
      return () =>
        sendOfficial(client, chunkCount, (i) => models.slice(i * CHUNK, (i + 1) * CHUNK));
    },
    // The limit: the same Postmark JSON as plain objects, each chunk serialized when sent.
    raw: () => {
      const objects = ids.map((i) => batchByHand(i));
      return () =>
        sendRaw(url, chunkCount, (i) => JSON.stringify(objects.slice(i * CHUNK, (i + 1) * CHUNK)));
    },
  }[contender]();
  settle();
  return measure(run);
}

// Live memory: what survives a full collection, sampled while the send awaits. A batch
// spends most of its time waiting on requests, so what it holds shows up in the samples.
function liveBytes() {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

async function measure(send) {
  const before = process.memoryUsage().rss;
  const liveBefore = liveBytes();
  let livePeak = liveBefore;
  // A full GC of a large heap takes a while: waiting a few times its length between samples
  // keeps the sampling from taking over the process (and the figure's run time).
  let timer;
  const sampleLive = () => {
    const started = performance.now();
    globalThis.gc();
    livePeak = Math.max(livePeak, liveBytes());
    timer = setTimeout(sampleLive, Math.max(SAMPLE_EVERY_MS, 4 * (performance.now() - started)));
  };
  timer = setTimeout(sampleLive, SAMPLE_EVERY_MS);
  const reset = resetPeak();
  // Kept until the peak is read: the results are what the caller holds afterwards.
  const result = await send();
  const peak = peakRss();
  clearTimeout(timer);
  globalThis.gc();
  livePeak = Math.max(livePeak, liveBytes());
  if (!result) throw new Error('nothing was sent');
  return { added: peak - before, liveAdded: livePeak - liveBefore, peakReset: reset };
}

const output = mode === 'attachment' ? await attachment(arg) : await batch(Number(arg));
process.stdout.write(JSON.stringify(output));
