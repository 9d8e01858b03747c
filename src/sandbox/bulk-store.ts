import { randomUUID } from 'node:crypto';
import type { Store } from './store.js';

/** A bulk request the sandbox took: the copies it made, one per recipient it could send to. */
export interface StoredBulk {
  readonly id: string;
  readonly submittedAt: number;
  readonly subject: string;
  /** The recipients it listed: what `TotalMessages` counts. */
  readonly total: number;
  /** The MessageIDs of the copies made (a suppressed recipient gets none). */
  readonly messageIds: readonly string[];
}

/** The bulk requests of one server. Their status is read from their copies' delivery times. */
export class BulkStore {
  readonly #bulks = new Map<string, StoredBulk>();

  add(fields: Omit<StoredBulk, 'id'>): StoredBulk {
    const bulk = Object.freeze({ id: randomUUID(), ...fields });
    this.#bulks.set(bulk.id, bulk);
    return bulk;
  }

  get(id: string): StoredBulk | undefined {
    return this.#bulks.get(id);
  }

  clear(): void {
    this.#bulks.clear();
  }
}

/**
 * Spreads the copies' delivery over the event delay, the k-th of n at `start + delay·k/n`,
 * so that a poller sees the request go from Accepted through Processing to Completed, as
 * Postmark releases a large bulk send over time.
 */
export function spreadDelivery(
  store: Store,
  messageIds: readonly string[],
  start: number,
  delay: number,
): void {
  const n = messageIds.length;
  const later = new Map(messageIds.map((id, k) => [id, start + (delay * (k + 1)) / n]));
  for (const id of messageIds) {
    const at = later.get(id) as number;
    for (const event of store.message(id)?.events ?? []) event.at = at;
  }
  for (const bounce of store.bounces(Number.POSITIVE_INFINITY))
    if (later.has(bounce.messageId)) bounce.at = later.get(bounce.messageId) as number;
}

/** The bulk request as GET /email/bulk/{id} answers it, its progress read at `now`. */
export function bulkRecord(bulk: StoredBulk, store: Store, now: number) {
  const delivered = bulk.messageIds.filter((id) =>
    (store.message(id)?.events ?? []).every((event) => event.at <= now),
  ).length;
  // A recipient the sandbox could not send to (a suppressed one) is done as soon as it is taken.
  const done = delivered + (bulk.total - bulk.messageIds.length);
  const status = done === 0 ? 'Accepted' : done < bulk.total ? 'Processing' : 'Completed';
  return {
    Id: bulk.id,
    SubmittedAt: new Date(bulk.submittedAt).toISOString(),
    TotalMessages: bulk.total,
    PercentageCompleted: bulk.total === 0 ? 100 : Math.floor((100 * done) / bulk.total),
    Status: status,
    Subject: bulk.subject,
  };
}
