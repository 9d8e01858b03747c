/** A data removal request: pending until the sandbox "finishes" it, `eventDelayMs` later. */
export interface StoredDataRemoval {
  readonly id: number;
  readonly requestedBy: string;
  readonly requestedFor: string;
  readonly notifyWhenCompleted: boolean;
  /** When it is done, in ms since the epoch. */
  readonly doneAt: number;
}

/** The account's data removal requests. Done with time, as delivery events happen. */
export class DataRemovalStore {
  readonly #removals = new Map<number, StoredDataRemoval>();
  #nextId = 1;

  add(fields: Omit<StoredDataRemoval, 'id'>): StoredDataRemoval {
    const removal = Object.freeze({ id: this.#nextId++, ...fields });
    this.#removals.set(removal.id, removal);
    return removal;
  }

  get(id: number): StoredDataRemoval | undefined {
    return this.#removals.get(id);
  }
}

/** A data removal as Postmark answers it: `{ ID, Status }`, `Pending` then `Done`. */
export function dataRemovalRecord(removal: StoredDataRemoval, now: number) {
  return { ID: removal.id, Status: now >= removal.doneAt ? 'Done' : 'Pending' };
}
