// What each strategy would buy and cost under the budget (method.md, "What the recommender must
// say", point 5). The counts come from running the real planner on the real seeds with the
// limits `generate` would use, so they are what a new session's run plans, not a formula that
// could drift from it. Tokens come from rendering the real prompts of a fixed, evenly spread
// sample of the plan's units (every unit when there are few), scaled to the whole plan; a very
// long text is counted on its start and scaled by its length (boundedCounter in tokens.ts).
import { planRun } from '../planner/planRun.ts';
import { DEFAULT_PROMPTS } from '../prompts/defaults.ts';
import type { AnswerProfile } from '../profile/types.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { StrategyId } from '../samples/sample.ts';
import { STRATEGY_IDS } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import type { PlanLimits, PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import type { CostEstimate, Pricing, TokenRange } from './pricing.ts';
import { costOf } from './pricing.ts';
import type { TokenCounter } from './tokens.ts';
import { boundedCounter, memoizedCounter } from './tokens.ts';
import type { RoleTokens } from './unitTokens.ts';
import { unitTokens } from './unitTokens.ts';

/** Units rendered and counted per strategy: enough for a stable mean, few enough to be instant. */
export const DEFAULT_UNITS_SAMPLED = 50;

export interface RoleEstimate {
  /** '' when no model was named for the role. */
  readonly model: string;
  /** Teacher queries or augmenter calls: exact, from the plan. */
  readonly calls: number;
  readonly inputTokens: TokenRange;
  readonly outputTokens: TokenRange;
  /** The encoding the tokens were counted with. */
  readonly tokenizer: string;
}

export interface StrategyEstimate {
  readonly strategy: StrategyId;
  /** Samples the plan buys: one per teacher query (a question the augmenter's self-check rejects costs no query and gives none). */
  readonly samples: number;
  readonly teacherQueries: number;
  readonly augmenterCalls: number;
  readonly units: number;
  readonly teacher: RoleEstimate;
  readonly augmenter: RoleEstimate;
  /** Teacher and augmenter together. */
  readonly inputTokens: TokenRange;
  readonly outputTokens: TokenRange;
  readonly cost: CostEstimate;
  /** Units whose prompts were rendered and counted (the rest are scaled from them). */
  readonly unitsSampled: number;
}

export interface EstimateRequest {
  readonly seeds: readonly Seed[];
  /** What the session may spend: the teacher budget Q and the augmenter limit (generate's default: Q). */
  readonly limits: PlanLimits;
  /** As `generate` gets them: models, questions per call, samples per seed, few-shot size. */
  readonly options: PlanOptions;
  readonly prompts?: PromptSet;
  readonly counters: { readonly teacher: TokenCounter; readonly augmenter: TokenCounter };
  readonly pricing?: Pricing;
  readonly unitsSampled?: number;
  /** The seeds' answer profile: prompts rendered for its kind, answers as long as its kind's (none: GSM8K-style). */
  readonly profile?: AnswerProfile;
}

export function estimateStrategies(request: EstimateRequest): Readonly<Record<StrategyId, StrategyEstimate>> {
  // One memory per counter for all three strategies: they share the answer prompt's system text.
  const counters = { teacher: memoizedCounter(boundedCounter(request.counters.teacher)), augmenter: memoizedCounter(boundedCounter(request.counters.augmenter)) };
  const shared = { ...request, counters };
  const out = {} as Record<StrategyId, StrategyEstimate>;
  for (const strategy of STRATEGY_IDS) out[strategy] = estimateWithBoundedCounters(strategy, shared);
  return out;
}

export function estimateStrategy(strategy: StrategyId, request: EstimateRequest): StrategyEstimate {
  const counters = { teacher: boundedCounter(request.counters.teacher), augmenter: boundedCounter(request.counters.augmenter) };
  return estimateWithBoundedCounters(strategy, { ...request, counters });
}

/** The counters are bounded (tokens.ts): a seed of a megabyte costs no more to count than one of 16k characters. */
function estimateWithBoundedCounters(strategy: StrategyId, request: EstimateRequest): StrategyEstimate {
  const plan = planRun(strategy, request.seeds, request.limits, request.options);
  const sample = evenlySpread(plan.units, request.unitsSampled ?? DEFAULT_UNITS_SAMPLED);
  const context = { prompts: request.prompts ?? DEFAULT_PROMPTS, options: request.options, teacher: request.counters.teacher, augmenter: request.counters.augmenter, ...(request.profile ? { profile: request.profile } : {}) };
  let teacher = emptyRole();
  let augmenter = emptyRole();
  for (const unit of sample) {
    const tokens = unitTokens(unit, context);
    teacher = add(teacher, tokens.teacher);
    augmenter = add(augmenter, tokens.augmenter);
  }
  const teacherModel = request.options.teacherModel;
  const augmenterModel = request.options.augmenterModel;
  const teacherEstimate = role(teacherModel, plan.teacherQueries, teacher, request.counters.teacher.name);
  const augmenterEstimate = role(augmenterModel, plan.augmenterCalls, augmenter, request.counters.augmenter.name);
  const parts = [
    ...(plan.teacherQueries > 0 ? [{ role: 'teacher' as const, model: teacherModel, inputTokens: teacherEstimate.inputTokens, outputTokens: teacherEstimate.outputTokens }] : []),
    ...(plan.augmenterCalls > 0 ? [{ role: 'augmenter' as const, model: augmenterModel, inputTokens: augmenterEstimate.inputTokens, outputTokens: augmenterEstimate.outputTokens }] : []),
  ];
  return {
    strategy,
    samples: plan.teacherQueries,
    teacherQueries: plan.teacherQueries,
    augmenterCalls: plan.augmenterCalls,
    units: plan.units.length,
    teacher: teacherEstimate,
    augmenter: augmenterEstimate,
    inputTokens: sum(teacherEstimate.inputTokens, augmenterEstimate.inputTokens),
    outputTokens: sum(teacherEstimate.outputTokens, augmenterEstimate.outputTokens),
    cost: costOf(parts, request.pricing ?? {}),
    unitsSampled: sample.length,
  };
}

/** `count` units at even steps through the plan, always the same ones for the same plan. */
export function evenlySpread(units: readonly WorkUnit[], count: number): WorkUnit[] {
  const take = Math.max(0, Math.min(units.length, Math.floor(count)));
  return Array.from({ length: take }, (_, i) => units[Math.floor((i * units.length) / take)]!);
}

/** Sampled tokens scaled by (planned calls ÷ sampled calls), rounded to whole tokens. */
function role(model: string, planned: number, sampled: RoleTokens, tokenizer: string): RoleEstimate {
  const scale = sampled.calls === 0 ? 0 : planned / sampled.calls;
  const range = (r: TokenRange): TokenRange => ({ low: Math.round(r.low * scale), high: Math.round(r.high * scale) });
  return { model, calls: planned, inputTokens: range(sampled.input), outputTokens: range(sampled.output), tokenizer };
}

function emptyRole(): RoleTokens {
  return { calls: 0, input: { low: 0, high: 0 }, output: { low: 0, high: 0 } };
}

function add(a: RoleTokens, b: RoleTokens): RoleTokens {
  return { calls: a.calls + b.calls, input: sum(a.input, b.input), output: sum(a.output, b.output) };
}

function sum(a: TokenRange, b: TokenRange): TokenRange {
  return { low: a.low + b.low, high: a.high + b.high };
}
