// What a generation run tells its watchers (the CLI's progress line, the editor's status bar and
// sidebar). Spend is announced only after the journal holds it.
import type { LedgerSnapshot } from '../budget/ledger.ts';
import type { ModelRole } from '../model/chat.ts';
import type { Sample, StrategyId } from '../samples/sample.ts';

import type { RunEndReason } from '../journal/events.ts';

export type { RunEndReason };

export interface RunPlanSummary {
  readonly strategy: StrategyId;
  readonly units: number;
  /** Units already finished in this session (skipped, or free from the cache). */
  readonly unitsDone: number;
  readonly teacherQueries: number;
  readonly augmenterCalls: number;
  readonly reason: string;
}

export interface RunFinished {
  readonly runId: string;
  readonly reason: RunEndReason;
  readonly message: string | null;
  readonly samplesAdded: number;
  readonly failures: number;
  readonly ledger: LedgerSnapshot;
  readonly elapsedMs: number;
}

export interface EngineEvents extends Record<string, unknown> {
  'run-started': { readonly runId: string; readonly plan: RunPlanSummary };
  'sample-added': { readonly sample: Sample };
  'spend-changed': { readonly ledger: LedgerSnapshot };
  /** An attempt the endpoint refused before the model ran (released, not spent); a 429 is tried again when the limit allows, others by the SDK's retries. */
  retry: { readonly role: ModelRole; readonly status: number | null; readonly reason: string; readonly retryAfterMs: number | null };
  /** A unit that failed for good (after the SDK's retries); the run goes on with the others. */
  'unit-failed': { readonly unitKey: string; readonly message: string };
  progress: { readonly unitsDone: number; readonly unitsTotal: number; readonly samplesAdded: number };
  'run-finished': RunFinished;
}
