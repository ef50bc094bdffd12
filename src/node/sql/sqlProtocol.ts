// Messages between workerSqlExecutor.ts and the SQL worker thread.
import type { SqlOutcome } from '../../core/checks/kinds/sqlExecutor.ts';

export interface SqlWorkerData {
  /** sql.js's sql-wasm.wasm. */
  readonly wasmFile: string;
}

export interface SqlJob {
  readonly id: number;
  readonly database: string;
  /** The file's modification time: a changed file is loaded again. */
  readonly mtimeMs: number;
  readonly queries: readonly string[];
}

export type SqlWorkerMessage =
  | { readonly id: number; readonly index: number; readonly started: true }
  | { readonly id: number; readonly index: number; readonly outcome: SqlOutcome }
  | { readonly id: number; readonly done: true };
