// How the strategies have done in a session so far: what people accepted and rejected, what
// each accepted sample cost, why samples were turned down, and a hint when one strategy is
// clearly worse than another. Counted from the samples' own call records: a call is spend for
// the sample that bought it (`bought`), so a batch call shared by several samples counts once,
// and a completion served from the cache counts nothing.
import type { SessionState } from '../journal/state.ts';
import type { Sample, SampleFlag, StrategyId } from '../samples/sample.ts';
import { STRATEGY_IDS } from '../samples/sample.ts';
import { formatNumber } from './formatNumber.ts';
import { budgetLeft } from '../budget/limit.ts';
import type { Pricing } from './pricing.ts';
import { modelOfCall, priceOf, tokensCost } from './pricing.ts';
import { STRATEGY_NAMES } from '../samples/strategyIds.ts';

// SeedSmith's rule of thumb for "clearly worse": a gap this large on this many decisions each
// is unlikely to be chance (at 10 decisions a side, 20 points is two samples' difference).
export const HINT_MIN_DECIDED = 10;
export const HINT_MIN_GAP = 0.2;

export type FeedbackCost =
  | { readonly priced: true; readonly total: number; readonly perAccepted: number | null }
  | { readonly priced: false; readonly missing: readonly string[]; readonly message: string };

export interface Count<T extends string> {
  readonly value: T;
  readonly count: number;
}

export interface StrategyFeedback extends AcceptanceTally {
  readonly strategy: StrategyId;
  /** Requests bought for this strategy's samples. */
  readonly teacherQueries: number;
  readonly augmenterCalls: number;
  /** (teacher queries + augmenter calls) ÷ accepted; null while nothing is accepted. */
  readonly queriesPerAccepted: number | null;
  readonly tokens: { readonly input: number; readonly output: number };
  readonly cost: FeedbackCost;
  /** The reviewers' reasons on rejected samples, most frequent first ("(no reason given)" when none). */
  readonly rejectionReasons: readonly Count<string>[];
  /** Flags on rejected samples, most frequent first. */
  readonly rejectedFlags: readonly Count<SampleFlag>[];
}

export interface RunFeedback {
  /** Strategies with at least one sample, in the usual order. */
  readonly strategies: readonly StrategyFeedback[];
  /** Teacher budget left in the session (limit − spent). */
  readonly teacherQueriesLeft: number;
  readonly hint: string | null;
}

export const NO_REASON = '(no reason given)';

interface Tally {
  samples: number;
  accepted: number;
  rejected: number;
  pending: number;
  teacher: number;
  augmenter: number;
  input: number;
  output: number;
  money: number;
  missing: string[];
  reasons: Map<string, number>;
  flags: Map<SampleFlag, number>;
}

export function runFeedback(state: SessionState, pricing: Pricing = {}): RunFeedback {
  const tallies = new Map<StrategyId, Tally>();
  for (const sample of state.samples.values()) {
    let tally = tallies.get(sample.strategy);
    if (!tally) {
      tally = { samples: 0, accepted: 0, rejected: 0, pending: 0, teacher: 0, augmenter: 0, input: 0, output: 0, money: 0, missing: [], reasons: new Map(), flags: new Map() };
      tallies.set(sample.strategy, tally);
    }
    const review = state.reviews.get(sample.id);
    const decided = review?.state ?? 'pending';
    tally.samples++;
    tally[decided]++;
    if (decided === 'rejected') {
      bump(tally.reasons, review?.reason?.trim() || NO_REASON);
      for (const flag of sample.flags) bump(tally.flags, flag);
    }
    addSpend(tally, sample, pricing);
  }
  const strategies = STRATEGY_IDS.flatMap((strategy) => {
    const tally = tallies.get(strategy);
    return tally ? [finish(strategy, tally)] : [];
  });
  const teacherQueriesLeft = budgetLeft(state.budget.teacher.limit, state.budget.teacher.spent);
  return { strategies, teacherQueriesLeft, hint: hintFor(strategies, teacherQueriesLeft) };
}

