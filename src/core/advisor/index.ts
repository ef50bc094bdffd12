// The advisor's public surface: the strategy recommendation, what each strategy would buy and
// cost, and how the strategies have done in a session. The tokenizer (tokenizers.ts) is not
// re-exported: it loads a multi-megabyte table, so callers import it directly, when they need it.
export { alternativesTo } from './alternatives.ts';
export type { Alternative } from './alternatives.ts';
export { answerLengthAssumption, ESTIMATE_ASSUMPTIONS, estimateAssumptions } from './assumptions.ts';
export type { Assumption } from './assumptions.ts';
export { crossoverAt } from './crossover.ts';
export type { Crossover } from './crossover.ts';
export { DEFAULT_UNITS_SAMPLED, estimateStrategies, estimateStrategy, evenlySpread } from './estimate.ts';
export type { EstimateRequest, RoleEstimate, StrategyEstimate } from './estimate.ts';
export { HINT_MIN_DECIDED, HINT_MIN_GAP, NO_REASON, runFeedback } from './feedback.ts';
export type { Count, FeedbackCost, RunFeedback, StrategyFeedback } from './feedback.ts';
export { FIGURES, KIND_WORDS, PAPER, PAPER_READING, PAPER_TASKS } from './figures.ts';
export type { CrossoverReading, Figure } from './figures.ts';
export { formatNumber, formatRatio, formatReading } from './formatNumber.ts';
export { EXTRAPOLATION_LABEL, mixedPlan } from './mixedPlan.ts';
export type { MixedPlan, MixedPlanStep } from './mixedPlan.ts';
export { parsePricing } from './parsePricing.ts';
export type { PricingProblem, PricingResult } from './parsePricing.ts';
export { costOf, priceOf } from './pricing.ts';
export type { CostEstimate, CostPart, ModelPrice, Pricing, TokenRange } from './pricing.ts';
export { recommendStrategy, taskKindNote } from './recommend.ts';
export type { Confidence, Recommendation, RecommendInput, TaskKindNote } from './recommend.ts';
export { teacherFeedback } from './teacherFeedback.ts';
export type { EnsembleFeedback, TeacherFeedback } from './teacherFeedback.ts';
export { budgetZone, zoneStrategy } from './rule.ts';
export type { BudgetZone } from './rule.ts';
export { chatTokens, memoizedCounter, TOKENS_PER_MESSAGE, TOKENS_PER_REPLY } from './tokens.ts';
export type { TokenCounter } from './tokens.ts';
