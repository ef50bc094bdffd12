// The run plan: which strategy, which units, and what they will spend at most. `auto` picks the
// strategy by the budget ratio (chooseStrategy.ts). Limits are what this plan may still spend;
// pass `doneKeys` with the units already done in the session so a resumed or extended run plans
// only new work and keeps every key (see unitKeys.ts).
import { STRATEGY_NAMES, type StrategyId } from '../samples/strategyIds.ts';
import type { Seed } from '../seeds/types.ts';
import type { PlanLimits, PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import { chooseStrategy } from './chooseStrategy.ts';
import type { AutoChoice } from './chooseStrategy.ts';
import { distinctSeeds } from './distinctSeeds.ts';
import { planAnswerAugmentation } from './planAnswerAugmentation.ts';
import type { PlanExtras } from './planAnswerAugmentation.ts';
import { normalizeLimits } from './planLimits.ts';
import { planNewQuestion } from './planNewQuestion.ts';
import { planQuestionRephrase } from './planQuestionRephrase.ts';
import { assignTeachers, splitByWeight } from './teacherSplit.ts';
import type { TeacherWeight } from './teacherSplit.ts';

export interface PlanRunOptions extends PlanOptions, PlanExtras {
  /** `auto` only: the augmenter is weaker than the teacher (then QR instead of NQ at high BR). */
  readonly weakAugmenter?: boolean;
  /** A teacher ensemble (two or more): the teacher queries are split among them by weight. */
  readonly teachers?: readonly TeacherWeight[];
}

export interface RunPlan {
  readonly strategy: StrategyId;
  readonly units: readonly WorkUnit[];
  /** The most the units can spend; never above the limits. */
  readonly teacherQueries: number;
  readonly augmenterCalls: number;
  /** Distinct seeds planned over (a repeated question counts once). */
  readonly seedCount: number;
  /** Why this strategy, and what the plan buys, in sentences. */
  readonly reason: string;
  /** The rule's reading when `auto` chose; null when the strategy was given. */
  readonly choice: AutoChoice | null;
}

export function planUnits(strategy: StrategyId, seeds: readonly Seed[], limits: PlanLimits, options: PlanOptions, extras: PlanExtras = {}): WorkUnit[] {
  switch (strategy) {
    case 'answer-augmentation':
      return planAnswerAugmentation(seeds, limits, options, extras);
    case 'question-rephrase':
      return planQuestionRephrase(seeds, limits, options, extras);
    case 'new-question':
      return planNewQuestion(seeds, limits, options, extras);
  }
}

export function planRun(strategy: StrategyId | 'auto', seeds: readonly Seed[], limits: PlanLimits, options: PlanRunOptions): RunPlan {
  const normalized = normalizeLimits(limits);
  const seedCount = distinctSeeds(seeds).length;
  const choice = strategy === 'auto' ? chooseStrategy(seedCount, normalized.teacherQueries, options.weakAugmenter ?? false) : null;
  const chosen = choice?.strategy ?? (strategy as StrategyId);
  const units = assignTeachers(planUnits(chosen, seeds, normalized, options, { doneKeys: options.doneKeys }), options.teachers ?? []);
  const teacherQueries = units.reduce((sum, u) => sum + u.teacherQueries, 0);
  const augmenterCalls = units.reduce((sum, u) => sum + u.augmenterCalls, 0);
  const why = choice === null ? `${STRATEGY_NAMES[chosen]}, as chosen.` : `${STRATEGY_NAMES[chosen]} (auto). ${choice.reason}`;
  const what = `Plan: ${units.length} unit(s) over ${seedCount} seed(s), at most ${teacherQueries} of ${normalized.teacherQueries} teacher queries and ${augmenterCalls} of ${normalized.augmenterCalls} augmenter calls.`;
  const split = options.teachers !== undefined && options.teachers.length > 1 ? ` Teachers by weight ${options.teachers.map((t) => t.weight).join(':')}: ${splitByWeight(teacherQueries, options.teachers.map((t) => t.weight)).map((n, i) => `${n} to ${options.teachers?.[i]?.model}`).join(', ')}.` : '';
  return { strategy: chosen, units, teacherQueries, augmenterCalls, seedCount, reason: `${why} ${what}${split}`, choice };
}
