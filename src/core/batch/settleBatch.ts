// Settles one batch at its terminal status, joined by custom_id (never by line order), once:
// a line already settled is passed over, so settling the same batch or importing the same file
// again changes nothing. Per line:
//   200                              → completed (spent); its answer cached, usage recorded
//   batch_expired / batch_cancelled  → released (never ran; may be resubmitted with a new attempt)
//   any other error                  → uncertain (counted as spent; a `wasted` event says why)
//   in neither file                  → uncertain, listed as unaccounted
// A batch that failed validation ran nothing: every line is released, with the provider's error.
import type { BatchSettledEvent } from '../journal/batchEvents.ts';
import type { BatchInfo } from '../journal/batchState.ts';
import type { JournalEvent } from '../journal/events.ts';
import type { AttemptOutcome, ModelRole } from '../model/chat.ts';
import { scrubSecrets } from '../model/scrubSecrets.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import type { BatchResultLine } from './batchEngine.ts';

export interface BatchEnding {
  /** The engine's terminal status (completed, expired, cancelled, failed) or `imported`. */
  readonly status: string;
  readonly results: readonly BatchResultLine[];
  /** Validation errors of a failed batch. */
  readonly errors?: readonly string[];
  readonly batchId: string | null;
}

const RELEASED_CODES = new Set(['batch_expired', 'batch_cancelled']);

/** The status of a batch prepared before a crash that the provider never received. */
export const NOT_SUBMITTED = 'not-submitted';

/**
 * `buildSamples` runs after the lines are settled and before the batch is marked settled, so a
 * crash in between settles (and builds) again rather than leaving answers without samples.
 */
export type LineOutcome = 'completed' | 'released' | 'uncertain';

export interface SettledBatch {
  readonly settled: BatchSettledEvent;
  /** What each line of the batch came to, by custom_id (whether settled now or before). */
  readonly outcomes: ReadonlyMap<string, LineOutcome>;
}

export async function settleBatch(journal: LiveJournal, batch: BatchInfo, ending: BatchEnding, now: () => Date, buildSamples: (unitKeys: readonly string[]) => Promise<void>): Promise<SettledBatch> {
  const at = () => now().toISOString();
  const state = journal.state;
  const events: JournalEvent[] = [];
  // A file holds one model, not one role: each line settles under the role it was reserved for.
  const roleOf = (customId: string) => state.batchLines.get(customId)?.role ?? batch.role;
  const settle = (customId: string, outcome: AttemptOutcome) => events.push({ type: 'settle', at: at(), attemptId: customId, role: roleOf(customId), outcome });
  const open = (customId: string) => state.unsettled.has(customId);
  const outcomes = new Map<string, LineOutcome>();
  let completed = 0;
  let released = 0;
  let uncertain = 0;
  const unaccounted: string[] = [];
  let unaccountedOpen = 0;
  // Nothing ran: the batch failed validation, or the provider never got it (a crash before the upload).
  const nothingRan = (ending.status === 'failed' || ending.status === NOT_SUBMITTED) && ending.results.length === 0;
  const error = nothingRan ? scrubSecrets((ending.errors ?? []).join('; ') || 'The batch failed validation.') : undefined;

  if (nothingRan) {
    const reason = ending.status === NOT_SUBMITTED ? 'never submitted: the provider has no such batch' : `the batch failed validation: ${error}`;
    for (const id of batch.customIds) {
      released++;
      outcomes.set(id, 'released');
      if (open(id)) settle(id, { kind: 'released', status: null, reason });
    }
  } else {
    // The first line for an id counts; one the batch does not hold is not ours to settle.
    const byId = new Map<string, BatchResultLine>();
    for (const line of ending.results) if (!byId.has(line.customId)) byId.set(line.customId, line);
    const wastedReasons = new Map<string, number>();
    for (const id of batch.customIds) {
      const line = byId.get(id);
      const info = state.batchLines.get(id);
      if (line === undefined) {
        uncertain++;
        outcomes.set(id, 'uncertain');
        unaccounted.push(id);
        if (open(id)) {
          unaccountedOpen++;
          settle(id, { kind: 'uncertain', reason: 'unaccounted' });
        }
        continue;
      }
      if (line.kind === 'completed') {
        completed++;
        outcomes.set(id, 'completed');
        if (open(id) && info) events.push({ type: 'completion', at: at(), cacheKey: info.cacheKey, role: info.role, result: line.result, settle: { attemptId: id, outcome: { kind: 'completed', status: 200 } } });
        continue;
      }
      if (line.kind === 'unrun' && RELEASED_CODES.has(line.code)) {
        released++;
        outcomes.set(id, 'released');
        if (open(id)) settle(id, { kind: 'released', status: null, reason: line.code });
        continue;
      }
      uncertain++;
      outcomes.set(id, 'uncertain');
      if (!open(id)) continue;
      settle(id, { kind: 'uncertain', reason: 'batch-error' });
      const reason = scrubSecrets(line.kind === 'unrun' ? `a batch line failed: ${line.code}` : `a batch line failed${line.status === null ? '' : ` with status ${line.status}`}: ${line.message}`);
      const key = `${roleOf(id)}\u0000${reason}`;
      wastedReasons.set(key, (wastedReasons.get(key) ?? 0) + 1);
    }
    for (const [key, attempts] of wastedReasons) {
      const [role, reason] = key.split('\u0000') as [ModelRole, string];
      events.push({ type: 'wasted', at: at(), runId: batch.runId, role, attempts, reason });
    }
  }
  if (unaccountedOpen > 0) events.push({ type: 'wasted', at: at(), runId: batch.runId, role: batch.role, attempts: unaccountedOpen, reason: 'batch lines in neither the output nor the error file (unaccounted)' });
  // Written in order; the durable batch-settled at the end makes all of them durable together.
  const writes = events.map((event) => journal.append(event));
  const settled: BatchSettledEvent = { type: 'batch-settled', at: at(), batchKey: batch.batchKey, batchId: ending.batchId, status: ending.status, completed, released, uncertain, unaccounted, ...(error !== undefined ? { error } : {}) };
  await Promise.all(writes);
  const unitKeys = batch.customIds.flatMap((id) => state.batchLines.get(id)?.unitKeys ?? []);
  await buildSamples(unitKeys);
  await journal.append(settled, { durable: true });
  return { settled, outcomes };
}
