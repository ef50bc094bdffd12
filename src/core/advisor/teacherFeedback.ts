// How each teacher of an ensemble has done in a session: acceptance among the samples it answered
// and teacher queries per accepted sample (money too when prices are set), with a hint to shift
// the remaining budget toward a teacher whose samples are clearly more often accepted, by the
// same rule as between strategies (feedback.ts). Counted from the samples' own call records:
// only samples with a teacher call count, and a query served from the cache costs nothing.
import type { SessionState } from '../journal/state.ts';
import type { Sample } from '../samples/sample.ts';
import { budgetLeft } from '../budget/limit.ts';
import { widestAcceptanceGap } from './feedback.ts';
import type { AcceptanceTally } from './feedback.ts';
import { formatNumber } from './formatNumber.ts';
import type { Pricing } from './pricing.ts';
import { priceOf, tokensCost } from './pricing.ts';

export interface TeacherFeedback extends AcceptanceTally {
  readonly model: string;
  /** Teacher queries bought for this teacher's samples. */
  readonly teacherQueries: number;
  /** Teacher queries ÷ accepted; null while nothing is accepted. */
  readonly queriesPerAccepted: number | null;
  /** Money per accepted sample for this teacher's queries; null without a price or an accepted sample. */
  readonly costPerAccepted: number | null;
}

export interface EnsembleFeedback {
  /** By teacher model, in the order first seen; one entry for a single-teacher session. */
  readonly teachers: readonly TeacherFeedback[];
  readonly hint: string | null;
}

/** Tallies samples one at a time, so a streamed session is counted without holding its samples. */
export class TeacherTally {
  readonly #pricing: Pricing;
  readonly #tallies = new Map<string, { samples: number; accepted: number; rejected: number; pending: number; queries: number; money: number; priced: boolean }>();

  constructor(pricing: Pricing = {}) {
    this.#pricing = pricing;
  }

  add(sample: Sample, decided: 'pending' | 'accepted' | 'rejected'): void {
    const calls = sample.calls.filter((call) => call.role === 'teacher');
    if (calls.length === 0) return;
    const model = sample.teacher.model;
    const price = priceOf(this.#pricing, model);
    let tally = this.#tallies.get(model);
    if (!tally) {
      tally = { samples: 0, accepted: 0, rejected: 0, pending: 0, queries: 0, money: 0, priced: price !== undefined };
      this.#tallies.set(model, tally);
    }
    tally.samples++;
    tally[decided]++;
    for (const call of calls) {
      if (!call.bought) continue;
      tally.queries++;
      if (price !== undefined) tally.money += tokensCost(call.usage.promptTokens, call.usage.completionTokens, price);
    }
  }

  /** `left`: the teacher budget left in the session, for the hint. */
  finish(left: number): EnsembleFeedback {
    const teachers = [...this.#tallies.entries()].map(([model, t]): TeacherFeedback => {
      const decided = t.accepted + t.rejected;
      return {
        model,
        samples: t.samples,
        accepted: t.accepted,
        rejected: t.rejected,
        pending: t.pending,
        acceptanceRate: decided === 0 ? null : t.accepted / decided,
        teacherQueries: t.queries,
        queriesPerAccepted: t.accepted === 0 ? null : t.queries / t.accepted,
        costPerAccepted: t.accepted === 0 || !t.priced ? null : t.money / t.accepted,
      };
    });
    return { teachers, hint: hintFor(teachers, left) };
  }
}

/** The teacher budget left, as the hint reads it. */
export function teacherQueriesLeft(state: SessionState): number {
  return budgetLeft(state.budget.teacher.limit, state.budget.teacher.spent);
}

export function teacherFeedback(state: SessionState, pricing: Pricing = {}): EnsembleFeedback {
  const tally = new TeacherTally(pricing);
  for (const sample of state.samples.values()) tally.add(sample, state.reviews.get(sample.id)?.state ?? 'pending');
  return tally.finish(teacherQueriesLeft(state));
}

function hintFor(teachers: readonly TeacherFeedback[], left: number): string | null {
  const best = widestAcceptanceGap(teachers);
  if (best === null) return null;
  const { worse, better, gap } = best;
  const rate = (t: TeacherFeedback) => `${Math.round((t.acceptanceRate ?? 0) * 100)}% (${t.accepted} of ${t.accepted + t.rejected} decided)`;
  const facts = `${worse.model}'s samples are accepted ${rate(worse)}, ${Math.round(gap * 100)} points below ${better.model}'s ${rate(better)}.`;
  const advice =
    left > 0
      ? `Consider shifting the remaining budget (${formatNumber(left)} teacher queries left) toward ${better.model} (--teacher-weights).`
      : `The teacher budget is spent; if you raise it, consider weighting ${better.model} higher (--teacher-weights).`;
  return `${facts} ${advice}`;
}
