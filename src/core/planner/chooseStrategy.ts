// The small rule `auto` uses (method.md, "What the recommender must say", points 1–4). The
// numbers and the rule itself live in the advisor (advisor/figures.ts, crossover.ts, rule.ts),
// so `auto` and `seedsmith recommend` read the same table; this only picks one strategy and
// says why in a sentence. The full recommendation (confidence, mixed plan, costs) is
// advisor/recommend.ts.
import { crossoverAt } from '../advisor/crossover.ts';
import { FIGURES, PAPER_READING } from '../advisor/figures.ts';
import { STRATEGY_NAMES } from '../samples/strategyIds.ts';
import { budgetZone, isLargeSeedSet, ruleStrategy } from '../advisor/rule.ts';
import type { StrategyId } from '../samples/sample.ts';

export interface CrossoverBand {
  /** BR where New Question starts to beat Answer Augmentation, for this seed count. */
  readonly crossover: number;
  readonly low: number;
  readonly high: number;
}

export interface AutoChoice {
  readonly strategy: StrategyId;
  /** BR = Q / |S|; Infinity-free: 0 when there are no seeds. */
  readonly ratio: number;
  readonly band: CrossoverBand;
  readonly zone: 'below' | 'inside' | 'above' | 'no-seeds';
  readonly reason: string;
}

export function crossoverBand(seedCount: number): CrossoverBand {
  const { value, low, high } = crossoverAt(seedCount);
  return { crossover: value, low, high };
}

export function chooseStrategy(seedCount: number, teacherQueries: number, weakAugmenter = false): AutoChoice {
  const band = crossoverBand(seedCount);
  const source = PAPER_READING;
  if (seedCount < 1) {
    return { strategy: 'answer-augmentation', ratio: 0, band, zone: 'no-seeds', reason: 'There are no valid seeds, so there is nothing to plan.' };
  }
  const ratio = teacherQueries / seedCount;
  const zone = budgetZone(ratio, band);
  const strategy = ruleStrategy(seedCount, zone, weakAugmenter);
  const where = `BR = Q/|S| = ${teacherQueries}/${seedCount} = ${fmt(ratio)}; for ${seedCount} seeds the crossover is ≈ ${fmt(band.crossover)} (band ${fmt(band.low)}–${fmt(band.high)})`;
  if (isLargeSeedSet(seedCount)) {
    return { strategy, ratio, band, zone, reason: `${where}. With ${seedCount} seeds the strategies end close together (${FIGURES.largeSeedSet.value} or more: our threshold, not the paper's), so ${STRATEGY_NAMES[strategy]}, the cheapest (no augmenter calls) (${source}).` };
  }
  switch (zone) {
    case 'below':
      return { strategy, ratio, band, zone, reason: `${where}. Below the band Answer Augmentation wins: more answers to the seed questions beat new questions at a low budget ratio (${source}).` };
    case 'inside':
      return { strategy, ratio, band, zone, reason: `${where}. Inside the band the better strategy is uncertain; Answer Augmentation is chosen as the cheaper one (no augmenter calls) (${source}).` };
    case 'above':
      return weakAugmenter
        ? { strategy, ratio, band, zone, reason: `${where}. Above the band new questions pay off, but with a weaker augmenter New Question loses accuracy while Question Rephrase holds up, so Question Rephrase (${source}).` }
        : { strategy, ratio, band, zone, reason: `${where}. Above the band New Question wins and keeps improving as the budget grows, where Answer Augmentation and Question Rephrase level off (${source}).` };
  }
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
