// What the run section says about batch runs: one line per batch in flight (submitted, completed,
// failed, expiring at) from the session's journal and the last poll of each, and the sentence
// that announces a batch's end. Plain logic, so the wording is tested without an editor.
import type { BatchSettledEvent } from '../core/journal/batchEvents.ts';
import type { BatchInfo } from '../core/journal/batchState.ts';
import { batchesInFlight } from '../core/journal/batchState.ts';

/** What the last poll of a batch said (the provider's status and its request counts). */
export interface BatchPollView {
  readonly status: string;
  readonly counts: { readonly total: number; readonly completed: number; readonly failed: number };
}

/** One line per batch of the session still in flight, oldest first. */
export function batchProgressLines(batches: ReadonlyMap<string, BatchInfo>, polls: ReadonlyMap<string, BatchPollView>): string[] {
  return batchesInFlight(batches).map((batch) => {
    const lines = batch.customIds.length;
    const role = batch.role === 'teacher' ? 'teacher' : 'augmenter';
    if (batch.submitted === null) return `${role} batch of ${lines} lines: being submitted`;
    const poll = polls.get(batch.batchKey);
    const counts = poll ? `${poll.status}, ${poll.counts.completed} completed, ${poll.counts.failed} failed` : 'waiting for the provider';
    const expiry = batch.submitted.expiresAt ? ` · expires ${utcMinute(batch.submitted.expiresAt)}` : '';
    return `${role} batch ${batch.submitted.batchId}: ${lines} submitted · ${counts}${expiry}`;
  });
}

/** The sentence for a notification when a batch has been settled. */
export function batchEndedMessage(settled: BatchSettledEvent): string {
  const name = settled.batchId ?? settled.batchKey;
  if (settled.status === 'not-submitted') return `Batch ${name} never reached the provider: its ${settled.released} lines are released, nothing was spent.`;
  if (settled.status === 'failed') return `Batch ${name} was refused by the provider, nothing ran (${settled.released} lines released): ${settled.error ?? 'failed validation'}`;
  const parts = [`${settled.completed} completed`];
  if (settled.released > 0) parts.push(`${settled.released} released`);
  if (settled.uncertain > 0) parts.push(`${settled.uncertain} failed (counted as spent)`);
  if (settled.unaccounted.length > 0) parts.push(`${settled.unaccounted.length} unaccounted (counted as spent)`);
  return `Batch ${name} ended (${settled.status}): ${parts.join(', ')}.`;
}

/** An ISO time as `YYYY-MM-DD HH:MM UTC`: the same for every reader, whatever their locale. */
function utcMinute(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
