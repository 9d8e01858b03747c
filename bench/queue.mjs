// Figure 6: the outbox (postmark-fluent/queue), 10,000 messages through a throwaway PostgreSQL
// to the sandbox at 150 ms a request, by 1 and by 3 worker processes (test/queue/worker.mjs,
// the same script the multi-process tests run).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Message, Sender } from 'postmark-fluent';
import { createOutbox } from 'postmark-fluent/queue';
import { startSandbox } from 'postmark-fluent/sandbox';
import { startPostgres } from '../test/helpers/postgres.mjs';
import { batchOurs } from './fixtures.mjs';
import { summarize } from './stats.mjs';

const WORKER = fileURLToPath(new URL('../test/queue/worker.mjs', import.meta.url));
const LATENCY_MS = 150;
const BATCH = 500;
const TARGET_SPEEDUP = 2;
const PG_BOSS = createRequire(import.meta.url)('pg-boss/package.json').version;

export async function runQueue({ quick = false } = {}) {
  const count = quick ? 2_000 : 10_000;
  const rounds = quick ? 1 : 3;
  const postgres = await startPostgres();
  const sandbox = await startSandbox({ faults: { latencyMs: LATENCY_MS } });
  const samples = { 1: [], 3: [], concurrent: [] };
  let postgresVersion;
  try {
    postgresVersion = await serverVersion(postgres.url);
    const runs = [
      ['1', 1, 1],
      ['3', 3, 1],
      ['concurrent', 1, 3],
    ];
    for (let round = 0; round < rounds; round++) {
      // The order rotates every round, so a drift of the machine's load hits each alike.
      for (let i = 0; i < runs.length; i++) {
        const [name, processes, concurrency] = runs[(i + round) % runs.length];
        const seconds = await timeOneRun(postgres.url, sandbox, {
          name,
          processes,
          concurrency,
          count,
          round,
        });
        samples[name].push(count / seconds);
      }
    }
  } finally {
    await sandbox.close();
    await postgres.stop();
  }
  const one = summarize(samples[1]);
  const three = summarize(samples[3]);
  const concurrent = summarize(samples.concurrent);
  const speedup = three.median / one.median;
  const requests = Math.ceil(count / BATCH);
  const floor = (processes) =>
    (count / ((Math.ceil(requests / processes) * LATENCY_MS) / 1000)).toLocaleString('en-US', {
      maximumFractionDigits: 0,
    });
  return {
    id: 'queue',
    title: '6. Outbox: worker processes',
    what: `${count.toLocaleString('en-US')} receipt-sized messages enqueued in \`postmark-fluent/queue\` (pg-boss ${PG_BOSS}) on a throwaway PostgreSQL ${postgresVersion} (127.0.0.1, fsync off), then sent to the sandbox, which answers every request after ${LATENCY_MS} ms, by worker processes (\`outbox.work({ batchSize: ${BATCH} })\`, one batch in flight each), and for reference by one process with three batches in flight. Timed from the moment the already running workers are told to start until every message is recorded sent; each sample is one whole run, and every run is checked: each message reached the sandbox exactly once.`,
    unit: 'messages per second',
    better: 'higher',
    rows: [
      { name: '1 worker process', stat: one, baseline: true },
      { name: '3 worker processes', stat: three },
      {
        name: 'for reference: 1 process, 3 batches in flight (`concurrency: 3`)',
        stat: concurrent,
      },
    ],
    targets: [
      {
        text: `3 processes at least ${TARGET_SPEEDUP}x one`,
        measured: `${speedup.toFixed(2)}x`,
        met: speedup >= TARGET_SPEEDUP,
      },
    ],
    notes: [
      `The latency alone allows at most ${floor(1)} messages per second to one process and ${floor(3)} to three (${requests} requests of ${BATCH}, ${LATENCY_MS} ms each); the rest is PostgreSQL (one transaction takes a batch, another records it) and building, validating and answering each request, with every process on the same machine.`,
    ],
  };
}

async function timeOneRun(url, sandbox, { name, processes, concurrency, count, round }) {
  const queue = `bench-${round}-${name}`;
  sandbox.reset();
  const outbox = createOutbox({
    connectionString: url,
    // The figure's own outbox only enqueues and reads the stats: the workers send.
    sender: new Sender({ serverToken: sandbox.token, baseUrl: sandbox.url }),
    queue,
  });
  try {
    const keys = Array.from({ length: count }, (_, i) => `${queue}-${i}`);
    await outbox.enqueue(
      keys.map((key, i) => batchOurs(Message, i).metadata({ key })),
      { key: keys },
    );
    const workers = await Promise.all(
      Array.from({ length: processes }, () => startWorker(url, sandbox, queue, concurrency)),
    );
    const started = performance.now();
    for (const worker of workers) worker.send('go');
    for (;;) {
      const stats = await outbox.stats();
      if (stats.sent + stats.refused + stats.unknown === count) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((worker) => stopWorker(worker)));
    const counts = new Map();
    for (const message of sandbox.messages()) {
      const key = message.Metadata?.key;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const wrong = keys.filter((key) => counts.get(key) !== 1);
    if (wrong.length > 0 || counts.size !== count)
      throw new Error(`figure 6: ${wrong.length} messages did not reach the sandbox exactly once`);
    return seconds;
  } finally {
    await outbox.close();
  }
}

async function serverVersion(url) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query("SELECT current_setting('server_version') AS v")).rows[0].v;
  } finally {
    await client.end();
  }
}

function startWorker(url, sandbox, queue, concurrency) {
  const child = fork(WORKER, [], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      SANDBOX_URL: sandbox.url,
      SANDBOX_TOKEN: sandbox.token,
      QUEUE: queue,
      BATCH_SIZE: String(BATCH),
      CONCURRENCY: String(concurrency),
    },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a worker exited early (code ${code})`)));
    child.on('message', (message) => {
      if (message.ready) resolve(child);
    });
  });
}

function stopWorker(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send('stop');
  });
}
