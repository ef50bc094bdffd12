// The recommendation (method.md, "What the recommender must say", points 1–4 and 6): BR, the
// crossover for this seed count and where it comes from, the strategy with how sure we are,
// why not the other two, and inside the band a mixed plan labelled as an extrapolation.
import type { StrategyId } from '../samples/sample.ts';
import type { Alternative } from './alternatives.ts';
import { alternativesTo } from './alternatives.ts';
import type { Crossover } from './crossover.ts';
import { crossoverAt } from './crossover.ts';
import type { AnswerKind } from '../profile/types.ts';
import { FIGURES, KIND_WORDS, PAPER_TASKS } from './figures.ts';
import { formatNumber, formatRatio, formatReading } from './formatNumber.ts';
import type { MixedPlan } from './mixedPlan.ts';
import { mixedPlan } from './mixedPlan.ts';
import type { BudgetZone } from './rule.ts';
import { budgetZone, isLargeSeedSet, ruleStrategy, zoneStrategy } from './rule.ts';
import { STRATEGY_NAMES } from '../samples/strategyIds.ts';

export interface RecommendInput {
  /** |S|: valid, distinct seeds (a repeated question counts once, as the planner counts). */
  readonly seedCount: number;
  /** Q: the teacher-query budget. */
  readonly teacherQueries: number;
  /** The augmenter is weaker (or much cheaper) than the teacher. */
  readonly weakAugmenter?: boolean;
  /** The seeds' answer kind (their profile): the reason says whether the paper measured that kind of task. */
  readonly answerKind?: AnswerKind;
}

/** Whether the paper's figures come from the user's kind of task. */
export interface TaskKindNote {
  readonly kind: AnswerKind;
  /** The paper measured a task of this kind. */
  readonly measured: boolean;
  /** One sentence, also at the end of the reason. */
  readonly text: string;
}

/**
 * - clear: BR is outside the band, the readings agree;
 * - uncertain: BR is inside the band, the tasks disagree;
 * - matters-little: a large seed set, where the strategies end close together.
 */
export type Confidence = 'clear' | 'uncertain' | 'matters-little';

export interface Recommendation {
  readonly seedCount: number;
  readonly teacherQueries: number;
  readonly weakAugmenter: boolean;
  /** BR = Q / |S|. */
  readonly ratio: number;
  readonly crossover: Crossover;
  readonly zone: BudgetZone;
  readonly strategy: StrategyId;
  readonly confidence: Confidence;
  /** One paragraph in plain words, naming BR, the crossover and its source. */
  readonly reason: string;
  readonly alternatives: readonly Alternative[];
  /** Only when uncertain. */
  readonly mixedPlan: MixedPlan | null;
  /** Only when the seeds' answer kind was given. */
  readonly taskKind: TaskKindNote | null;
}

export function recommendStrategy(input: RecommendInput): Recommendation {
  const { seedCount, teacherQueries } = input;
  if (!Number.isSafeInteger(seedCount) || seedCount < 1) throw new RangeError(`recommendStrategy needs at least one seed, got ${seedCount}.`);
  if (!Number.isFinite(teacherQueries) || teacherQueries < 0) throw new RangeError(`recommendStrategy needs a budget of 0 or more teacher queries, got ${teacherQueries}.`);
  const weakAugmenter = input.weakAugmenter ?? false;
  const ratio = teacherQueries / seedCount;
  const crossover = crossoverAt(seedCount);
  const zone = budgetZone(ratio, crossover);
  const bandRule = zoneStrategy(zone, weakAugmenter);
  const mattersLittle = isLargeSeedSet(seedCount);
  const confidence: Confidence = mattersLittle ? 'matters-little' : zone === 'inside' ? 'uncertain' : 'clear';
  const strategy = ruleStrategy(seedCount, zone, weakAugmenter);
  const ratioText = formatRatio(ratio, [crossover.low, crossover.high, crossover.value]);

  const opening =
    `BR = Q / |S| = ${formatNumber(teacherQueries)} / ${formatNumber(seedCount)} = ${ratioText}. ` +
    `For ${formatNumber(seedCount)} seeds the crossover, where New Question starts to beat Answer Augmentation, is BR ≈ ${formatReading(crossover.value)} ` +
    `(band ${formatReading(crossover.low)}–${formatReading(crossover.high)}). Source: ${crossover.source}.`;
  const taskKind = input.answerKind === undefined ? null : taskKindNote(input.answerKind);
  const reason = `${opening} ${verdict({ zone, weakAugmenter, mattersLittle, ratioText, bandRule, seedCount, ratio })}${taskKind ? ` ${taskKind.text}` : ''}`;

  return {
    seedCount,
    teacherQueries,
    weakAugmenter,
    ratio,
    crossover,
    zone,
    strategy,
    confidence,
    reason,
    alternatives: alternativesTo(strategy, { zone, weakAugmenter, mattersLittle, crossover, ratioText }),
    mixedPlan: confidence === 'uncertain' ? mixedPlan(seedCount, teacherQueries, crossover, weakAugmenter) : null,
    taskKind,
  };
}

const MEASURED = `the paper measured ${PAPER_TASKS.numeric}, ${PAPER_TASKS.sql} and ${PAPER_TASKS.text}`;

export function taskKindNote(kind: AnswerKind): TaskKindNote {
  if (kind === 'numeric' || kind === 'sql' || kind === 'text') {
    const text = `Your seeds' answers are ${KIND_WORDS[kind]}, a kind of task the paper measured (${PAPER_TASKS[kind]}), though its figures mix all three of its tasks.`;
    return { kind, measured: true, text };
  }
  return { kind, measured: false, text: `Your seeds' answers are ${KIND_WORDS[kind]}, none of the tasks behind these figures (${MEASURED}): take the crossover as a rough guide for your task, not a measurement of it.` };
}

interface VerdictInput {
  readonly zone: BudgetZone;
  readonly weakAugmenter: boolean;
  readonly mattersLittle: boolean;
  readonly ratioText: string;
  readonly bandRule: StrategyId;
  readonly seedCount: number;
  readonly ratio: number;
}

function verdict(v: VerdictInput): string {
  const where = `BR ${v.ratioText} is ${v.zone === 'inside' ? 'inside' : v.zone} the band`;
  if (v.mattersLittle) {
    const rule = v.bandRule === 'answer-augmentation' ? '' : ` (The band rule alone would pick ${STRATEGY_NAMES[v.bandRule]} here; either is fine, and "auto" runs Answer Augmentation.)`;
    return `${where}, but with ${formatNumber(v.seedCount)} seeds the choice matters little: ${FIGURES.largeSeedSet.text}. So Answer Augmentation, the cheapest (no augmenter calls), is fine.${rule}`;
  }
  switch (v.zone) {
    case 'below': {
      const agreed = v.ratio < FIGURES.answerAugmentationAgreed.value ? ` (${FIGURES.answerAugmentationAgreed.text})` : '';
      return `${where}, where Answer Augmentation wins: at a low budget ratio more sampled answers to your own questions beat new questions${agreed}. So Answer Augmentation.`;
    }
    case 'inside':
      return `${where}, where the readings disagree from task to task, so which strategy wins is uncertain. Answer Augmentation is suggested as the cheaper of the two contenders (no augmenter calls); the mixed plan hedges between them.`;
    case 'above':
      if (v.weakAugmenter) {
        return `${where}, where new questions pay off, but the augmenter is weaker than the teacher: ${FIGURES.weakAugmenterLoss.text}. So Question Rephrase.`;
      }
      return `${where}, where New Question wins: ${FIGURES.newQuestionKeepsImproving.text}. So New Question.`;
  }
}
