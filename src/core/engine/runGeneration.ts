// One generation run over a session: plan, then work through the units with a pool of workers,
// journaling every sample as it completes. The budget is enforced per HTTP attempt by the
// ledger (never by this loop's arithmetic), so nothing here can overspend; this file decides
// only what to ask for and when to stop.
import type { BudgetLedger } from '../budget/ledger.ts';
import { sequentialIds } from '../budget/meter.ts';
import type { RunStartEvent } from '../journal/events.ts';
import type { ChatClient, ModelRole } from '../model/chat.ts';
import { ChatError } from '../model/errors.ts';
import { chooseStrategy } from '../planner/chooseStrategy.ts';
import { distinctSeeds } from '../planner/distinctSeeds.ts';
import { planRun } from '../planner/planRun.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { ModelRef, Sample, SampleDraft, StrategyId } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import { beginRun, endRun } from '../session/runs.ts';
import { createStrategies } from '../strategies/strategies.ts';
import type { AcceptedExample, PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import { Emitter } from './emitter.ts';
import type { EngineEvents, RunEndReason, RunFinished } from './engineEvents.ts';
import { newRunId, sampleIdOf } from './sampleIds.ts';
import { createSessionModelCaller } from './sessionModelCaller.ts';

export interface GenerationConfig {
  readonly seedFile: string;
  readonly seeds: readonly Seed[];
  readonly strategy: StrategyId | 'auto';
  readonly weakAugmenter?: boolean;
  /** The session's limits: the total it may ever spend, across runs. */
  readonly limits: { readonly teacher: number; readonly augmenter: number };
  readonly teacher: ModelRef;
  readonly augmenter: ModelRef;
  /** Work units in progress at once (the client's own window may admit fewer attempts). */
  readonly concurrency: number;
  readonly samplesPerSeed?: number;
  readonly questionsPerCall?: number;
  readonly fewShotSize?: number;
  readonly prompts?: PromptSet;
  /** Stop after this many units fail in a row (the endpoint is clearly broken). */
  readonly maxConsecutiveFailures?: number;
}

export interface GenerationSession {
  readonly journal: LiveJournal;
  readonly ledger: BudgetLedger;
}

export interface GenerationDeps {
  readonly clients: Readonly<Record<ModelRole, ChatClient>>;
  readonly session: GenerationSession;
  readonly now?: () => Date;
}

export class GenerationRun {
  readonly events = new Emitter<EngineEvents>();
  private readonly abort = new AbortController();
  private started: Promise<RunFinished> | undefined;
  private readonly config: GenerationConfig;
  private readonly deps: GenerationDeps;

  constructor(config: GenerationConfig, deps: GenerationDeps) {
    this.config = config;
    this.deps = deps;
  }

  /** Starts the run (once); resolves when it has ended for whatever reason, never rejects for a model error. */
  start(): Promise<RunFinished> {
    this.started ??= this.run();
    return this.started;
  }

  /** Stops sending at once and aborts what is in flight (those attempts count as spent: they may have been billed). */
  cancel(): void {
    this.abort.abort(new ChatError('aborted', 'The run was cancelled.'));
  }

  private async run(): Promise<RunFinished> {
    const { config, deps } = this;
    const { journal, ledger } = deps.session;
    const now = deps.now ?? (() => new Date());
    const startedAt = Date.now();
    const runId = newRunId(now());
    const state = journal.state;

    // A run that was interrupted (crash, kill) is continued with the same examples, so New
    // Question renders the same prompts and finds its purchases in the cache.
    // Only the last run can be one to continue: once a run after it has ended, the crash is behind.
    const lastRun = [...state.runs.values()].at(-1);
    const interrupted = lastRun?.outcome === 'interrupted' ? lastRun : undefined;
    const exampleSampleIds = interrupted ? interrupted.start.exampleSampleIds : acceptedSampleIds(journal);
    const acceptedExamples = examplesFor(journal, exampleSampleIds);
    const planOptions: PlanOptions = {
      teacherModel: config.teacher.model,
      augmenterModel: config.augmenter.model,
      ...(config.samplesPerSeed !== undefined ? { samplesPerSeed: config.samplesPerSeed } : {}),
      ...(config.questionsPerCall !== undefined ? { questionsPerCall: config.questionsPerCall } : {}),
      ...(config.fewShotSize !== undefined ? { fewShotSize: config.fewShotSize } : {}),
      acceptedExamples,
    };
    // `auto` is decided on the session's whole budget (the paper's Q), and an interrupted run
    // keeps its strategy; the plan then covers only what is left: finished units are passed as
    // done, and unit keys are stable, so half-finished units resume from the cache at no cost.
    const chosen: StrategyId | 'auto' = interrupted ? interrupted.start.strategy : config.strategy;
    const resolved = chosen === 'auto' ? chooseStrategy(distinctSeeds(config.seeds).length, config.limits.teacher, config.weakAugmenter ?? false) : null;
    const spent = ledger.snapshot();
    // What is left under the limits this run asks for (the ledger raises to them at run start).
    const left = (role: ModelRole) => Math.max(0, Math.max(config.limits[role], spent[role].limit) - spent[role].spent - spent[role].reserved);
    const doneKeys = new Set([...state.unitSamples.keys()].filter((key) => isUnitDone(journal, key)));
    const plan = planRun(resolved?.strategy ?? (chosen as StrategyId), config.seeds, { teacherQueries: left('teacher'), augmenterCalls: left('augmenter') }, { ...planOptions, doneKeys });
    const strategy = createStrategies(config.prompts)[plan.strategy];
    const todo = plan.units;

    const start: RunStartEvent = {
      type: 'run-start',
      at: now().toISOString(),
      runId,
      strategy: plan.strategy,
      seedFile: config.seedFile,
      seedCount: config.seeds.length,
      limits: { teacher: config.limits.teacher, augmenter: config.limits.augmenter },
      teacher: { model: config.teacher.model, endpoint: config.teacher.endpoint },
      augmenter: { model: config.augmenter.model, endpoint: config.augmenter.endpoint },
      exampleSampleIds,
      options: { requested: config.strategy, concurrency: config.concurrency, samplesPerSeed: config.samplesPerSeed ?? null, questionsPerCall: config.questionsPerCall ?? null, fewShotSize: config.fewShotSize ?? null, planned: plan.units.length },
    };
    await beginRun(ledger, journal, start);
    this.events.emit('run-started', {
      runId,
      plan: { strategy: plan.strategy, units: plan.units.length, unitsDone: doneKeys.size, teacherQueries: plan.teacherQueries, augmenterCalls: plan.augmenterCalls, reason: resolved ? `${resolved.reason} ${plan.reason}` : plan.reason },
    });
    this.events.emit('spend-changed', { ledger: ledger.snapshot() });

    const models = createSessionModelCaller({
      clients: deps.clients,
      journal,
      ledger,
      runId,
      signal: this.abort.signal,
      attemptIds: sequentialIds(runId),
      now,
      onSpend: (snapshot) => this.events.emit('spend-changed', { ledger: snapshot }),
      onRetry: (role, outcome) => this.events.emit('retry', { role, status: outcome.status, reason: outcome.reason, retryAfterMs: outcome.retryAfterMs ?? null }),
    });

    let samplesAdded = 0;
    let unitsDone = 0;
    let failures = 0;
    let consecutiveFailures = 0;
    let stop: { reason: RunEndReason; message: string | null } | null = null;
    const maxConsecutiveFailures = config.maxConsecutiveFailures ?? 8;

    const record = async (unit: WorkUnit, draft: SampleDraft): Promise<void> => {
      const sample: Sample = {
        ...draft,
        id: sampleIdOf(unit.key, draft.outputKey),
        unitKey: unit.key,
        runId,
        teacher: config.teacher,
        augmenter: draft.calls.some((call) => call.role === 'augmenter') ? config.augmenter : null,
        createdAt: now().toISOString(),
      };
      if (journal.state.samples.has(sample.id)) return; // made before a crash: the first write stands
      await journal.append({ type: 'sample', at: sample.createdAt, sample }, { durable: true });
      samplesAdded++;
      this.events.emit('sample-added', { sample });
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      while (stop === null && next < todo.length) {
        const unit = todo[next++];
        if (!unit) break;
        try {
          await strategy.runUnit(unit, models, planOptions, this.abort.signal, (draft) => record(unit, draft));
          consecutiveFailures = 0;
        } catch (error) {
          const outcome = classify(error);
          if (outcome.fatal) {
            stop ??= { reason: outcome.reason, message: outcome.message };
            // A spent budget only stops new work: the requests in flight were reserved within it.
            if (outcome.reason !== 'cancelled' && outcome.reason !== 'budget') this.abort.abort(error);
          } else {
            failures++;
            consecutiveFailures++;
            this.events.emit('unit-failed', { unitKey: unit.key, message: outcome.message ?? 'failed' });
            if (consecutiveFailures >= maxConsecutiveFailures) {
              stop ??= { reason: 'failed', message: `${consecutiveFailures} requests in a row failed; the last: ${outcome.message}` };
            }
          }
        }
        unitsDone++;
        this.events.emit('progress', { unitsDone, unitsTotal: plan.units.length, samplesAdded });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, todo.length)) }, worker));

    const ended = stop ?? { reason: 'done' as const, message: null };
    await endRun(journal, { type: 'run-end', at: now().toISOString(), runId, reason: ended.reason, ...(ended.message ? { message: ended.message } : {}) });
    const finished: RunFinished = { runId, reason: ended.reason, message: ended.message, samplesAdded, failures, ledger: ledger.snapshot(), elapsedMs: Date.now() - startedAt };
    this.events.emit('run-finished', finished);
    return finished;
  }
}

