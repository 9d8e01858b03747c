import { setTimeout as sleep } from 'node:timers/promises';
import { Message } from '../message/message.js';
import type { BatchEntry } from '../send/batch-entry.js';
import type { Sender } from '../send/sender.js';
import { backoffDelay, type RetryPolicy } from '../transport/retry.js';
import { type Boss, finish, newJob } from './boss.js';
import { executor, inTransaction, type PoolLike, type Queryable } from './db.js';
import type { ClaimedRow, Ledger } from './ledger.js';
import type { WorkSettings } from './options.js';
import { type Outcome, outcomeOf, released, thrown, unreadable } from './outcome.js';

/** What happened to messages in this process, for dashboards (see `outbox.on('progress')`). */
export interface OutcomeCounts {
  /** Taken from the queue. */
  readonly fetched: number;
  readonly sent: number;
  readonly refused: number;
  /** Not taken by Postmark (429, 503, no connection): queued again with backoff. */
  readonly retrying: number;
  /** May have been delivered: parked for a person. */
  readonly unknown: number;
  /** Taken but not sent because the worker stopped: back in the queue. */
  readonly released: number;
  /** Held by a worker whose lease ran out (it died or hung), moved to `unknown` by this one. */
  readonly expired: number;
}

export interface WorkProgress {
  /** What the latest batch (or sweep) did. */
  readonly batch: OutcomeCounts;
  /** Since `work()` started. */
  readonly total: OutcomeCounts;
}

export interface WorkerParts {
  readonly pool: PoolLike;
  readonly boss: Boss;
  readonly ledger: Ledger;
  /** The outbox's Sender without defaults: they were merged into the stored JSON. */
  readonly sender: Sender;
  readonly expireInSeconds: number;
  readonly backoff: RetryPolicy;
  readonly report: (error: unknown) => void;
  readonly progress: (progress: WorkProgress) => void;
  /** A batch's request is about to start. */
  readonly sending: (batch: SendingBatch) => void;
}

/** The messages of a request about to start (see `outbox.on('sending')`). */
export interface SendingBatch {
  readonly keys: readonly string[];
}

const ZERO: OutcomeCounts = Object.freeze({
  fetched: 0,
  sent: 0,
  refused: 0,
  retrying: 0,
  unknown: 0,
  released: 0,
  expired: 0,
});

const EXPIRED =
  'the worker that took it did not report back before its lease ran out (it was killed, hung, or lost the database) while it may have been sending it: it may have been delivered';

// Recording what a request did is retried for a while: until it is recorded, the batch
// counts as possibly delivered, and it becomes `unknown` when its lease runs out.
const SETTLE_ATTEMPTS = 6;

// Waiting messages whose job is gone are looked for this often, this many at a time.
const REPAIR_INTERVAL_MS = 60_000;
const REPAIR_LIMIT = 1000;

/**
 * One `work()` call: `concurrency` loops, each taking a batch from the queue, sending it with
 * one batch request, and recording each message's outcome.
 */
export class Worker {
  readonly #parts: WorkerParts;
  readonly #settings: WorkSettings;
  readonly #wake = new AbortController();
  #stopping = false;
  #total: OutcomeCounts = ZERO;
  #lastSweep = 0;
  #lastRepair = Number.NEGATIVE_INFINITY;
  readonly done: Promise<void>;

  constructor(parts: WorkerParts, settings: WorkSettings) {
    this.#parts = parts;
    this.#settings = settings;
    const loops = Array.from({ length: settings.concurrency }, () => this.#loop());
    this.done = Promise.all(loops).then(() => undefined);
  }

  /** Stops taking batches; resolves once the requests in flight are answered and recorded. */
  stop(): Promise<void> {
    this.#stopping = true;
    this.#wake.abort();
    return this.done;
  }

  async #loop(): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      try {
        await this.#turn();
        failures = 0;
      } catch (error) {
        // The database went away, most likely: say so, wait, try again.
        this.#parts.report(error);
        failures++;
        await this.#rest(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  async #turn(): Promise<void> {
    const { pool, ledger } = this.#parts;
    await this.#sweep();
    const { waitMs } = await ledger.pauseLeft(pool);
    // Looked at again each poll interval: a pause may be lifted (by hand) before it ends.
    if (waitMs > 0) return this.#rest(Math.min(waitMs, this.#settings.pollInterval));
    const claimed = await this.#claim();
    if (claimed.length === 0) return this.#rest(this.#settings.pollInterval);
    if (this.#stopping) {
      await this.#settle(claimed.map((row) => released(row.job_id)));
      return;
    }
    this.#parts.sending(Object.freeze({ keys: Object.freeze(claimed.map((row) => row.key)) }));
    await this.#settle(await this.#send(claimed));
  }

