import type { Queryable } from './db.js';

/**
 * The outbox's own record of every message, one row per (queue, key), kept in PostgreSQL
 * beside pg-boss's jobs: pg-boss distributes the work (fetching with SKIP LOCKED, start
 * times, expiry, archiving), the ledger says what became of each message, for as long as
 * the row is kept. A row points at the one pg-boss job that may send it (`job_id`); every
 * change of state is conditional on that pointer, inside the transaction that changes the
 * job, so no two jobs can ever be live for one key.
 */
export type LedgerState = 'queued' | 'sending' | 'sent' | 'refused' | 'retrying' | 'unknown';

export interface LedgerRow {
  readonly key: string;
  readonly state: LedgerState;
  readonly attempts: number;
  readonly message_id: string | null;
  readonly submitted_at: Date | null;
  readonly error_code: number | null;
  readonly error: string | null;
  readonly reason: string | null;
  readonly send_after: Date | null;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly payload?: Record<string, unknown>;
}

/** A message being added: its key, the Postmark JSON, which endpoint, and its first job. */
export interface NewRow {
  readonly key: string;
  readonly kind: 'email' | 'template';
  readonly payload: unknown;
  readonly job_id: string;
}

/** A message handed to a worker. */
export interface ClaimedRow {
  readonly key: string;
  readonly kind: 'email' | 'template';
  readonly payload: unknown;
  readonly job_id: string;
  readonly attempts: number;
}

/** What a worker learned about one message (see outcome.ts). */
export interface Settlement {
  readonly jobId: string;
  readonly state: 'sent' | 'refused' | 'unknown' | 'retrying' | 'queued';
  /** The job that sends it next (retrying, or released unsent). */
  readonly nextJobId?: string | undefined;
  /** -1 for a message released before its request started: that was no attempt. */
  readonly attemptsDelta?: number | undefined;
  readonly messageId?: string | undefined;
  readonly submittedAt?: Date | undefined;
  readonly errorCode?: number | undefined;
  readonly error?: string | undefined;
  readonly reason?: string | undefined;
}

const STATES = "'queued', 'sending', 'sent', 'refused', 'retrying', 'unknown'";
const COLUMNS =
  'key, state, attempts, message_id, submitted_at, error_code, error, reason, send_after, created_at, updated_at';

