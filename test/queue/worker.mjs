// One outbox worker process, as an app would run it: the built package, a Sender, work(),
// and a graceful stop on SIGTERM. Used by test/queue/workers.test.ts and the bench
// (bench/queue.mjs), which fork it with an IPC channel and settings in the environment:
//   DATABASE_URL, SANDBOX_URL, SANDBOX_TOKEN, QUEUE, BATCH_SIZE, CONCURRENCY,
//   EXPIRE_SECONDS, TIMEOUT_MS.
// It tells its parent `{ ready }` once it can work, waits for 'go', and then reports
// `{ sending: keys }` and `{ progress }` as it sends; it exits 0 after a graceful stop.
import { Sender } from 'postmark-fluent';
import { createOutbox } from 'postmark-fluent/queue';

const env = process.env;
const sender = new Sender({
  serverToken: env.SANDBOX_TOKEN,
  baseUrl: env.SANDBOX_URL,
  timeout: Number(env.TIMEOUT_MS ?? 30_000),
  retry: { limit: 0 },
});
const outbox = createOutbox({
  connectionString: env.DATABASE_URL,
  sender,
  queue: env.QUEUE,
  ...(env.EXPIRE_SECONDS ? { expireInSeconds: Number(env.EXPIRE_SECONDS) } : {}),
  backoff: { baseDelay: 50, maxDelay: 500 },
});
outbox.on('error', (error) => console.error(`worker ${process.pid}: ${error.message}`));
outbox.on('sending', ({ keys }) => process.send?.({ sending: keys }));
outbox.on('progress', (progress) => process.send?.({ progress }));

// Connects and creates what is missing before saying ready, so the parent can time the work.
await outbox.stats();
process.send?.({ ready: process.pid });
await new Promise((resolve) => process.once('message', resolve));

const stop = outbox.work({
  batchSize: Number(env.BATCH_SIZE ?? 500),
  concurrency: Number(env.CONCURRENCY ?? 1),
  pollInterval: 50,
});

let stopping = false;
async function shutDown() {
  if (stopping) return;
  stopping = true;
  // Takes no new batch, finishes the request in flight, releases what it took unsent.
  await stop();
  await outbox.close();
  process.exit(0);
}
process.on('SIGTERM', shutDown);
process.on('message', (message) => {
  if (message === 'stop') shutDown();
});
process.on('disconnect', shutDown);