  /** Fetches jobs and marks their messages as being sent, in one transaction. */
  #claim(): Promise<ClaimedRow[]> {
    const { pool, boss, ledger } = this.#parts;
    return inTransaction(pool, async (tx) => {
      const db = executor(tx);
      const jobs = await boss.fetch(ledger.queue, { batchSize: this.#settings.batchSize, db });
      if (jobs.length === 0) return [];
      const ids = jobs.map((job) => job.id);
      const rows = await ledger.claim(tx, ids, this.#parts.expireInSeconds);
      const taken = new Set(rows.map((row) => row.job_id));
      // A job whose message is in another state is stale (a bug, or a hand-edited row):
      // never sent, and out of the queue.
      const stale = jobs.filter((job) => !taken.has(job.id)).map((job) => job.id);
      if (stale.length > 0)
        await finish(
          boss,
          'fail',
          ledger.queue,
          stale,
          { reason: 'stale job: no message waits for it' },
          db,
        );
      return rows;
    });
  }

  /** One batch request per endpoint; every claimed message gets an outcome. */
  async #send(rows: readonly ClaimedRow[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const groups = {
      email: [] as [ClaimedRow, Message][],
      template: [] as [ClaimedRow, Message][],
    };
    for (const row of rows) {
      try {
        groups[row.kind].push([row, Message.fromJSON(row.payload)]);
      } catch (error) {
        outcomes.push(unreadable(row.job_id, error as Error));
      }
    }
    const { sender, backoff } = this.#parts;
    const delay = (attempt: number) => backoffDelay(attempt, backoff, Math.random);
    await Promise.all(
      (['email', 'template'] as const).map(async (kind) => {
        const group = groups[kind];
        if (group.length === 0) return;
        const messages = group.map(([, message]) => message);
        let entries: readonly BatchEntry[];
        try {
          const batch =
            kind === 'email'
              ? await sender.sendBatch(messages)
              : await sender.sendBatchWithTemplates(messages);
          entries = batch.results;
        } catch (error) {
          // sendBatch reports failures as entries: a throw is a bug, after which whether
          // anything went out is not known.
          for (const [row] of group) outcomes.push(thrown(row.job_id, error));
          return;
        }
        group.forEach(([row], index) => {
          outcomes.push(outcomeOf(row.job_id, row.attempts, entries[index] as BatchEntry, delay));
        });
      }),
    );
    return outcomes;
  }

