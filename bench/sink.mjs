// A minimal Postmark-shaped HTTP sink on 127.0.0.1 for the throughput, latency and memory
// figures. It reads every body whole and answers like Postmark, so a client cannot go faster
// by having its request ignored; with `latencyMs` it answers each request that long after
// reading it, as a distant server would. Run as a child process (`fork`) it keeps its CPU
// work off the measured process; it then reports its URL over IPC and stops when the parent
// asks.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const SUBMITTED_AT = '2024-01-01T00:00:00.0000000Z';

/**
 * Starts the sink; resolves to `{ url, stats, close() }`. Only loopback, port chosen by the
 * OS. `latencyMs` delays every answer (the body is read and parsed first).
 */
export function startSink({ latencyMs = 0 } = {}) {
  const stats = { requests: 0, messages: 0, bytes: 0 };
  let nextId = 0;
  const answerFor = (message) => ({
    ErrorCode: 0,
    Message: 'OK',
    MessageID: `00000000-0000-4000-8000-${(nextId++).toString(16).padStart(12, '0')}`,
    SubmittedAt: SUBMITTED_AT,
    To: typeof message?.To === 'string' ? message.To : '',
  });

  const reply = (response, status, body) => {
    const text = JSON.stringify(body);
    const send = () => {
      response.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
      });
      response.end(text);
    };
    if (latencyMs > 0) setTimeout(send, latencyMs);
    else send();
  };

  const server = createServer((request, response) => {
    const parts = [];
    request.on('data', (part) => parts.push(part));
    request.on('end', () => {
      const body = Buffer.concat(parts);
      stats.requests++;
      stats.bytes += body.length;
      let payload;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        return reply(response, 422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
      }
      if (request.method !== 'POST')
        return reply(response, 404, { ErrorCode: 0, Message: 'Not found' });
      if (request.url === '/email/batch' && Array.isArray(payload)) {
        stats.messages += payload.length;
        return reply(response, 200, payload.map(answerFor));
      }
      if (request.url === '/email' && payload && typeof payload === 'object') {
        stats.messages += 1;
        return reply(response, 200, answerFor(payload));
      }
      return reply(response, 404, { ErrorCode: 0, Message: `No endpoint ${request.url}` });
    });
  });
  // Plenty of sockets for any concurrency the figures use; keep-alive as Postmark's servers do.
  server.keepAliveTimeout = 30_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        stats,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Starts the sink in its own process (one core serves, the other measures); resolves to
 * `{ url, stats(), close() }`.
 */
export function forkSink({ latencyMs = 0 } = {}) {
  // No inherited flags (a --cpu-prof of the measured process, say): the sink is plain Node.
  const child = fork(fileURLToPath(import.meta.url), [String(latencyMs)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the sink exited early (code ${code})`)));
    child.once('message', ({ url }) => {
      child.removeAllListeners('exit');
      resolve({
        url,
        stats: () =>
          new Promise((done) => {
            child.once('message', (message) => done(message.stats));
            child.send('stats');
          }),
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

// As a forked child: report the URL, then serve until the parent says stop (or goes away).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sink = await startSink({ latencyMs: Number(process.argv[2] ?? 0) });
  const stop = async () => {
    await sink.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'stats') process.send({ stats: { ...sink.stats, cpu: process.cpuUsage() } });
    if (message === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.send({ url: sink.url });
}
