// SQL execution match for a session's samples, one at a time: the asynchronous part of the SQL
// checks (the rest are synchronous, in runChecks). The editor's checks worker runs it after a
// batch's other results are out, so a slow or hanging query never holds them back.
import type { Sample } from '../../samples/sample.ts';
import type { SampleReview } from '../../journal/state.ts';
import type { Seed } from '../../seeds/types.ts';
import { currentText } from '../currentText.ts';
import { SeedLookup } from '../seedLookup.ts';
import { CHECK_IDS } from '../types.ts';
import type { CheckResult } from '../types.ts';
import { kindCheckInput } from './sampleKindChecks.ts';
import { sqlExecutionCheck } from './sqlChecks.ts';
import type { SqlExecutionOptions } from './sqlChecks.ts';
import type { KindCheckResult } from './types.ts';

/** What sql-execution says before its query has run. */
export const EXECUTION_PENDING: KindCheckResult = { check: 'sql-execution', status: 'n/a', detail: 'n/a, because the query is still to run on the database' };

export class SampleSqlExecution {
  readonly #seeds: SeedLookup | null;
  readonly #options: SqlExecutionOptions;

  constructor(seeds: readonly Seed[] | null, options: SqlExecutionOptions) {
    this.#seeds = seeds ? new SeedLookup(seeds) : null;
    this.#options = options;
  }

  /** Execution match of the sample's current answer against its seed's gold query (n/a with the reason when it cannot be made). */
  check(sample: Sample, review: SampleReview | undefined): Promise<KindCheckResult> {
    return sqlExecutionCheck(kindCheckInput(sample, currentText(sample, review), this.#seeds), this.#options);
  }
}

/** The results with `result` in its place: replacing the same check, else inserted in CHECK_IDS order. */
export function withCheckResult(results: readonly CheckResult[], result: CheckResult): CheckResult[] {
  const out = results.filter((r) => r.check !== result.check);
  const rank = CHECK_IDS.indexOf(result.check);
  const at = out.findIndex((r) => CHECK_IDS.indexOf(r.check) > rank);
  out.splice(at === -1 ? out.length : at, 0, result);
  return out;
}
