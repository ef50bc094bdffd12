// The opt-in review policy: reject pending samples that fail chosen checks, as decisions with
// source "auto" and a reason naming the checks. Nothing is deleted: they sit among the
// rejected samples, reason shown, where a person can reset or accept them. A sample a person has ever
// decided on (including resetting an auto-rejection) is theirs and is never auto-rejected again.
import type { DecisionEvent } from '../journal/events.ts';
import type { SampleReview, SessionState } from '../journal/state.ts';
import type { CheckId, CheckResult } from './types.ts';

export const AUTO_SOURCE = 'auto';

export interface AutoRejectPolicy {
  /** Checks whose failure rejects a sample. Only 'fail' counts; 'warn' never rejects. */
  readonly checks: readonly CheckId[];
}

export interface AutoRejection {
  readonly sampleId: string;
  readonly checks: readonly CheckId[];
  readonly event: DecisionEvent;
}

/**
 * The decisions the policy makes now (nothing is written here; the caller appends them).
 * `everDecided` answers from the state's decision history unless a caller that keeps no history
 * (a streamed session) knows it another way.
 */
export function autoRejections(
  state: SessionState,
  results: ReadonlyMap<string, readonly CheckResult[]>,
  policy: AutoRejectPolicy,
  at: string,
  everDecided: (sampleId: string) => boolean = (sampleId) => (state.history.get(sampleId)?.length ?? 0) > 0,
): AutoRejection[] {
  const chosen = new Set(policy.checks);
  if (chosen.size === 0) return [];
  const out: AutoRejection[] = [];
  for (const [sampleId, sampleResults] of results) {
    if (state.reviews.get(sampleId)?.state !== 'pending') continue;
    if (everDecided(sampleId)) continue;
    const failed = sampleResults.filter((r) => r.status === 'fail' && chosen.has(r.check));
    if (failed.length === 0) continue;
    const checks = failed.map((r) => r.check);
    const reason = `auto-rejected by check ${failed.map((r) => `${r.check}: ${r.detail}`).join('; ')}`;
    out.push({ sampleId, checks, event: { type: 'decision', at, sampleId, decision: 'reject', reason, source: AUTO_SOURCE } });
  }
  return out;
}

export function isAutoRejected(review: SampleReview | undefined): boolean {
  return review?.state === 'rejected' && review.source === AUTO_SOURCE;
}
