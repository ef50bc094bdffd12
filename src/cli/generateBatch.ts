// `seedsmith generate --batch`: the run goes to the provider's batch engine (OpenAI Batch API,
// Azure OpenAI global batch) instead of one request at a time. Batches left in flight by an
// earlier `generate --batch` on the session are picked up and settled first. Ctrl-C once says
// what happens to the batches in flight; twice cancels them at the provider (their unrun lines
// are released) and settles them; three times quits at once, leaving them for the next run.
import type { BatchEngine } from '../core/batch/batchEngine.ts';
import type { BatchRunConfig } from '../core/batch/batchPlan.ts';
import type { BatchProgress, BatchRunFinished } from '../core/batch/batchRun.ts';
import { runBatchGeneration } from '../core/batch/batchRun.ts';
import { cancelBatchesInFlight } from '../core/batch/cancelBatches.ts';
import type { OpenSession } from '../node/sessionFolder.ts';
import type { CliIo } from './cliTypes.ts';
import { EXIT_DONE, EXIT_FAILED } from './cliTypes.ts';

export interface BatchGenerateOptions {
  readonly config: BatchRunConfig;
  readonly engine: BatchEngine;
  readonly session: OpenSession;
  readonly sessionDir: string;
  readonly pollMs: number;
  readonly json: boolean;
}

export async function generateBatch(options: BatchGenerateOptions, io: CliIo): Promise<number> {
  const { session, engine, json } = options;
  const abort = new AbortController();
  const say = (text: string) => {
    if (!json) io.err(text);
  };
  const onProgress = (p: BatchProgress) => {
    switch (p.kind) {
      case 'run-started':
        say(`batch run ${p.runId}: ${p.strategy}, ${p.units} units\n`);
        break;
      case 'submitted':
        say(`submitted ${p.batchId}: ${p.lines} lines\n`);
        break;
      case 'never-submitted':
        say(`batch ${p.batchKey} never reached the provider: its ${p.lines} lines are released\n`);
        break;
      case 'settled': {
        const s = p.settled;
        say(`settled ${s.batchId ?? s.batchKey} (${s.status}): ${s.completed} completed, ${s.released} released, ${s.uncertain} uncertain${s.unaccounted.length > 0 ? `, ${s.unaccounted.length} unaccounted` : ''}${s.error ? ` — ${s.error}` : ''}\n`);
        break;
      }
      case 'polled':
        break;
    }
  };
  let interrupts = 0;
  let cancelling = false;
  const removeInterrupt = io.onInterrupt?.(() => {
    interrupts++;
    if (interrupts === 1) {
      io.err('\nThe batches in flight keep running at the provider; `seedsmith generate --batch` on this session settles them later.\nCtrl-C again to cancel them at the provider (lines not yet run are released), a third time to quit now.\n');
    } else if (interrupts === 2) {
      cancelling = true;
      io.err('Cancelling the batches in flight…\n');
      void cancelBatchesInFlight(session.journal.state.batches, engine, abort.signal, (batchId, error) => io.err(`could not cancel ${batchId}: ${String(error)}\n`));
    } else {
      abort.abort(new Error('quit'));
    }
  });
  let finished: BatchRunFinished;
  try {
    finished = await runBatchGeneration(options.config, { journal: session.journal, engine, signal: abort.signal, pollMs: options.pollMs, onProgress, stopSubmitting: () => cancelling });
  } catch (error) {
    if (abort.signal.aborted) {
      io.err('Stopped; the batches in flight are kept in the session.\n');
      return 130;
    }
    io.err(`seedsmith generate --batch: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  } finally {
    removeInterrupt?.();
    await session.close();
  }
  const { teacher, augmenter } = session.journal.state.budget;
  if (json) {
    io.out(`${JSON.stringify({ runId: finished.runId, reason: finished.reason, message: finished.message, batches: finished.batches, samplesAdded: finished.samplesAdded, teacher: { limit: teacher.limit, spent: teacher.spent, completed: teacher.completed, uncertain: teacher.uncertain, released: teacher.released }, augmenter: { limit: augmenter.limit, spent: augmenter.spent, completed: augmenter.completed, uncertain: augmenter.uncertain, released: augmenter.released }, session: options.sessionDir })}\n`);
  } else {
    const how = { done: 'done', budget: 'stopped: the budget is spent', failed: `failed: ${finished.message ?? ''}`, cancelled: 'cancelled (lines not run are released)' }[finished.reason];
    io.out(`${finished.runId} ${how}. ${finished.batches} batches, ${finished.samplesAdded} new samples, pending review.\n`);
    io.out(`  teacher ${teacher.spent}/${teacher.limit} queries spent (${teacher.uncertain} uncertain, ${teacher.released} released)\n`);
    io.out(`  augmenter ${augmenter.spent}/${augmenter.limit} calls spent\n`);
    io.out(`  session ${options.sessionDir}\n`);
  }
  return finished.reason === 'failed' ? EXIT_FAILED : EXIT_DONE;
}
