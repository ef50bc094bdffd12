// sql: the answer is one SQL statement that a real parser accepts; and, when a SQLite database is
// given, it returns the gold query's rows (Spider's execution match). A hanging query is stopped
// after the timeout and fails; a gold query that cannot run makes the match n/a, not a failure.
import { readSql } from '../../profile/sqlStatement.ts';
import { noGoldReason, notApplicable } from './types.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';
import type { SqlExecutor } from './sqlExecutor.ts';
import { compareRows } from './sqlRows.ts';

export const DEFAULT_SQL_TIMEOUT_MS = 5000;

export function sqlParsesCheck({ answer }: KindCheckInput): KindCheckResult {
  const check = 'sql-parses';
  const reading = readSql(answer);
  if (!reading.ok) return { check, status: 'fail', detail: `not a SQL statement: ${reading.reason}` };
  if (reading.statements > 1) return { check, status: 'fail', detail: `${reading.statements} statements; one query expected` };
  return { check, status: 'pass', detail: `one ${reading.types[0]?.toUpperCase() ?? 'SQL'} statement` };
}

/** Whitespace, case and a final semicolon do not make two queries different. */
function sameQueryText(a: string, b: string): boolean {
  const norm = (sql: string) => sql.trim().replace(/;\s*$/, '').replace(/\s+/g, ' ').toLowerCase();
  return norm(a) === norm(b);
}

export interface SqlExecutionOptions {
  /** The SQLite file; without it execution match is n/a. */
  readonly database?: string;
  readonly executor?: SqlExecutor;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export async function sqlExecutionCheck(input: KindCheckInput, options: SqlExecutionOptions): Promise<KindCheckResult> {
  const { answer, gold } = input;
  const check = 'sql-execution';
  const got = readSql(answer);
  if (!got.ok || got.statements !== 1) return notApplicable(check, 'the answer is not one SQL statement');
  const expected = gold === undefined ? undefined : readSql(gold);
  // The one right answer: the seed's own query is correct, with or without a database.
  if (expected?.ok && sameQueryText(expected.sql, got.sql)) return { check, status: 'pass', detail: "the seed's own query" };
  // Only queries are run: an answer that writes is wrong for a question, whatever it would return.
  if (got.types[0] !== 'select') return { check, status: 'fail', detail: `a ${got.types[0]?.toUpperCase() ?? 'SQL'} statement, not a query` };
  if (options.database === undefined || options.executor === undefined) return notApplicable(check, 'no SQLite database is set ("sql": {"database": …} in seedsmith.jsonc)');
  const timeoutMs = options.timeoutMs ?? DEFAULT_SQL_TIMEOUT_MS;
  const run = { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  if (expected?.ok && expected.types[0] !== 'select') return notApplicable(check, "the seed's gold answer is not a query");
  if (gold === undefined || !expected?.ok) {
    // No gold query to compare with: all that can be said is whether the answer runs.
    const [outcome] = await options.executor.run(options.database, [got.sql], run);
    if (outcome?.status === 'rows') return { check, status: 'pass', detail: `runs on the database (${outcome.rows.length} rows); ${gold === undefined ? noGoldReason(input) : "the seed's answer is not a query"}, so nothing to compare with` };
    return failedRun(outcome, timeoutMs);
  }
  const [goldOutcome, outcome] = await options.executor.run(options.database, [expected.sql, got.sql], run);
  if (goldOutcome?.status !== 'rows') {
    const why = goldOutcome?.status === 'timeout' ? `timed out after ${timeoutMs} ms` : goldOutcome?.status === 'error' ? `fails: ${goldOutcome.message}` : 'did not run';
    return notApplicable(check, `the seed's gold query ${why}`);
  }
  if (outcome?.status !== 'rows') return failedRun(outcome, timeoutMs);
  const comparison = compareRows(goldOutcome, outcome, expected.ordered);
  if (comparison.match) {
    const how = expected.ordered ? 'in order' : 'as a multiset';
    return { check, status: 'pass', detail: `same ${outcome.rows.length} rows as the gold query (${how}${comparison.permuted ? ', columns in another order' : ''})` };
  }
  return { check, status: 'fail', detail: comparison.reason };
}

function failedRun(outcome: Awaited<ReturnType<SqlExecutor['run']>>[number] | undefined, timeoutMs: number): KindCheckResult {
  const check = 'sql-execution';
  if (outcome?.status === 'timeout') return { check, status: 'fail', detail: `still running after ${timeoutMs} ms: stopped (a query that never ends?)` };
  if (outcome?.status === 'error') return { check, status: 'fail', detail: `the query fails on the database: ${outcome.message}` };
  return notApplicable(check, 'the query was not run');
}
