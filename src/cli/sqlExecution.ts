// SQL execution match for `check` and `samples` (through sessionChecks.ts): when the project file
// points "sql.database" at a SQLite file, every sample of a sql-kind session is run against it
// next to its seed's gold query (Spider's rules, sqlExecutionCheck) on sql.js in a worker thread;
// without a database the result is n/a with the reason. The result is the named `sql-execution`
// check, placed after `sql-parses` as CHECK_IDS orders them.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { currentText } from '../core/checks/currentText.ts';
import { DEFAULT_SQL_TIMEOUT_MS, kindCheckInput, sqlExecutionCheck } from '../core/checks/kinds/index.ts';
import { CheckResultStore } from '../core/checks/checkResultStore.ts';
import type { CheckReport } from '../core/checks/runChecks.ts';
import { SeedLookup } from '../core/checks/seedLookup.ts';
import type { CheckResult } from '../core/checks/types.ts';
import type { SampleSource } from '../core/checks/streamedChecks.ts';
import type { Seed } from '../core/seeds/types.ts';
import { workerSqlExecutor } from '../node/sql/workerSqlExecutor.ts';
import { InputError } from './cliErrors.ts';
import type { ProjectProfileSettings } from './projectProfileSettings.ts';
import { cliSqlWorkerFiles } from './sqlWorkerFiles.ts';

export interface SqlExecutionSetup {
  /** Absolute; undefined when no database is set (the check is then n/a). */
  readonly database?: string;
  readonly timeoutMs: number;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Resolves "sql.database" against the project file's folder; a path that is not a readable SQLite file is bad input. */
export async function sqlExecutionSetup(project: ProjectProfileSettings | undefined): Promise<SqlExecutionSetup> {
  const timeoutMs = project?.settings.sqlTimeoutMs ?? DEFAULT_SQL_TIMEOUT_MS;
  const written = project?.settings.sqlDatabase;
  if (project === undefined || written === undefined) return { timeoutMs };
  const database = path.resolve(path.dirname(project.file), written);
  const problem = (why: string) => new InputError(`${project.file}: "sql.database" is "${written}" (${database}), which ${why}. Point it at a SQLite database file, relative to ${path.basename(project.file)}.`);
  let header: Buffer;
  try {
    const file = await open(database, 'r');
    try {
      if (!(await file.stat()).isFile()) throw problem('is not a file');
      header = Buffer.alloc(SQLITE_HEADER.length);
      await file.read(header, 0, header.length, 0);
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw problem(code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is not a file' : `cannot be read (${code ?? String(error)})`);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw problem('is not a SQLite database (its first bytes are not "SQLite format 3")');
  return { database, timeoutMs };
}

/** The report with every sample's `sql-execution` result added after its `sql-parses`. */
export async function withSqlExecution(report: CheckReport, samples: SampleSource, seeds: readonly Seed[], setup: SqlExecutionSetup): Promise<CheckReport> {
  const lookup = new SeedLookup(seeds);
  const executor = setup.database === undefined ? undefined : workerSqlExecutor(cliSqlWorkerFiles());
  const options = { timeoutMs: setup.timeoutMs, ...(setup.database === undefined || executor === undefined ? {} : { database: setup.database, executor }) };
  // Same keys, same order: each sample's entry is replaced where it stands. A compact store (the
  // streamed commands') takes the new lists in place; anything else is copied first.
  const results: CheckResultStore | Map<string, readonly CheckResult[]> = report.results instanceof CheckResultStore ? report.results : new Map(report.results);
  try {
    for await (const { sample, review } of samples()) {
      const checks = report.results.get(sample.id);
      if (checks === undefined) continue;
      const input = kindCheckInput(sample, currentText(sample, review), lookup);
      const execution: CheckResult = await sqlExecutionCheck(input, options);
      const at = checks.findIndex((c) => c.check === 'sql-parses');
      results.set(sample.id, [...checks.slice(0, at + 1), execution, ...checks.slice(at + 1)]);
    }
  } finally {
    await executor?.close();
  }
  return { ...report, results };
}
