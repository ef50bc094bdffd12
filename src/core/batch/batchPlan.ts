// A batch run's plan. Its run-start holds everything needed to plan it again (strategy, basis,
// options, examples), so a later process — the next `generate --batch`, `batch import`, the
// editor after a restart — rebuilds the same units from the journal and the seeds, and settles
// a batch into samples with the code that made its requests.
import { acceptedExamplesOf, acceptedSampleIds, shownExampleIds } from '../session/acceptedExamples.ts';
import { budgetLeft, limitInForce } from '../budget/limit.ts';
import type { RunStartEvent } from '../journal/events.ts';
import type { SessionState } from '../journal/state.ts';
import type { ModelRole } from '../model/chat.ts';
import { chooseStrategy } from '../planner/chooseStrategy.ts';
import { distinctSeeds } from '../planner/distinctSeeds.ts';
import { freshPlanBasis, recordedPlanBasis } from '../planner/planBasis.ts';
import type { PlanBasis } from '../planner/planBasis.ts';
import { acceptedExamplesShown } from '../planner/planNewQuestion.ts';
import { planRun } from '../planner/planRun.ts';
import type { AnswerProfile } from '../profile/types.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { StrategyId } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import { createStrategies } from '../strategies/strategies.ts';
import type { IncrementalStrategy } from '../strategies/strategyRun.ts';
import type { PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import type { BatchEngineKind } from '../journal/batchEvents.ts';
import type { RunPlanConfig } from '../planner/runPlanConfig.ts';

export interface BatchRunConfig extends RunPlanConfig {
  readonly engine: BatchEngineKind;
  /** Recorded in the run-start so a later process rebuilds the same requests (answer kind, prompts file). */
  readonly recorded?: Readonly<Record<string, unknown>>;
}

/** What a batch run's requests are built from and its samples made with. */
export interface BatchRunContext {
  readonly runId: string;
  readonly start: RunStartEvent;
  readonly units: readonly WorkUnit[];
  readonly unitsByKey: ReadonlyMap<string, WorkUnit>;
  readonly strategy: IncrementalStrategy;
  readonly options: PlanOptions;
}

/** The last run, when it is a batch run that has not ended: the one a new batch run continues. */
export function unfinishedBatchRun(state: SessionState): RunStartEvent | undefined {
  const last = [...state.runs.values()].at(-1);
  return last && last.outcome === 'interrupted' && last.start.options['batch'] !== undefined ? last.start : undefined;
}

/**
 * The run-start of a new batch run. An unfinished batch run is continued with its strategy,
 * basis and examples (the same units, so its batches in flight and its cache are found again);
 * otherwise the plan covers the budget left over the units not done yet.
 */
export function batchRunStart(config: BatchRunConfig, state: SessionState, runId: string, at: string): RunStartEvent {
  const continued = unfinishedBatchRun(state);
  const left = (role: ModelRole) => budgetLeft(limitInForce(config.limits[role], state.budget[role].limit), state.budget[role].spent);
  // A continued run keeps the basis its first run recorded (it names that run's start, or in an
  // older journal lists the keys); a new one names its own start.
  const fresh = continued ? undefined : freshPlanBasis(state, left('teacher'), left('augmenter'), runId);
  const planBasis = fresh?.recorded ?? continued?.options['planBasis'];
  const strategy: StrategyId = continued
    ? continued.strategy
    : config.strategy === 'auto'
      ? chooseStrategy(distinctSeeds(config.seeds).length, limitInForce(config.limits.teacher, state.budget.teacher.limit), config.weakAugmenter ?? false).strategy
      : config.strategy;
  const start: RunStartEvent = {
    type: 'run-start',
    at,
    runId,
    strategy,
    seedFile: config.seedFile,
    seedCount: config.seeds.length,
    limits: { teacher: config.limits.teacher, augmenter: config.limits.augmenter },
    teacher: { model: config.teacher.model, endpoint: config.teacher.endpoint },
    augmenter: { model: config.augmenter.model, endpoint: config.augmenter.endpoint },
    exampleSampleIds: continued ? continued.exampleSampleIds : [],
    options: {
      ...(continued ? pick(continued.options, config.recorded) : config.recorded),
      requested: config.strategy,
      batch: config.engine,
      samplesPerSeed: config.samplesPerSeed ?? null,
      questionsPerCall: config.questionsPerCall ?? null,
      fewShotSize: config.fewShotSize ?? null,
      planBasis,
    },
  };
  if (!fresh || strategy !== 'new-question') return start;
  // Only the accepted samples the calls show are named (and later read), as in a live run.
  const shown = (accepted: number) => acceptedExamplesShown(planOf(start, fresh, config.seeds, { ...planOptionsOf(start), acceptedExamples: [] }).units, accepted);
  return { ...start, exampleSampleIds: shownExampleIds(acceptedSampleIds(state), shown) };
}

/** The options a batch run plans with, from its run-start. */
function planOptionsOf(start: RunStartEvent): PlanOptions {
  const o = start.options;
  const whole = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const samplesPerSeed = whole(o['samplesPerSeed']);
  const questionsPerCall = whole(o['questionsPerCall']);
  const fewShotSize = whole(o['fewShotSize']);
  return {
    teacherModel: start.teacher.model,
    augmenterModel: start.augmenter.model,
    ...(samplesPerSeed !== undefined ? { samplesPerSeed } : {}),
    ...(questionsPerCall !== undefined ? { questionsPerCall } : {}),
    ...(fewShotSize !== undefined ? { fewShotSize } : {}),
  };
}

/** The run's plan over `basis`. */
function planOf(start: RunStartEvent, basis: Omit<PlanBasis, 'recorded'>, seeds: readonly Seed[], options: PlanOptions) {
  return planRun(start.strategy, seeds, { teacherQueries: basis.teacherQueries, augmenterCalls: basis.augmenterCalls }, { ...options, doneKeys: basis.doneKeys });
}

/** Rebuilds a batch run's units from its run-start and the seeds (the same ones it planned over). */
export function batchRunContext(start: RunStartEvent, state: SessionState, seeds: readonly Seed[], prompts?: PromptSet, profile?: AnswerProfile): BatchRunContext {
  const options: PlanOptions = { ...planOptionsOf(start), acceptedExamples: acceptedExamplesOf(state, start.exampleSampleIds) };
  // An unreadable basis (a run-start from before bases were recorded) plans nothing.
  const basis = recordedPlanBasis(start, state) ?? { teacherQueries: 0, augmenterCalls: 0, doneKeys: new Set<string>() };
  const plan = planOf(start, basis, seeds, options);
  return {
    runId: start.runId,
    start,
    units: plan.units,
    unitsByKey: new Map(plan.units.map((u) => [u.key, u])),
    strategy: createStrategies(prompts, profile)[plan.strategy],
    options,
  };
}

/** A continued run keeps what its first run recorded: the same requests must come out. */
function pick(options: Readonly<Record<string, unknown>>, recorded: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.keys(recorded ?? {}).map((key) => [key, options[key] ?? null]));
}

