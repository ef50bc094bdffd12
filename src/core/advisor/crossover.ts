// The crossover budget ratio for a seed count: the paper's reading at 100 seeds and at 1,000,
// interpolated on log |S| in between (the paper's settings are a decade apart, and a straight
// line in |S| would put nearly all the change next to 100), held constant outside.
import { FIGURES, PAPER_READING } from './figures.ts';
import { formatNumber } from './formatNumber.ts';

export interface Crossover {
  /** BR where New Question starts to beat Answer Augmentation. */
  readonly value: number;
  /** Inside [low, high] the readings disagree: which strategy wins is uncertain. */
  readonly low: number;
  readonly high: number;
  /** The seed count it was computed for. */
  readonly seedCount: number;
  /** Where the numbers come from, in words. */
  readonly source: string;
}

const SMALL = FIGURES.crossoverSmall;
const LARGE = FIGURES.crossoverLarge;

export function crossoverAt(seedCount: number): Crossover {
  const n = Math.min(LARGE.seedCount, Math.max(SMALL.seedCount, seedCount));
  const t = (Math.log(n) - Math.log(SMALL.seedCount)) / (Math.log(LARGE.seedCount) - Math.log(SMALL.seedCount));
  const at = (small: number, large: number): number => small + t * (large - small);
  return {
    value: at(SMALL.crossover, LARGE.crossover),
    low: at(SMALL.low, LARGE.low),
    high: at(SMALL.high, LARGE.high),
    seedCount,
    source: `${sourceFor(seedCount)}; ${PAPER_READING}`,
  };
}

function sourceFor(seedCount: number): string {
  if (seedCount <= SMALL.seedCount) {
    return `${SMALL.text}${seedCount < SMALL.seedCount ? '; fewer seeds use this reading' : ''}`;
  }
  if (seedCount >= LARGE.seedCount) {
    return `${LARGE.text}${seedCount > LARGE.seedCount ? '; more seeds use this reading' : ''}`;
  }
  const at = (r: typeof SMALL | typeof LARGE) => `at ${formatNumber(r.seedCount)} seeds (≈ ${r.crossover}, band ${r.low}–${r.high})`;
  return `interpolated on log |S| between the paper's readings ${at(SMALL)} and ${at(LARGE)}`;
}
