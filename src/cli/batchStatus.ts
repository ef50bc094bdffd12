// The batches part of `seedsmith status`: what is in flight (and where), and what the settled
// ones left unaccounted, read from the journal alone.
import type { BatchInfo } from '../core/journal/batchState.ts';
import { batchesInFlight } from '../core/journal/batchState.ts';
import type { SessionState } from '../core/journal/state.ts';

export interface BatchStatusJson {
  readonly inFlight: { batchKey: string; batchId: string | null; engine: string; model: string; lines: number; submitted: boolean; expiresAt: string | null }[];
  readonly settled: number;
  /** Submitted lines that were in neither the output nor the error file (counted as spent). */
  readonly unaccounted: number;
}

export function batchStatusJson(state: SessionState): BatchStatusJson {
  const all = [...state.batches.values()];
  return {
    inFlight: batchesInFlight(state.batches).map((b: BatchInfo) => ({ batchKey: b.batchKey, batchId: b.submitted?.batchId ?? null, engine: b.engine, model: b.model, lines: b.customIds.length, submitted: b.submitted !== null, expiresAt: b.submitted?.expiresAt ?? null })),
    settled: all.filter((b) => b.settled !== null).length,
    unaccounted: all.reduce((sum, b) => sum + (b.settled?.unaccounted.length ?? 0), 0),
  };
}

export function batchStatusLines(view: BatchStatusJson): string[] {
  const lines = view.inFlight.map((b) => `  batch      ${b.batchId ?? b.batchKey}  ${b.engine}  ${b.model}  ${b.lines} lines in flight${b.submitted ? '' : ' (prepared; not seen submitted)'}${b.expiresAt ? `  expires ${b.expiresAt}` : ''}`);
  if (view.unaccounted > 0) lines.push(`  batches    ${view.unaccounted} submitted lines in neither output file (unaccounted; counted as spent)`);
  return lines;
}