function classify(error: unknown): { fatal: boolean; reason: RunEndReason; message: string | null } {
  if (error instanceof ChatError) {
    if (error.kind === 'budget-exhausted') return { fatal: true, reason: 'budget', message: error.message };
    if (error.kind === 'aborted') return { fatal: true, reason: 'cancelled', message: null };
    return { fatal: error.isFatal, reason: 'failed', message: error.message };
  }
  // A bug, not a model error: stop rather than burn budget on it.
  return { fatal: true, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/**
 * A unit is finished when a run that produced samples for it ended normally, or it has a sample
 * for each output its strategy makes at most (AA: 1; QR/NQ: one per question asked for).
 * A unit cut short by a crash is not finished: it runs again, its bought calls from the cache.
 */
function isUnitDone(journal: LiveJournal, unitKey: string): boolean {
  const ids = journal.state.unitSamples.get(unitKey) ?? [];
  if (ids.length === 0) return false;
  return ids.some((id) => {
    const runId = journal.state.samples.get(id)?.runId;
    const run = runId ? journal.state.runs.get(runId) : undefined;
    return run !== undefined && run.outcome !== 'interrupted';
  }) || unitKey.startsWith('aa:');
}

function acceptedSampleIds(journal: LiveJournal): string[] {
  const ids: string[] = [];
  for (const [id, review] of journal.state.reviews) if (review.state === 'accepted') ids.push(id);
  return ids;
}

function examplesFor(journal: LiveJournal, ids: readonly string[]): AcceptedExample[] {
  const examples: AcceptedExample[] = [];
  for (const id of ids) {
    const sample = journal.state.samples.get(id);
    const review = journal.state.reviews.get(id);
    if (!sample) continue;
    examples.push({ id, question: review?.edited?.question ?? sample.question, answer: review?.edited?.answer ?? sample.answer });
  }
  return examples;
}
