// A run cut short (the window reloaded or closed, the editor crashed) leaves a run-start without
// a run-end in the journal. When the window comes back, the run section says so, with what that
// run spent, instead of nothing. Plain logic over the session's state.
import { batchesInFlight } from '../core/journal/batchState.ts';
import type { SessionState } from '../core/journal/state.ts';

export interface InterruptedRun {
  readonly runId: string;
  readonly startedAt: string;
  readonly samples: number;
  readonly teacherSpent: number;
  readonly augmenterSpent: number;
}

/**
 * The session's last run when it never ended, nothing is running it now and it has no batch in flight: not in this window
 * (`runningHere`), and not in another process (`writtenElsewhere`, a CLI run holding the lock).
 */
export function interruptedRun(session: SessionState, now: { readonly runningHere: boolean; readonly writtenElsewhere: boolean }): InterruptedRun | null {
  if (now.runningHere || now.writtenElsewhere) return null;
  const last = [...session.runs.values()].at(-1);
  if (!last || last.outcome !== 'interrupted') return null;
  // A batch run whose batches are still out was not cut short: the provider runs them, the run
  // section lists them, and they are settled on the next start.
  if (batchesInFlight(session.batches).some((b) => b.runId === last.runId)) return null;
  return { runId: last.runId, startedAt: last.start.at, samples: last.samples, teacherSpent: last.spent.teacher, augmenterSpent: last.spent.augmenter };
}
