// The editor's side of a batch run, without the editor: it drives the core batch runner (the
// same one `seedsmith generate --batch` drives), keeps the last poll of each batch for the run
// section, reports each settled batch, and cancels at the provider through the same core path as
// the CLI's second Ctrl-C. Kept free of `vscode` so it is tested against the real test teacher.
import type { BatchEngine } from '../../core/batch/batchEngine.ts';
import type { BatchRunConfig } from '../../core/batch/batchPlan.ts';
import type { BatchProgress, BatchRunFinished, BatchSessionInputs } from '../../core/batch/batchRun.ts';
import { runBatchGeneration, settleBatchesInFlight } from '../../core/batch/batchRun.ts';
import { cancelBatchesInFlight } from '../../core/batch/cancelBatches.ts';
import type { BatchSettledEvent } from '../../core/journal/batchEvents.ts';
import type { LiveJournal } from '../../core/session/liveJournal.ts';
import type { BatchPollView } from '../../hostLogic/batchRunView.ts';

export interface BatchSessionDeps {
  readonly journal: LiveJournal;
  readonly engine: BatchEngine;
  /** Between polls of a batch in progress. */
  readonly pollMs: number;
  /** Something the run section shows changed (a poll, a submission, a settlement). */
  readonly onChange: () => void;
  readonly onSettled: (settled: BatchSettledEvent) => void;
  readonly onCancelError: (batchId: string, error: unknown) => void;
}

export class BatchSession {
  private readonly pollsNow = new Map<string, BatchPollView>();
  private readonly abort = new AbortController();
  private cancelRequested = false;
  private readonly deps: BatchSessionDeps;

  constructor(deps: BatchSessionDeps) {
    this.deps = deps;
  }

  /** The last poll of each batch, by batch key. */
  get polls(): ReadonlyMap<string, BatchPollView> {
    return this.pollsNow;
  }

  get cancelling(): boolean {
    return this.cancelRequested;
  }

  /** A new batch run (batches left in flight are settled first, as the CLI does). */
  run(config: BatchRunConfig): Promise<BatchRunFinished> {
    return runBatchGeneration(config, this.runDeps());
  }

  /** Polls and settles the batches a closed editor or a killed CLI left in flight; submits nothing new. */
  resume(inputs: BatchSessionInputs): Promise<BatchSettledEvent[]> {
    return settleBatchesInFlight(inputs, this.runDeps());
  }

  /** Cancels the batches in flight at the provider; the run settles them (their unrun lines are released) and submits nothing more. */
  async cancel(): Promise<number> {
    this.cancelRequested = true;
    this.deps.onChange();
    return cancelBatchesInFlight(this.deps.journal.state.batches, this.deps.engine, this.abort.signal, this.deps.onCancelError);
  }

  /** Stops polling at once (the editor closes): the batches stay in the session for the next start. */
  dispose(): void {
    this.abort.abort(new Error('The editor closed; the batches in flight are kept in the session.'));
  }

  private runDeps() {
    return { journal: this.deps.journal, engine: this.deps.engine, signal: this.abort.signal, pollMs: this.deps.pollMs, onProgress: (p: BatchProgress) => this.progress(p), stopSubmitting: () => this.cancelRequested };
  }

  private progress(p: BatchProgress): void {
    if (p.kind === 'polled') this.pollsNow.set(p.batchKey, { status: p.poll.status, counts: p.poll.counts });
    if (p.kind === 'settled') {
      this.pollsNow.delete(p.settled.batchKey);
      this.deps.onSettled(p.settled);
    }
    this.deps.onChange();
  }
}
