// What every benchmark hands back to run.ts.
import type { BenchRow } from './table.ts';

export interface BenchResult {
  readonly rows: readonly BenchRow[];
  /** Raw numbers behind the rows, for bench.json and for whoever investigates a miss. */
  readonly details: Readonly<Record<string, unknown>>;
}

export type Log = (line: string) => void;
