// What the editor sends the checks worker and what it answers: plain data, copied between the
// extension host's thread and the worker's. A generation starts with `reset` (new seeds, another
// session, samples gone, another answer profile or database) and then only ever sends samples
// the worker has not seen.
import type { SampleEntry } from '../../core/checks/incrementalChecks.ts';
import type { KindCheckResult } from '../../core/checks/kinds/types.ts';
import type { CheckResult } from '../../core/checks/types.ts';
import type { AnswerProfile } from '../../core/profile/types.ts';
import type { Seed } from '../../core/seeds/types.ts';
import type { SqlWorkerFiles } from '../../node/sql/workerSqlExecutor.ts';

/** The SQLite database of seedsmith.jsonc's "sql" (an absolute path), for execution match. */
export interface SqlDatabaseSetting {
  readonly database: string;
  readonly timeoutMs?: number;
}

/** What the checks of a generation depend on besides the seeds. */
export interface ChecksSetup {
  /** The seed file's answer profile with the person's choice of kind; null without a seed file. */
  readonly profile: AnswerProfile | null;
  /** null: no database is set, so execution match is n/a. */
  readonly sql: SqlDatabaseSetting | null;
}

export const NO_SETUP: ChecksSetup = { profile: null, sql: null };

export type ChecksJob =
  | { readonly kind: 'reset'; readonly generation: number; readonly seeds: readonly Seed[] | null; readonly setup: ChecksSetup; readonly sqlFiles: SqlWorkerFiles }
  /** A batch may come in several parts; the worker checks it when the part marked `last` arrives. */
  | { readonly kind: 'samples'; readonly generation: number; readonly entries: readonly SampleEntry[]; readonly last: boolean };

export type ChecksReply =
  /**
   * A batch's results, with every synchronous check (sql-execution, when it applies, as still to
   * run); they may come in several parts, and the part marked `last` ends the batch.
   */
  | { readonly generation: number; readonly results: ReadonlyArray<readonly [string, readonly CheckResult[]]>; readonly last: boolean }
  | { readonly generation: number; readonly error: string }
  /** Later, one per SQL sample of a batch: its execution match. Not a batch's answer. */
  | { readonly generation: number; readonly execution: readonly [string, KindCheckResult] };
