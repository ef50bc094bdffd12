// Running SQL is Node's job (a SQLite engine in a worker thread, src/node/sql); the check only
// sees this interface, so it stays pure and testable.

export type SqlValue = number | string | null | Uint8Array;

export type SqlOutcome =
  | { readonly status: 'rows'; readonly columns: readonly string[]; readonly rows: readonly (readonly SqlValue[])[] }
  | { readonly status: 'error'; readonly message: string }
  /** Still running when the time ran out: the engine was stopped. */
  | { readonly status: 'timeout'; readonly afterMs: number }
  /** Not started: an earlier query of the same call timed out. */
  | { readonly status: 'not-run' };

export interface SqlRunOptions {
  /** For each query, from when it starts; a query still running then is stopped and reported as `timeout`, the rest as `not-run`. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface SqlExecutor {
  /** Runs the queries one after another on a private copy of the database; the file is never written. */
  run(database: string, queries: readonly string[], options: SqlRunOptions): Promise<SqlOutcome[]>;
}
