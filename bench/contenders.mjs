// How each contender sends a batch to the sink. Shared by the throughput figure (in this
// process) and the memory figure (in fresh child processes), so both measure the same code.

import { ServerClient } from 'postmark';
import { Message, Sender } from 'postmark-fluent';
import { batchDefaults } from './fixtures.mjs';

export const TOKEN = 'bench-server-token';
/** Requests in flight at once, for every contender alike (our Sender's default). */
export const CONCURRENCY = 4;

/** Our Sender pointed at the sink. */
export function ourSender(url) {
  return new Sender({ serverToken: TOKEN, baseUrl: url, concurrency: CONCURRENCY });
}

/**
 * Our Sender as a batch is sent in practice: the shared fields are its defaults
 * (`batchDefaults`), each message gives its own (`batchOwn`). Returns both.
 */
export function ourBatchSender(url) {
  const defaults = batchDefaults(Message);
  return {
    sender: new Sender({ serverToken: TOKEN, baseUrl: url, concurrency: CONCURRENCY, defaults }),
    defaults,
  };
}

/** Sends `messages` (Message values) with `sendBatch`; throws unless every one was sent. */
export async function sendOurs(sender, messages) {
  const batch = await sender.sendBatch(messages);
  if (batch.sent.length !== messages.length) {
    throw new Error(
      `postmark-fluent: ${batch.failed.length} of ${messages.length} failed: ${batch.failed[0]?.message}`,
    );
  }
  return batch;
}

/** The official client pointed at the sink (plain http is its `useHttps: false`). */
export function officialClient(url) {
  return new ServerClient(TOKEN, { requestHost: new URL(url).host, useHttps: false, timeout: 60 });
}

/**
 * Sends chunks (arrays of its Message models, at most 500 each: chunking is the caller's job
 * with the official client) with `sendEmailBatch`, `CONCURRENCY` at a time. `makeChunk(i)`
 * may build chunk `i` on demand, so a caller can keep only the chunks in flight.
 */
export async function sendOfficial(client, chunkCount, makeChunk) {
  const answers = [];
  await pool(chunkCount, async (i) => {
    const answer = await client.sendEmailBatch(makeChunk(i));
    if (answer.some((entry) => entry.ErrorCode !== 0))
      throw new Error('official: a message failed');
    answers[i] = answer;
  });
  return answers.flat();
}

/**
 * The limit: `fetch` posting JSON bodies as they are, `CONCURRENCY` at a time, reading
 * each answer as JSON and checking it, and nothing else. `makeBody(i)` returns chunk `i`'s
 * JSON text (pre-built, or built on demand).
 */
export async function sendRaw(url, chunkCount, makeBody) {
  const endpoint = `${url}/email/batch`;
  const headers = {
    'X-Postmark-Server-Token': TOKEN,
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  const answers = [];
  await pool(chunkCount, async (i) => {
    const response = await fetch(endpoint, { method: 'POST', headers, body: makeBody(i) });
    const answer = await response.json();
    if (!response.ok || answer.some((entry) => entry.ErrorCode !== 0))
      throw new Error('raw: a message failed');
    answers[i] = answer;
  });
  return answers.flat();
}

/** Runs `task(0 .. count-1)` with at most `CONCURRENCY` running, in order. */
async function pool(count, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
}
