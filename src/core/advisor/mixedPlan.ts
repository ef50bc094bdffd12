// The hedge offered when BR falls inside the crossover band: Answer Augmentation up to the
// crossover, then the strategy that wins above the band. The paper never tried such a mixture;
// the plan says so wherever it is shown.
import type { StrategyId } from '../samples/sample.ts';
import type { Crossover } from './crossover.ts';
import { formatNumber, formatReading } from './formatNumber.ts';
import { STRATEGY_NAMES } from '../samples/strategyIds.ts';

export const EXTRAPOLATION_LABEL = 'an extrapolation, not a result of the paper';

export interface MixedPlanStep {
  readonly strategy: StrategyId;
  /** Teacher queries of this step; the steps add up to the budget. */
  readonly teacherQueries: number;
}

export interface MixedPlan {
  /** Always true: a reader (or a script) must never take the mixture for a finding. */
  readonly extrapolation: true;
  readonly label: string;
  /** In order: Answer Augmentation first, then the above-the-band strategy (its share may be 0). */
  readonly steps: readonly [MixedPlanStep, MixedPlanStep];
  readonly text: string;
}

export function mixedPlan(seedCount: number, teacherQueries: number, crossover: Crossover, weakAugmenter: boolean): MixedPlan {
  const switchAt = Math.floor(crossover.value * seedCount);
  const first = Math.min(teacherQueries, switchAt);
  const rest = teacherQueries - first;
  const then: StrategyId = weakAugmenter ? 'question-rephrase' : 'new-question';
  const thenName = `${STRATEGY_NAMES[then]}${weakAugmenter ? ' (not New Question: the augmenter is weak)' : ''}`;
  const where = `BR ≈ ${formatReading(crossover.value)} × ${formatNumber(seedCount)} seeds ≈ ${formatNumber(switchAt)} teacher queries`;
  const text =
    rest > 0
      ? `Mixed plan (${EXTRAPOLATION_LABEL}): spend the first ${formatNumber(first)} teacher queries on Answer Augmentation, up to the crossover (${where}), where it is the stronger choice; then the remaining ${formatNumber(rest)} on ${thenName}, which keeps gaining past it.`
      : `Mixed plan (${EXTRAPOLATION_LABEL}): Answer Augmentation up to the crossover (${where}), then ${thenName}. Your budget of ${formatNumber(teacherQueries)} ends before the crossover, so the whole of it goes to Answer Augmentation; a budget above ${formatNumber(switchAt)} would put the rest into ${STRATEGY_NAMES[then]}.`;
  return {
    extrapolation: true,
    label: EXTRAPOLATION_LABEL,
    steps: [
      { strategy: 'answer-augmentation', teacherQueries: first },
      { strategy: then, teacherQueries: rest },
    ],
    text,
  };
}
