// The review queues a person works through, and their order. Auto-rejected samples are a queue
// of their own so that a policy's rejections stay visible and can be undone.
import type { SessionState } from '../journal/state.ts';
import { isAutoRejected } from './autoReject.ts';
import type { CheckResult } from './types.ts';

export type ReviewQueueName = 'pending' | 'accepted' | 'rejected' | 'auto-rejected';

export const REVIEW_QUEUES: readonly ReviewQueueName[] = ['pending', 'accepted', 'rejected', 'auto-rejected'];

/**
 * - generated: the order the samples were made in
 * - problems-first: failed checks, then warnings and flags, then clean ones (triage the doubtful)
 * - problems-last: clean ones first (accept the easy ones quickly)
 * Within a rank the generation order is kept.
 */
export type QueueOrder = 'generated' | 'problems-first' | 'problems-last';

export function queueOf(state: SessionState, sampleId: string): ReviewQueueName {
  const review = state.reviews.get(sampleId);
  if (isAutoRejected(review)) return 'auto-rejected';
  return review?.state ?? 'pending';
}

/** How doubtful a sample looks: failures weigh most, then warnings, then flags. */
export function problemScore(flags: number, results: readonly CheckResult[] | undefined): number {
  let fails = 0;
  let warns = 0;
  for (const r of results ?? []) {
    if (r.status === 'fail') fails += 1;
    else if (r.status === 'warn') warns += 1;
  }
  return fails * 10_000 + warns * 100 + flags;
}

export function reviewQueue(state: SessionState, results: ReadonlyMap<string, readonly CheckResult[]>, queue: ReviewQueueName, order: QueueOrder = 'generated'): string[] {
  const ids: { id: string; score: number; at: number }[] = [];
  let at = 0;
  for (const sample of state.samples.values()) {
    at += 1;
    if (queueOf(state, sample.id) !== queue) continue;
    ids.push({ id: sample.id, score: problemScore(sample.flags.length, results.get(sample.id)), at });
  }
  if (order !== 'generated') {
    const sign = order === 'problems-first' ? -1 : 1;
    ids.sort((a, b) => sign * (a.score - b.score) || a.at - b.at);
  }
  return ids.map((entry) => entry.id);
}
