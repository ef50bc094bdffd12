// Cancelling a batch run: every batch of the session still in flight on the engine is cancelled
// at the provider (its unrun lines come back `batch_cancelled` and are released when the run
// settles it). The CLI's second Ctrl-C and the editor's Cancel button both come here.
import type { BatchInfo } from '../journal/batchState.ts';
import { batchesInFlight } from '../journal/batchState.ts';
import type { BatchEngine } from './batchEngine.ts';

/** Asks the provider to cancel each submitted batch in flight; resolves once every request answered. A refusal goes to `onError`, the others still go out. */
export async function cancelBatchesInFlight(batches: ReadonlyMap<string, BatchInfo>, engine: BatchEngine, signal: AbortSignal, onError: (batchId: string, error: unknown) => void): Promise<number> {
  const out = batchesInFlight(batches).filter((b) => b.submitted !== null && b.engine === engine.kind);
  await Promise.all(out.map((b) => engine.cancel(b.submitted!.batchId, signal).catch((error: unknown) => onError(b.submitted!.batchId, error))));
  return out.length;
}
