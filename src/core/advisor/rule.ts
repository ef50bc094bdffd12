// The strategy rule itself (method.md, "What the recommender must say", points 3–4): where BR
// falls against the crossover band, and which strategy that zone and the seed count call for.
// Shared by the recommender and by `generate --strategy auto` (planner/chooseStrategy.ts), so the
// estimate shown for the recommendation is the plan `auto` runs.
import type { StrategyId } from '../samples/sample.ts';
import type { Crossover } from './crossover.ts';
import { FIGURES } from './figures.ts';

export type BudgetZone = 'below' | 'inside' | 'above';

/** The band's edges belong to the band: at exactly `low` or `high` the readings still disagree. */
export function budgetZone(ratio: number, crossover: Pick<Crossover, 'low' | 'high'>): BudgetZone {
  if (ratio < crossover.low) return 'below';
  if (ratio <= crossover.high) return 'inside';
  return 'above';
}

/**
 * Below the band AA; above it NQ, or QR when the augmenter is weak; inside it AA, the cheaper of
 * the two contenders (no augmenter calls), since the paper cannot tell them apart there.
 */
export function zoneStrategy(zone: BudgetZone, weakAugmenter: boolean): StrategyId {
  if (zone !== 'above') return 'answer-augmentation';
  return weakAugmenter ? 'question-rephrase' : 'new-question';
}

/** A seed set so large that the strategies end close together (method.md, point 4). */
export function isLargeSeedSet(seedCount: number): boolean {
  return seedCount >= FIGURES.largeSeedSet.value;
}

/**
 * The strategy `auto` runs and the advisor recommends: the band rule, except that with a large
 * seed set the cheapest, Answer Augmentation (no augmenter calls), is fine wherever BR falls.
 */
export function ruleStrategy(seedCount: number, zone: BudgetZone, weakAugmenter: boolean): StrategyId {
  return isLargeSeedSet(seedCount) ? 'answer-augmentation' : zoneStrategy(zone, weakAugmenter);
}
