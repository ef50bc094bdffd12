// Which samples a review filter shows, in what order, and where the cursor goes after a decision.
// Pure: the editor keeps a ReviewCursor and asks this module for the queue of the moment.
import type { SessionState } from '../journal/state.ts';
import type { Sample, StrategyId } from '../samples/sample.ts';

export type QueueFilter = 'pending' | 'flagged' | 'accepted' | 'rejected' | 'all';

export interface QueueOptions {
  readonly filter: QueueFilter;
  /** Only samples of one strategy, or of all. */
  readonly strategy: StrategyId | 'all';
  /** Flagged samples first (a person looks at what the machine doubts while fresh). */
  readonly flaggedFirst: boolean;
  /** A failed automatic check also counts as a reason to look first (default: flags only). */
  readonly failsCheck?: (sampleId: string) => boolean;
}

export function matches(state: SessionState, sample: Sample, options: QueueOptions): boolean {
  if (options.strategy !== 'all' && sample.strategy !== options.strategy) return false;
  const review = state.reviews.get(sample.id)?.state ?? 'pending';
  switch (options.filter) {
    case 'all':
      return true;
    case 'flagged':
      return sample.flags.length > 0;
    default:
      return review === options.filter;
  }
}

/** Sample ids in review order: generation order, flagged or check-failing ones moved first (or kept in place). */
export function reviewQueue(state: SessionState, options: QueueOptions): string[] {
  const flagged: string[] = [];
  const rest: string[] = [];
  for (const sample of state.samples.values()) {
    if (!matches(state, sample, options)) continue;
    const doubtful = sample.flags.length > 0 || (options.failsCheck?.(sample.id) ?? false);
    (options.flaggedFirst && doubtful ? flagged : rest).push(sample.id);
  }
  return flagged.length > 0 ? flagged.concat(rest) : rest;
}

/**
 * Where the cursor stands after the sample at `index` was decided: on the same index when the
 * decision took the sample out of the queue (the next one slid into its place), else one on.
 */
/** Where a move lands: on the named sample if the queue still holds it (it may have moved), else at `to`. */
export function moveTarget(queue: readonly string[], to: number, sampleId: string | undefined): number {
  const index = sampleId === undefined ? -1 : queue.indexOf(sampleId);
  return index >= 0 ? index : to;
}

export function cursorAfterDecision(index: number, stillInQueue: boolean, queueLength: number): number {
  const next = stillInQueue ? index + 1 : index;
  return Math.max(0, Math.min(next, Math.max(0, queueLength - 1)));
}
