// Counts and rates per strategy and per check: how a session's samples fared in review and in the
// automatic checks. The advisor reads acceptance per strategy; the sidebar and `status` show them.
// Rates are fractions (0–1), null when there is nothing to divide by.
import { isAutoRejected } from '../checks/autoReject.ts';
import { CHECK_IDS } from '../checks/types.ts';
import type { CheckId, CheckResult, CheckStatus } from '../checks/types.ts';
import type { SampleReview, SessionState } from '../journal/state.ts';
import { STRATEGY_IDS } from '../samples/sample.ts';
import type { Sample, SampleFlag, StrategyId } from '../samples/sample.ts';

export interface ReviewTally {
  readonly total: number;
  readonly pending: number;
  readonly accepted: number;
  /** All rejections, auto-rejections included. */
  readonly rejected: number;
  readonly autoRejected: number;
  /** Samples with at least one generation flag. */
  readonly flagged: number;
  /** Accepted with the person's edits. */
  readonly edited: number;
  readonly rates: {
    readonly accepted: number | null;
    readonly rejected: number | null;
    readonly pending: number | null;
    readonly flagged: number | null;
    /** accepted / (accepted + rejected): how much of what was decided was kept. */
    readonly acceptance: number | null;
  };
}

export interface CheckTally {
  readonly pass: number;
  readonly fail: number;
  readonly warn: number;
  readonly 'n/a': number;
  /** Over the samples the check applied to (pass + fail + warn). */
  readonly rates: { readonly pass: number | null; readonly fail: number | null; readonly warn: number | null };
}

export interface StrategyStats {
  readonly review: ReviewTally;
  /** Null when no check results were given. */
  readonly checks: Readonly<Record<CheckId, CheckTally>> | null;
  readonly flags: Readonly<Partial<Record<SampleFlag, number>>>;
}

export interface SessionStats extends StrategyStats {
  readonly byStrategy: Readonly<Record<StrategyId, StrategyStats>>;
}

interface MutableTally {
  total: number;
  pending: number;
  accepted: number;
  rejected: number;
  autoRejected: number;
  flagged: number;
  edited: number;
}

interface Bucket {
  review: MutableTally;
  checks: Record<CheckId, Record<CheckStatus, number>>;
  flags: Partial<Record<SampleFlag, number>>;
}

export function sessionStats(state: SessionState, results?: ReadonlyMap<string, readonly CheckResult[]>): SessionStats {
  const tally = new StatsTally(results);
  for (const sample of state.samples.values()) tally.add(sample, state.reviews.get(sample.id));
  return tally.finish();
}

/** The same statistics a sample at a time, for samples read as a stream (`seedsmith check`). */
export class StatsTally {
  readonly #results: ReadonlyMap<string, readonly CheckResult[]> | undefined;
  readonly #all = bucket();
  readonly #byStrategy = Object.fromEntries(STRATEGY_IDS.map((id) => [id, bucket()])) as Record<StrategyId, Bucket>;

  constructor(results?: ReadonlyMap<string, readonly CheckResult[]>) {
    this.#results = results;
  }

  add(sample: Pick<Sample, 'id' | 'strategy' | 'flags'>, review: SampleReview | undefined): void {
    for (const b of [this.#all, this.#byStrategy[sample.strategy]]) {
      b.review.total += 1;
      b.review[review?.state ?? 'pending'] += 1;
      if (isAutoRejected(review)) b.review.autoRejected += 1;
      if (review?.edited) b.review.edited += 1;
      if (sample.flags.length > 0) b.review.flagged += 1;
      for (const flag of sample.flags) b.flags[flag] = (b.flags[flag] ?? 0) + 1;
      for (const result of this.#results?.get(sample.id) ?? []) b.checks[result.check][result.status] += 1;
    }
  }

  finish(): SessionStats {
    const withChecks = this.#results !== undefined;
    const finish = (b: Bucket): StrategyStats => ({ review: reviewTally(b.review), checks: withChecks ? checkTallies(b.checks) : null, flags: b.flags });
    return { ...finish(this.#all), byStrategy: Object.fromEntries(STRATEGY_IDS.map((id) => [id, finish(this.#byStrategy[id])])) as Record<StrategyId, StrategyStats> };
  }
}

function bucket(): Bucket {
  return {
    review: { total: 0, pending: 0, accepted: 0, rejected: 0, autoRejected: 0, flagged: 0, edited: 0 },
    checks: Object.fromEntries(CHECK_IDS.map((id) => [id, { pass: 0, fail: 0, warn: 0, 'n/a': 0 }])) as Record<CheckId, Record<CheckStatus, number>>,
    flags: {},
  };
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function reviewTally(t: MutableTally): ReviewTally {
  return {
    ...t,
    rates: {
      accepted: rate(t.accepted, t.total),
      rejected: rate(t.rejected, t.total),
      pending: rate(t.pending, t.total),
      flagged: rate(t.flagged, t.total),
      acceptance: rate(t.accepted, t.accepted + t.rejected),
    },
  };
}

function checkTallies(counts: Record<CheckId, Record<CheckStatus, number>>): Record<CheckId, CheckTally> {
  return Object.fromEntries(
    CHECK_IDS.map((id) => {
      const c = counts[id];
      const applied = c.pass + c.fail + c.warn;
      return [id, { ...c, rates: { pass: rate(c.pass, applied), fail: rate(c.fail, applied), warn: rate(c.warn, applied) } }];
    }),
  ) as Record<CheckId, CheckTally>;
}
