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

/** pg-boss runs its SQL through `executeSql`: here on the same connection (or transaction). */
export function executor(db: Queryable) {
  return { executeSql: (text: string, values?: unknown[]) => db.query(text, values) };
}