  /** Records outcomes and moves their jobs on, in one transaction, retried for a while. */
  async #settle(outcomes: readonly Outcome[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(this.#parts.pool, (tx) => this.#record(tx, outcomes));
        break;
      } catch (error) {
        if (attempt >= SETTLE_ATTEMPTS) throw error;
        this.#parts.report(error);
        await sleep(250 * 2 ** attempt);
      }
    }
    // Said once a batch, loudly: no message moves until a person fixes the account.
    const refusal = outcomes.find((o) => o.accountRefused)?.accountRefused;
    if (refusal)
      this.#parts.report(
        new Error(
          `Postmark refused the account, not the messages (${refusal.name}: ${refusal.message}): the queue is paused and its messages wait as retrying until Postmark takes them`,
          { cause: refusal },
        ),
      );
    const batch = { ...ZERO, fetched: outcomes.length } as Record<keyof OutcomeCounts, number>;
    for (const { settlement } of outcomes)
      batch[settlement.state === 'queued' ? 'released' : settlement.state]++;
    this.#progress(batch);
  }

  async #record(tx: Queryable, outcomes: readonly Outcome[]): Promise<void> {
    const { boss, ledger, expireInSeconds, backoff } = this.#parts;
    const db = executor(tx);
    const queue = ledger.queue;
    const applied = new Set(
      (
        await ledger.settle(
          tx,
          outcomes.map((o) => o.settlement),
        )
      ).map((s) => s.jobId),
    );
    const ids = (states: readonly string[]) =>
      outcomes.filter((o) => states.includes(o.settlement.state)).map((o) => o.settlement.jobId);

    const sent = ids(['sent']);
    if (sent.length > 0) await finish(boss, 'complete', queue, sent, null, db);
    const refused = ids(['refused']);
    if (refused.length > 0) await finish(boss, 'fail', queue, refused, { outcome: 'refused' }, db);
    const unknown = ids(['unknown']);
    if (unknown.length > 0) await finish(boss, 'fail', queue, unknown, { outcome: 'unknown' }, db);

    // Sent again later under a new job: the old one is gone, the new one waits its backoff.
    const again = outcomes.filter((o) => o.settlement.nextJobId !== undefined);
    if (again.length > 0) {
      await boss.deleteJob(
        queue,
        again.map((o) => o.settlement.jobId),
        { db },
      );
      const jobs = again
        .filter((o) => applied.has(o.settlement.jobId))
        .map((o) =>
          newJob(
            queue,
            o.settlement.nextJobId as string,
            expireInSeconds,
            `${Math.round(o.delayMs ?? 0)} milliseconds`,
          ),
        );
      if (jobs.length > 0) await boss.insert(jobs, { db });
    }

    const limited = outcomes.filter((o) => o.rateLimited || o.accountRefused);
    if (limited.length > 0) {
      const retryAfter = Math.max(-1, ...limited.map((o) => o.rateLimited?.retryAfterMs ?? -1));
      await ledger.pause(tx, (strikes) =>
        retryAfter >= 0
          ? retryAfter
          : Math.min(backoff.maxDelay, backoff.baseDelay * 2 ** (strikes - 1)),
      );
    } else if (sent.length > 0) await ledger.unpause(tx);
  }

  /**
   * Moves batches of dead workers (lease run out) to `unknown`, at most once per poll
   * interval; and gives waiting messages whose job is gone a new one, at start and at most
   * once a minute (it reads every waiting row).
   */
  async #sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastSweep < this.#settings.pollInterval) return;
    this.#lastSweep = now;
    const { pool, boss, ledger, expireInSeconds } = this.#parts;
    if (now - this.#lastRepair >= REPAIR_INTERVAL_MS) {
      this.#lastRepair = now;
      await inTransaction(pool, async (tx) => {
        const jobs = await ledger.rejob(tx, REPAIR_LIMIT);
        if (jobs.length > 0)
          await boss.insert(
            jobs.map((job) =>
              newJob(ledger.queue, job.jobId, expireInSeconds, job.sendAfter?.toISOString()),
            ),
            { db: executor(tx) },
          );
      });
    }
    const expired = await inTransaction(pool, async (tx) => {
      const jobs = await ledger.expire(tx, EXPIRED);
      if (jobs.length > 0)
        await finish(
          boss,
          'fail',
          ledger.queue,
          jobs,
          { outcome: 'unknown', reason: 'expired' },
          executor(tx),
        );
      return jobs.length;
    });
    if (expired > 0) this.#progress({ ...ZERO, expired });
  }

  #progress(batch: OutcomeCounts): void {
    const total = { ...this.#total } as Record<keyof OutcomeCounts, number>;
    for (const key of Object.keys(batch) as (keyof OutcomeCounts)[]) total[key] += batch[key];
    this.#total = Object.freeze(total);
    this.#parts.progress(Object.freeze({ batch: Object.freeze(batch), total: this.#total }));
  }

  /** Waits, unless the worker is asked to stop. */
  async #rest(ms: number): Promise<void> {
    if (this.#stopping) return;
    try {
      await sleep(ms, undefined, { signal: this.#wake.signal });
    } catch {
      // Woken to stop.
    }
  }
}
