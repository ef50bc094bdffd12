// The strategy rule itself (method.md, "What the recommender must say", point 3): where BR falls
// against the crossover band, and which strategy that zone calls for. Shared by the recommender
// and by `generate --strategy auto` (planner/chooseStrategy.ts), so the two never disagree on it.
import type { StrategyId } from '../samples/sample.ts';
import type { Crossover } from './crossover.ts';

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
