// The small rule `auto` uses (method.md, "What the recommender must say", points 1–3), from
// approximate readings of arXiv 2409.19759's figures. The full recommender (mixed plans, costs,
// sources) is a separate piece; this only picks one strategy and says why.
import type { StrategyId } from '../samples/sample.ts';

export interface CrossoverBand {
  /** BR where New Question starts to beat Answer Augmentation, for this seed count. */
  readonly crossover: number;
  readonly low: number;
  readonly high: number;
}

export interface StrategyChoice {
  readonly strategy: StrategyId;
  /** BR = Q / |S|; Infinity-free: 0 when there are no seeds. */
  readonly ratio: number;
  readonly band: CrossoverBand;
  readonly zone: 'below' | 'inside' | 'above' | 'no-seeds';
  readonly reason: string;
}

// ≈ 40 (27–51) at |S| ≤ 100; ≈ 17 (16–18) at |S| ≥ 1000; interpolated on log |S| between.
const SMALL = { seeds: 100, crossover: 40, low: 27, high: 51 } as const;
const LARGE = { seeds: 1000, crossover: 17, low: 16, high: 18 } as const;

export function crossoverBand(seedCount: number): CrossoverBand {
  const n = Math.min(LARGE.seeds, Math.max(SMALL.seeds, seedCount));
  const t = (Math.log(n) - Math.log(SMALL.seeds)) / (Math.log(LARGE.seeds) - Math.log(SMALL.seeds));
  const at = (small: number, large: number): number => small + t * (large - small);
  return { crossover: at(SMALL.crossover, LARGE.crossover), low: at(SMALL.low, LARGE.low), high: at(SMALL.high, LARGE.high) };
}

export function chooseStrategy(seedCount: number, teacherQueries: number, weakAugmenter = false): StrategyChoice {
  const band = crossoverBand(seedCount);
  const source = 'approximate readings of arXiv 2409.19759 (docs: method.md)';
  if (seedCount < 1) {
    return { strategy: 'answer-augmentation', ratio: 0, band, zone: 'no-seeds', reason: 'There are no valid seeds, so there is nothing to plan.' };
  }
  const ratio = teacherQueries / seedCount;
  const where = `BR = Q/|S| = ${teacherQueries}/${seedCount} = ${fmt(ratio)}; for ${seedCount} seeds the crossover is ≈ ${fmt(band.crossover)} (band ${fmt(band.low)}–${fmt(band.high)})`;
  const large = seedCount >= LARGE.seeds ? ' With this many seeds the strategies end close together, so the choice matters little.' : '';
  if (ratio < band.low) {
    return { strategy: 'answer-augmentation', ratio, band, zone: 'below', reason: `${where}. Below the band Answer Augmentation wins: more answers to the seed questions beat new questions at a low budget ratio (${source}).${large}` };
  }
  if (ratio <= band.high) {
    return { strategy: 'answer-augmentation', ratio, band, zone: 'inside', reason: `${where}. Inside the band the better strategy is uncertain; Answer Augmentation is chosen as the cheaper one (no augmenter calls) (${source}).${large}` };
  }
  if (weakAugmenter) {
    return { strategy: 'question-rephrase', ratio, band, zone: 'above', reason: `${where}. Above the band new questions pay off, but with a weaker augmenter New Question loses accuracy while Question Rephrase holds up, so Question Rephrase (${source}).${large}` };
  }
  return { strategy: 'new-question', ratio, band, zone: 'above', reason: `${where}. Above the band New Question wins and keeps improving as the budget grows, where Answer Augmentation and Question Rephrase level off (${source}).${large}` };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
