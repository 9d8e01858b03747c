/**
 * What the outbox needs of a database connection: node-postgres's `Client`, `PoolClient` and
 * `Pool` all fit. Declared here rather than imported from `pg`, so that the package's types
 * do not require `@types/pg`.
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

/** A node-postgres `Pool` (or anything with its `query` and `connect`). */
export interface PoolLike extends Queryable {
  connect(): Promise<Queryable & { release(error?: Error | boolean): void }>;
}

/** Runs `work` in a transaction on a client of its own: committed if it resolves, else rolled back. */
export async function inTransaction<T>(
  pool: PoolLike,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollback) {
      // A connection that cannot even roll back must not go back to the pool.
      broken = rollback as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

// PostgreSQL's SQLSTATE for a savepoint outside a transaction block.
const NO_ACTIVE_TRANSACTION = '25P01';

/**
 * Runs `work` inside the caller's own transaction on `db`, all or nothing: under a savepoint,
 * released if it resolves, rolled back to if not (the caller's transaction goes on as it was,
 * without any of it). A savepoint exists only inside a transaction, so a `db` outside one (a
 * Pool, a client before BEGIN), on which each statement would commit by itself and a failure
 * in between would leave half of the work committed, is refused before anything is written.
 */
export async function inSavepoint<T>(
  db: Queryable,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  try {
    await db.query('SAVEPOINT postmark_outbox');
  } catch (error) {
    if ((error as { code?: unknown }).code !== NO_ACTIVE_TRANSACTION) throw error;
    throw new TypeError(
      'db must be a node-postgres client inside your transaction (after BEGIN, on the same client), not a Pool or a client outside a transaction: the message and its job are stored together or not at all',
      { cause: error },
    );
  }
  try {
    const result = await work(db);
    await db.query('RELEASE SAVEPOINT postmark_outbox');
    return result;
  } catch (error) {
    try {
      await db.query('ROLLBACK TO SAVEPOINT postmark_outbox');
      await db.query('RELEASE SAVEPOINT postmark_outbox');
    } catch {
      // The connection is broken: the caller's transaction cannot commit anyway.
    }
    throw error;
  }
}

/** pg-boss runs its SQL through `executeSql`: here on the same connection (or transaction). */
export function executor(db: Queryable) {
  return { executeSql: (text: string, values?: unknown[]) => db.query(text, values) };
}
