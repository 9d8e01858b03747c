export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

export function postgresBinaries(): string;
export function startPostgres(): Promise<ThrowawayPostgres>;