/** A PostgreSQL schema name the outbox may interpolate into its SQL. */
export function checkSchemaName(name: unknown): string {
  if (typeof name !== 'string' || !/^[a-z_][a-z0-9_]{0,39}$/.test(name)) {
    throw new TypeError(
      `schema must be a PostgreSQL name of lower-case letters, digits and underscores (at most 40, not starting with a digit), not ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/** pg-boss's schema beside the outbox's own. */
export function jobsSchema(schema: string): string {
  return `${schema}_jobs`;
}

// A waiting row changed this recently is left to the transaction that changed it (one that
// gave it a new job may have committed after the repair's snapshot was taken).
const REPAIR_GRACE = "interval '1 minute'";

export class Ledger {
  readonly #s: string;

  constructor(
    schema: string,
    readonly queue: string,
  ) {
    this.#s = checkSchemaName(schema);
  }

  /** Creates the tables once; safe to run from many processes at once. */
  async install(db: Queryable): Promise<void> {
    const s = this.#s;
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('postmark-fluent outbox ${s}'))`);
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${s}.message (
        queue text NOT NULL,
        key text NOT NULL,
        state text NOT NULL CHECK (state IN (${STATES})),
        kind text NOT NULL CHECK (kind IN ('email', 'template')),
        payload jsonb NOT NULL,
        job_id uuid NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        lease_until timestamptz,
        message_id text,
        submitted_at timestamptz,
        error_code integer,
        error text,
        reason text,
        send_after timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (queue, key)
      )`);
    await db.query(`CREATE INDEX IF NOT EXISTS message_job ON ${s}.message (queue, job_id)`);
    await db.query(
      `CREATE INDEX IF NOT EXISTS message_state ON ${s}.message (queue, state, updated_at)`,
    );
    // The shared 429 back-off: every worker of a queue waits until not_before.
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${s}.pause (
        queue text PRIMARY KEY,
        not_before timestamptz NOT NULL,
        strikes integer NOT NULL DEFAULT 0
      )`);
  }

  /**
   * Adds the rows whose key is new; resolves to those added (a key already there, in any
   * state, is left alone: enqueuing a key twice is a no-op). `sendAfter` is a timestamp
   * (ending in Z) or an interval from now, as pg-boss reads `startAfter`.
   */
  async add(
    db: Queryable,
    rows: readonly NewRow[],
    sendAfter: string | undefined,
  ): Promise<NewRow[]> {
    const { rows: added } = await db.query(
      `INSERT INTO ${this.#s}.message (queue, key, state, kind, payload, job_id, send_after)
       SELECT $1, r.key, 'queued', r.kind, r.payload, r.job_id,
         CASE WHEN $3::text IS NULL THEN NULL
              WHEN right($3::text, 1) = 'Z' THEN $3::timestamptz
              ELSE now() + $3::interval END
       FROM jsonb_to_recordset($2::jsonb) AS r(key text, kind text, payload jsonb, job_id uuid)
       ON CONFLICT (queue, key) DO NOTHING
       RETURNING key`,
      [this.queue, JSON.stringify(rows), sendAfter ?? null],
    );
    const keys = new Set((added as { key: string }[]).map((row) => row.key));
    return rows.filter((row) => keys.has(row.key));
  }

  /**
   * Marks the rows of fetched jobs as being sent, with a lease of `leaseSeconds` (the claiming
   * worker's own expiry: it knows how long its requests may take); rows in any other state
   * are not handed out (their job is stale).
   */
  async claim(
    db: Queryable,
    jobIds: readonly string[],
    leaseSeconds: number,
  ): Promise<ClaimedRow[]> {
    const { rows } = await db.query(
      `UPDATE ${this.#s}.message m
       SET state = 'sending', attempts = m.attempts + 1, updated_at = now(),
           lease_until = now() + $3 * interval '1 second'
       FROM unnest($2::uuid[]) AS j(id)
       WHERE m.queue = $1 AND m.job_id = j.id AND m.state IN ('queued', 'retrying')
       RETURNING m.key, m.kind, m.payload, m.job_id::text AS job_id, m.attempts`,
      [this.queue, jobIds, leaseSeconds],
    );
    return rows as ClaimedRow[];
  }

  /**
   * Records outcomes. A row changes only while it still points at the job that was sent
   * (state `sending`, or `unknown` when its lease ran out before the answer came): a person
   * may have retried it since. Resolves to the settlements that applied.
   */
  async settle(db: Queryable, settlements: readonly Settlement[]): Promise<Settlement[]> {
    if (settlements.length === 0) return [];
    const column = <K extends keyof Settlement>(key: K) => settlements.map((s) => s[key] ?? null);
    const { rows } = await db.query(
      `UPDATE ${this.#s}.message m
       SET state = r.state, job_id = COALESCE(r.next_job_id, m.job_id),
           attempts = m.attempts + r.attempts_delta,
           message_id = r.message_id, submitted_at = r.submitted_at,
           error_code = r.error_code, error = r.error, reason = r.reason,
           lease_until = NULL, updated_at = now()
       FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::int[], $6::text[], $7::timestamptz[],
                   $8::int[], $9::text[], $10::text[])
         AS r(job_id, state, next_job_id, attempts_delta, message_id, submitted_at, error_code, error, reason)
       WHERE m.queue = $1 AND m.job_id = r.job_id AND m.state IN ('sending', 'unknown')
       RETURNING r.job_id::text AS job_id`,
      [
        this.queue,
        column('jobId'),
        column('state'),
        column('nextJobId'),
        settlements.map((s) => s.attemptsDelta ?? 0),
        column('messageId'),
        column('submittedAt'),
        column('errorCode'),
        column('error'),
        column('reason'),
      ],
    );
    const applied = new Set((rows as { job_id: string }[]).map((row) => row.job_id));
    return settlements.filter((s) => applied.has(s.jobId));
  }

  /**
   * Rows whose lease ran out while being sent (their worker died, hung, or lost the
   * database) become `unknown`: the request may have reached Postmark. Resolves to their jobs.
   */
  async expire(db: Queryable, why: string): Promise<string[]> {
    const { rows } = await db.query(
      `UPDATE ${this.#s}.message
       SET state = 'unknown', reason = 'expired', error = $2, error_code = NULL, updated_at = now()
       WHERE queue = $1 AND state = 'sending' AND lease_until < now()
       RETURNING job_id::text AS job_id`,
      [this.queue, why],
    );
    return (rows as { job_id: string }[]).map((row) => row.job_id);
  }

  /** Puts `unknown` or `refused` rows back in the queue, each with its new job. */
  async requeue(
    db: Queryable,
    jobs: readonly { key: string; jobId: string }[],
  ): Promise<{ key: string; jobId: string }[]> {
    const { rows } = await db.query(
      `UPDATE ${this.#s}.message m
       SET state = 'queued', job_id = r.job_id, error_code = NULL, error = NULL, reason = NULL,
           lease_until = NULL, send_after = NULL, updated_at = now()
       FROM unnest($2::text[], $3::uuid[]) AS r(key, job_id)
       WHERE m.queue = $1 AND m.key = r.key AND m.state IN ('unknown', 'refused')
       RETURNING m.key, m.job_id::text AS "jobId"`,
      [this.queue, jobs.map((j) => j.key), jobs.map((j) => j.jobId)],
    );
    return rows as { key: string; jobId: string }[];
  }

  /**
   * Waiting rows (`queued`, `retrying`) whose job is gone get a new one: pg-boss archives a job
   * left unsent past its retention, and a hand-made DELETE (or a row stored without its job by
   * an older version) would otherwise leave the message waiting forever, its key taken.
   * Resolves to the new jobs (at most `limit`), to be inserted in the same transaction.
   */
  async rejob(
    db: Queryable,
    limit: number,
  ): Promise<{ key: string; jobId: string; sendAfter: Date | null }[]> {
    const s = this.#s;
    const { rows } = await db.query(
      `UPDATE ${s}.message m SET job_id = gen_random_uuid(), updated_at = now()
       FROM (
         SELECT o.key FROM ${s}.message o
         WHERE o.queue = $1 AND o.state IN ('queued', 'retrying')
           AND o.updated_at < now() - ${REPAIR_GRACE}
           AND NOT EXISTS (
             SELECT 1 FROM ${jobsSchema(s)}.job j
             WHERE j.name = $1 AND j.id = o.job_id AND j.state < 'completed')
         ORDER BY o.updated_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       ) o
       WHERE m.queue = $1 AND m.key = o.key AND m.state IN ('queued', 'retrying')
       RETURNING m.key, m.job_id::text AS "jobId", m.send_after AS "sendAfter"`,
      [this.queue, limit],
    );
    return rows as { key: string; jobId: string; sendAfter: Date | null }[];
  }

  async get(db: Queryable, key: string): Promise<LedgerRow | undefined> {
    const { rows } = await db.query(
      `SELECT ${COLUMNS} FROM ${this.#s}.message WHERE queue = $1 AND key = $2`,
      [this.queue, key],
    );
    return rows[0] as LedgerRow | undefined;
  }

  async states(db: Queryable, keys: readonly string[]): Promise<Map<string, LedgerState>> {
    const { rows } = await db.query(
      `SELECT key, state FROM ${this.#s}.message WHERE queue = $1 AND key = ANY($2::text[])`,
      [this.queue, keys],
    );
    return new Map(
      (rows as { key: string; state: LedgerState }[]).map((row) => [row.key, row.state]),
    );
  }

  /**
   * The rows in `state` (with `errorCode`, if given), oldest change first, with the message
   * each would send.
   */
  async list(
    db: Queryable,
    state: 'unknown' | 'refused',
    limit: number | null,
    errorCode: number | null = null,
  ): Promise<LedgerRow[]> {
    const { rows } = await db.query(
      `SELECT ${COLUMNS}, payload FROM ${this.#s}.message
       WHERE queue = $1 AND state = $2 AND ($4::int IS NULL OR error_code = $4)
       ORDER BY updated_at, key LIMIT $3`,
      [this.queue, state, limit, errorCode],
    );
    return rows as LedgerRow[];
  }

  async counts(db: Queryable): Promise<Map<LedgerState, number>> {
    const { rows } = await db.query(
      `SELECT state, count(*)::int AS n FROM ${this.#s}.message WHERE queue = $1 GROUP BY state`,
      [this.queue],
    );
    return new Map((rows as { state: LedgerState; n: number }[]).map((row) => [row.state, row.n]));
  }

  /** How long every worker of the queue must still wait after a 429, in ms (0: none). */
  async pauseLeft(db: Queryable): Promise<{ waitMs: number; until: Date | undefined }> {
    const { rows } = await db.query(
      `SELECT not_before AS until,
         GREATEST(0, EXTRACT(EPOCH FROM (not_before - now())) * 1000)::float8 AS wait
       FROM ${this.#s}.pause WHERE queue = $1`,
      [this.queue],
    );
    const row = rows[0] as { until: Date; wait: number } | undefined;
    return { waitMs: row?.wait ?? 0, until: row && row.wait > 0 ? row.until : undefined };
  }

  /**
   * Counts a 429 and pauses the queue for `delay(strikes)` ms from now (never shortening a
   * pause another worker set); resolves to the number of 429s in a row.
   */
  async pause(db: Queryable, delay: (strikes: number) => number): Promise<number> {
    const s = this.#s;
    const { rows } = await db.query(
      `INSERT INTO ${s}.pause AS p (queue, not_before, strikes) VALUES ($1, now(), 1)
       ON CONFLICT (queue) DO UPDATE SET strikes = p.strikes + 1
       RETURNING strikes`,
      [this.queue],
    );
    const strikes = (rows[0] as { strikes: number }).strikes;
    await db.query(
      `UPDATE ${s}.pause SET not_before = GREATEST(not_before, now() + $2 * interval '1 millisecond')
       WHERE queue = $1`,
      [this.queue, delay(strikes)],
    );
    return strikes;
  }

  /** A request went through: the next 429 starts the back-off from the beginning. */
  async unpause(db: Queryable): Promise<void> {
    await db.query(`UPDATE ${this.#s}.pause SET strikes = 0 WHERE queue = $1 AND strikes > 0`, [
      this.queue,
    ]);
  }
}
