// Why not the other two strategies, for the situation the recommender found. Each sentence names
// the finding it rests on (figures.ts) or the cost it would add.
import type { StrategyId } from '../samples/sample.ts';
import type { Crossover } from './crossover.ts';
import { FIGURES } from './figures.ts';
import { formatReading } from './formatNumber.ts';
import type { BudgetZone } from './rule.ts';
import { STRATEGY_NAMES } from '../samples/strategyIds.ts';

export interface Alternative {
  readonly strategy: StrategyId;
  readonly why: string;
}

export interface Situation {
  readonly zone: BudgetZone;
  readonly weakAugmenter: boolean;
  /** True for large seed sets, where the strategies end close together. */
  readonly mattersLittle: boolean;
  readonly crossover: Crossover;
  readonly ratioText: string;
}

const AUGMENTER_COST = 'it needs augmenter calls on top of the teacher queries';
const NO_GOLD = 'its answers have no gold answer to be checked against';

export function alternativesTo(chosen: StrategyId, situation: Situation): Alternative[] {
  const others = (['answer-augmentation', 'question-rephrase', 'new-question'] as const).filter((s) => s !== chosen);
  return others.map((strategy) => ({ strategy, why: `${STRATEGY_NAMES[strategy]}: ${whyNot(strategy, situation)}.` }));
}

function whyNot(strategy: StrategyId, s: Situation): string {
  const cross = `≈ ${formatReading(s.crossover.value)}`;
  const band = `${formatReading(s.crossover.low)}–${formatReading(s.crossover.high)}`;
  if (s.mattersLittle) {
    const lead = 'with this many seeds it ends close to the others, and';
    if (strategy === 'answer-augmentation') return `${lead} it would be the cheapest`;
    if (strategy === 'question-rephrase') return `${lead} ${AUGMENTER_COST}`;
    return `it keeps improving at very high BR (${FIGURES.newQuestionKeepsImproving.text}), but ${lead} ${AUGMENTER_COST}`;
  }
  switch (strategy) {
    case 'answer-augmentation':
      // Only an alternative above the band.
      return `cheaper (no augmenter calls), but above the crossover (${cross}) more answers to the same questions add less than new questions, and it levels off (${FIGURES.newQuestionKeepsImproving.text})`;
    case 'question-rephrase':
      if (s.zone === 'above') {
        return `New Question generally beats it at a high budget ratio; prefer it when the augmenter is weaker than the teacher (${FIGURES.weakAugmenterLoss.text})`;
      }
      return `below the crossover (${cross}) it does not beat Answer Augmentation, New Question generally beats it, and ${AUGMENTER_COST}`;
    case 'new-question':
      if (s.zone === 'below') return `it wins only above the crossover (${cross}; BR here is ${s.ratioText}), ${AUGMENTER_COST}, and ${NO_GOLD}`;
      if (s.zone === 'inside') return `it may win inside the band (${band}, the tasks disagree) and pulls ahead above it, but ${AUGMENTER_COST} and ${NO_GOLD}`;
      return `it would win with a strong augmenter, but ${FIGURES.weakAugmenterLoss.text}`;
  }
}
