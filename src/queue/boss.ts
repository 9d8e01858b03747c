import { createRequire } from 'node:module';
import type PgBoss from 'pg-boss';
import type { executor, PoolLike } from './db.js';

export type Boss = PgBoss;

// pg-boss and pg are optional peer dependencies: loaded only when an outbox first touches
// the database, so that `postmark-fluent` users who never use the queue need neither.
const INSTALL = 'npm install pg-boss@10 pg';

/** pg-boss 10 (the line that runs on Node 20; 11 and later need Node 22). */
export async function loadPgBoss(): Promise<typeof PgBoss> {
  const version = installedVersion('pg-boss');
  if (version === undefined)
    throw new Error(`postmark-fluent/queue needs the pg-boss package: ${INSTALL}`);
  if (!version.startsWith('10.'))
    throw new Error(`postmark-fluent/queue works with pg-boss 10.x, found ${version}: ${INSTALL}`);
  const module = await import('pg-boss');
  return (module.default ?? module) as typeof PgBoss;
}

/** A node-postgres pool for a connection string. */
export interface OwnPool extends PoolLike {
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export async function openPool(connectionString: string): Promise<OwnPool> {
  if (installedVersion('pg') === undefined)
    throw new Error(`postmark-fluent/queue needs the pg package: ${INSTALL}`);
  const { default: pg } = await import('pg');
  return new pg.Pool({ connectionString, application_name: 'postmark-fluent outbox' });
}

function installedVersion(name: string): string | undefined {
  try {
    return createRequire(import.meta.url)(`${name}/package.json`).version as string;
  } catch {
    return undefined;
  }
}

/**
 * Completes or fails jobs inside a transaction. pg-boss 10's types leave out the `data`
 * argument of `complete()` and `fail()` for a list of ids, but its code reads the options
 * (and so `db`) from the fourth argument only: passed any other way, the call would run
 * outside the transaction.
 */
export function finish(
  boss: Boss,
  how: 'complete' | 'fail',
  queue: string,
  ids: readonly string[],
  output: object | null,
  db: ReturnType<typeof executor>,
): Promise<unknown> {
  const call = boss[how] as unknown as (
    name: string,
    ids: readonly string[],
    data: object | null,
    options: { db: ReturnType<typeof executor> },
  ) => Promise<unknown>;
  return call.call(boss, queue, ids, output, { db });
}

/**
 * A pg-boss job for a message: never retried by pg-boss itself (see docs/queue.md), and
 * `startAfter` as pg-boss reads it (a timestamp ending in Z, or an interval from now).
 */
export function newJob(
  queue: string,
  id: string,
  expireInSeconds: number,
  startAfter: string | undefined,
) {
  return {
    id,
    name: queue,
    data: {},
    retryLimit: 0,
    expireInSeconds,
    ...(startAfter === undefined ? {} : { startAfter }),
  };
}