function addSpend(tally: Tally, sample: Sample, pricing: Pricing): void {
  for (const call of sample.calls) {
    if (!call.bought) continue;
    tally[call.role]++;
    tally.input += call.usage.promptTokens;
    tally.output += call.usage.completionTokens;
    const model = modelOfCall(sample, call);
    const price = priceOf(pricing, model);
    if (price === undefined) {
      const name = model === '' ? `the ${call.role} model (not recorded)` : model;
      if (!tally.missing.includes(name)) tally.missing.push(name);
      continue;
    }
    tally.money += tokensCost(call.usage.promptTokens, call.usage.completionTokens, price);
  }
}

function finish(strategy: StrategyId, t: Tally): StrategyFeedback {
  const decided = t.accepted + t.rejected;
  const perAccepted = (x: number): number | null => (t.accepted === 0 ? null : x / t.accepted);
  const cost: FeedbackCost =
    t.missing.length > 0 ? { priced: false, missing: t.missing, message: `no price set for ${t.missing.join(', ')}` } : { priced: true, total: t.money, perAccepted: perAccepted(t.money) };
  return {
    strategy,
    samples: t.samples,
    accepted: t.accepted,
    rejected: t.rejected,
    pending: t.pending,
    acceptanceRate: decided === 0 ? null : t.accepted / decided,
    teacherQueries: t.teacher,
    augmenterCalls: t.augmenter,
    queriesPerAccepted: perAccepted(t.teacher + t.augmenter),
    tokens: { input: t.input, output: t.output },
    cost,
    rejectionReasons: sorted(t.reasons),
    rejectedFlags: sorted(t.flags),
  };
}

/** What widestAcceptanceGap compares: a group's decisions and acceptance rate. */
export interface AcceptanceTally {
  readonly samples: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly pending: number;
  /** accepted ÷ (accepted + rejected); null before any decision. */
  readonly acceptanceRate: number | null;
}

/**
 * Of groups (strategies, teachers) with enough decisions each, the two whose acceptance rates are
 * furthest apart, when the gap is wide enough to advise on; null when none is clear.
 */
export function widestAcceptanceGap<T extends AcceptanceTally>(groups: readonly T[]): { worse: T; better: T; gap: number } | null {
  const judged = groups.filter((g) => g.accepted + g.rejected >= HINT_MIN_DECIDED && g.acceptanceRate !== null);
  let best: { worse: T; better: T; gap: number } | null = null;
  for (const worse of judged) {
    for (const better of judged) {
      const gap = (better.acceptanceRate ?? 0) - (worse.acceptanceRate ?? 0);
      if (gap >= HINT_MIN_GAP - 1e-9 && (best === null || gap > best.gap)) best = { worse, better, gap };
    }
  }
  return best;
}

/** The widest gap between two strategies with enough decisions each, as advice; null when none is clear. */
function hintFor(strategies: readonly StrategyFeedback[], left: number): string | null {
  const best = widestAcceptanceGap(strategies);
  if (best === null) return null;
  const { worse, better, gap } = best;
  const rate = (s: StrategyFeedback) => `${percent(s.acceptanceRate ?? 0)} (${s.accepted} of ${s.accepted + s.rejected} decided)`;
  const facts = `${STRATEGY_NAMES[worse.strategy]} samples are accepted ${rate(worse)}, ${Math.round(gap * 100)} points below ${STRATEGY_NAMES[better.strategy]}'s ${rate(better)}.`;
  const advice =
    left > 0
      ? `Consider spending the remaining budget (${formatNumber(left)} teacher queries left) on ${STRATEGY_NAMES[better.strategy]}.`
      : `The teacher budget is spent; if you raise it, consider putting the rest into ${STRATEGY_NAMES[better.strategy]}.`;
  return `${facts} ${advice}`;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sorted<T extends string>(map: ReadonlyMap<T, number>): Count<T>[] {
  return [...map.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
