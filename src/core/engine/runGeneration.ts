// One generation run over a session: plan, then work through the units with a pool of workers,
// journaling every sample as it completes. The budget is enforced per HTTP attempt by the
// ledger (never by this loop's arithmetic), so nothing here can overspend; this file decides
// only what to ask for and when to stop.
import type { BudgetLedger } from '../budget/ledger.ts';
import { budgetLeft, limitInForce } from '../budget/limit.ts';
import { sequentialIds } from '../budget/meter.ts';
import type { RunStartEvent } from '../journal/events.ts';
import type { ChatClient, ModelRole } from '../model/chat.ts';
import { ChatError } from '../model/errors.ts';
import { scrubSecrets } from '../model/scrubSecrets.ts';
import { chooseStrategy } from '../planner/chooseStrategy.ts';
import { distinctSeeds } from '../planner/distinctSeeds.ts';
import { acceptedExamplesShown } from '../planner/planNewQuestion.ts';
import { freshPlanBasis, recordedPlanBasis } from '../planner/planBasis.ts';
import type { PlanBasis } from '../planner/planBasis.ts';
import { planRun } from '../planner/planRun.ts';
import type { TeacherWeight } from '../planner/teacherSplit.ts';
import type { Sample, SampleDraft, StrategyId } from '../samples/sample.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import { acceptedExamplesOf, acceptedSampleIds, shownExampleIds } from '../session/acceptedExamples.ts';
import { beginRun, endRun } from '../session/runs.ts';
import { createStrategies } from '../strategies/strategies.ts';
import type { ReceiptModelCaller } from '../strategies/strategyRun.ts';
import type { AcceptedExample, PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import { Emitter } from './emitter.ts';
import type { EngineEvents, RunEndReason, RunFinished } from './engineEvents.ts';
import { newRunId, sampleIdOf } from './sampleIds.ts';
import type { RunPlanConfig } from '../planner/runPlanConfig.ts';
import { createSessionModelCaller } from './sessionModelCaller.ts';

export interface GenerationConfig extends RunPlanConfig {
  /**
   * A teacher ensemble on the teacher's endpoint: the teacher queries are split among these models
   * by weight (planner/teacherSplit.ts), and each sample records the one that answered it.
   */
  readonly teachers?: readonly TeacherWeight[];
  /** Work units in progress at once (the client's own window may admit fewer attempts). */
  readonly concurrency: number;
  /** Stop after this many units fail in a row (the endpoint is clearly broken). A 429 never counts: the client waits it out, or (out of quota) it ends the run at once. */
  readonly maxConsecutiveFailures?: number;
  /** Optional wall-clock limit: after it no new work starts and nothing more is sent; what is out finishes. */
  readonly maxWallMs?: number;
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
    const planOptions: PlanOptions = {
      teacherModel: config.teacher.model,
      augmenterModel: config.augmenter.model,
      ...(config.samplesPerSeed !== undefined ? { samplesPerSeed: config.samplesPerSeed } : {}),
      ...(config.questionsPerCall !== undefined ? { questionsPerCall: config.questionsPerCall } : {}),
      ...(config.fewShotSize !== undefined ? { fewShotSize: config.fewShotSize } : {}),
    };
    // `auto` is decided on the session's whole budget (the paper's Q), and an interrupted run
    // keeps its strategy. A new run plans only new work: what the budget has left, over units
    // not done before (unit keys are stable). A resumed run re-plans exactly what the
    // interrupted run planned (its basis is in its run-start), so it renders the same requests,
    // finds what was bought in the cache, and skips the units it finished.
    const chosen: StrategyId | 'auto' = interrupted ? interrupted.start.strategy : config.strategy;
    const resolved = chosen === 'auto' ? chooseStrategy(distinctSeeds(config.seeds).length, limitInForce(config.limits.teacher, ledger.role('teacher').limit), config.weakAugmenter ?? false) : null;
    const strategyId = resolved?.strategy ?? (chosen as StrategyId);
    // Only New Question shows accepted samples: a session opened from its checkpoint reads the
    // reviews and the samples only when first asked, so they are looked at only for it.
    const acceptedIds = strategyId !== 'new-question' ? [] : interrupted ? interrupted.start.exampleSampleIds : acceptedSampleIds(state);
    const basis = (interrupted ? recordedPlanBasis(interrupted.start, state) : undefined) ?? freshBasis(config, ledger, journal, runId);
    const planWith = (acceptedExamples: readonly AcceptedExample[]) =>
      planRun(strategyId, config.seeds, { teacherQueries: basis.teacherQueries, augmenterCalls: basis.augmenterCalls }, { ...planOptions, acceptedExamples, doneKeys: basis.doneKeys, ...(config.teachers && config.teachers.length > 1 ? { teachers: config.teachers } : {}) });
    // The calls show the accepted samples from the first on: only those they show are read (a
    // large session's accepted samples are not all read for a short run) and named in the
    // run-start, which re-plans the same calls when the run is continued.
    const exampleSampleIds = shownExampleIds(acceptedIds, (accepted) => acceptedExamplesShown(planWith([]).units, accepted));
    const plan = planWith(acceptedExamplesOf(state, exampleSampleIds));
    const strategy = createStrategies(config.prompts, config.profile)[plan.strategy];
    const todo = plan.units.filter((unit) => !isUnitDone(journal, unit));
    const doneCount = plan.units.length - todo.length;

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
      // Only New Question shows accepted samples; for another strategy the list would only make
      // every run-start grow with the session.
      exampleSampleIds: plan.strategy === 'new-question' ? exampleSampleIds : [],
      options: { requested: config.strategy, ...(config.teachers && config.teachers.length > 1 ? { teachers: config.teachers.map((t) => ({ model: t.model, weight: t.weight })) } : {}), concurrency: config.concurrency, samplesPerSeed: config.samplesPerSeed ?? null, questionsPerCall: config.questionsPerCall ?? null, fewShotSize: config.fewShotSize ?? null, planned: plan.units.length, planBasis: basis.recorded },
    };
    await beginRun(ledger, journal, start);
    this.events.emit('run-started', {
      runId,
      plan: { strategy: plan.strategy, units: plan.units.length, unitsDone: doneCount, teacherQueries: plan.teacherQueries, augmenterCalls: plan.augmenterCalls, reason: resolved ? `${resolved.reason} ${plan.reason}` : plan.reason },
    });
    this.events.emit('spend-changed', { ledger: ledger.snapshot() });

    // Set by a fatal error (a wrong key, an unreachable host, a bug): from then on no attempt is
    // sent, while those already out finish and settle by their own answer. Aborting them instead
    // would book as "uncertain" (spent) requests the endpoint refused or never ran.
    let sendsStopped: ChatError | null = null;
    // Journal writes of samples and completions that workers do not wait for: the run waits for
    // them before it ends, and the first that fails stops it.
    const pendingWrites = new Set<Promise<void>>();
    let writeError: unknown = null;
    const track = (written: Promise<void>): void => {
      pendingWrites.add(written);
      written.then(
        () => pendingWrites.delete(written),
        (error: unknown) => {
          pendingWrites.delete(written);
          writeError ??= error;
        },
      );
    };
    const sendsStoppedSignal = new AbortController();
    const stopSends = (error: ChatError): void => {
      sendsStopped ??= error;
      sendsStoppedSignal.abort(sendsStopped);
    };
    const models = createSessionModelCaller({
      clients: deps.clients,
      journal,
      ledger,
      runId,
      signal: this.abort.signal,
      attemptIds: sequentialIds(runId),
      now,
      sendsStopped: () => sendsStopped,
      sendsStoppedSignal: sendsStoppedSignal.signal,
      onSpend: (snapshot) => this.events.emit('spend-changed', { ledger: snapshot }),
      onRetry: (role, outcome) => this.events.emit('retry', { role, status: outcome.status, reason: outcome.reason, retryAfterMs: outcome.retryAfterMs ?? null }),
      trackWrite: (written) => track(written),
    });

    let samplesAdded = 0;
    let unitsDone = 0;
    let failures = 0;
    let unitsSucceeded = 0;
    let lastFailure: string | null = null;
    let consecutiveFailures = 0;
    let stop: { reason: RunEndReason; message: string | null } | null = null;
    const maxConsecutiveFailures = config.maxConsecutiveFailures ?? 8;

    // The wall-clock limit ends the run the way a failure does: nothing new is sent (calls waiting
    // for the rate limit give up at once), and the attempts already out settle by their own
    // answer (aborting them would book them as spent).
    const wallTimer =
      config.maxWallMs === undefined
        ? undefined
        : setTimeout(() => {
            const message = `The time limit of ${formatMinutes(config.maxWallMs ?? 0)} passed.`;
            stop ??= { reason: 'time-limit', message };
            stopSends(new ChatError('aborted', `Not sent: ${message}`));
            for (const wake of waiting.splice(0)) wake();
          }, config.maxWallMs);

    const recording = new Set<string>();
    const record = async (unit: WorkUnit, draft: SampleDraft): Promise<void> => {
      if (writeError !== null) throw writeError;
      const { teacherModel, ...made } = draft;
      const sample: Sample = {
        ...made,
        id: sampleIdOf(unit.key, draft.outputKey),
        unitKey: unit.key,
        runId,
        // An ensemble's sample names the teacher that answered it (same endpoint, another model).
        teacher: teacherModel === undefined ? config.teacher : { model: teacherModel, endpoint: config.teacher.endpoint },
        augmenter: draft.calls.some((call) => call.role === 'augmenter') ? config.augmenter : null,
        createdAt: now().toISOString(),
      };
      // A unit re-run after a crash renders the same requests, served from the cache: the
      // sample is the one already journaled, and the first write stands.
      if (journal.state.samples.has(sample.id) || recording.has(sample.id)) return;
      // The worker moves on while the sample is made durable: its next reserve then shares the
      // fsync. The sample is announced once it is on disk, and the run ends only after all are.
      recording.add(sample.id);
      track(
        journal.append({ type: 'sample', at: sample.createdAt, sample }, { durable: true }).then(() => {
          samplesAdded++;
          this.events.emit('sample-added', { sample });
        }),
      );
    };

    // Teacher queries the units in flight will still buy. A unit starts only when the budget
    // left can also answer it, so an augmenter call is never bought for questions the teacher
    // budget can no longer answer (timeouts and crashes can leave less than the plan assumed).
    // A query leaves `outstanding` only once it is bought (its spend is in the ledger): counted
    // down when it was merely asked for, it was covered by nothing while it waited for a
    // connection slot or a retry, and a unit ending meanwhile let another start on that budget.
    // A query served from the cache costs nothing and counts nothing down: it may be one `need`
    // never counted (a crash left its answer and lost its sample), and an unneeded hold on the
    // budget is freed when the unit ends.
    let outstanding = 0;
    let inFlight = 0;
    const waiting: (() => void)[] = [];
    const needOf = (unit: WorkUnit) => Math.max(0, unit.teacherQueries - (journal.state.unitSamples.get(unit.key)?.length ?? 0));
    const teacherLeft = () => {
      const teacher = ledger.role('teacher');
      // Every teacher attempt reserved now belongs to a query still in `outstanding`: not counted twice.
      return teacher.limit - teacher.spent - outstanding;
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      while (stop === null && next < todo.length) {
        const unit = todo[next];
        if (!unit) break;
        const need = needOf(unit);
        if (need > teacherLeft()) {
          if (inFlight === 0) {
            stop ??= { reason: 'budget', message: `The teacher budget left cannot answer the next unit's ${need} questions.` };
            break;
          }
          await new Promise<void>((resolve) => waiting.push(resolve));
          continue;
        }
        next++;
        let unitOutstanding = need;
        outstanding += need;
        inFlight++;
        const counted = countingTeacherPurchases(models, () => {
          if (unitOutstanding > 0) {
            unitOutstanding--;
            outstanding--;
          }
        });
        try {
          await strategy.runUnit(unit, counted, planOptions, this.abort.signal, (draft) => record(unit, draft));
          consecutiveFailures = 0;
          unitsSucceeded++;
        } catch (error) {
          const outcome = classify(error);
          if (outcome.fatal) {
            stop ??= { reason: outcome.reason, message: outcome.message };
            // A spent budget only stops new work: the requests in flight were reserved within it,
            // and a unit out may still need the other role. Anything else fatal stops new sends.
            if (outcome.reason === 'failed') stopSends(new ChatError('aborted', `Not sent: the run is stopping (${outcome.message ?? 'failed'}).`));
          } else {
            failures++;
            consecutiveFailures++;
            lastFailure = outcome.message;
            this.events.emit('unit-failed', { unitKey: unit.key, message: outcome.message ?? 'failed' });
            if (consecutiveFailures >= maxConsecutiveFailures) {
              stop ??= { reason: 'failed', message: `${consecutiveFailures} requests in a row failed; the last: ${outcome.message}` };
            }
          }
        } finally {
          outstanding -= unitOutstanding;
          inFlight--;
          // Every waiting worker looks again: the unit that ended may have freed enough for one.
          for (const wake of waiting.splice(0)) wake();
        }
        unitsDone++;
        this.events.emit('progress', { unitsDone, unitsTotal: plan.units.length, samplesAdded });
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, todo.length)) }, worker));
    } finally {
      clearTimeout(wallTimer);
    }

    await Promise.allSettled([...pendingWrites]);
    if (writeError !== null) stop ??= { reason: 'failed', message: `the session journal could not be written: ${writeError instanceof Error ? writeError.message : String(writeError)}` };
    // A run in which every unit failed did not do its job, even if nothing stopped it early.
    const ended = stop ?? (failures > 0 && unitsSucceeded === 0 ? { reason: 'failed' as const, message: `every request failed; the last: ${lastFailure ?? 'unknown error'}` } : { reason: 'done' as const, message: null });
    await endRun(journal, { type: 'run-end', at: now().toISOString(), runId, reason: ended.reason, ...(ended.message ? { message: ended.message } : {}) });
    const finished: RunFinished = { runId, reason: ended.reason, message: ended.message, samplesAdded, failures, ledger: ledger.snapshot(), elapsedMs: Date.now() - startedAt };
    this.events.emit('run-finished', finished);
    return finished;
  }
}

function formatMinutes(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = ms / 60_000;
  return `${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

function classify(error: unknown): { fatal: boolean; reason: RunEndReason; message: string | null } {
  if (error instanceof ChatError) {
    if (error.kind === 'budget-exhausted') return { fatal: true, reason: 'budget', message: error.message };
    if (error.kind === 'aborted') return { fatal: true, reason: 'cancelled', message: null };
    return { fatal: error.isFatal, reason: 'failed', message: error.message };
  }
  // A bug, not a model error: stop rather than burn budget on it. Its text may quote anything.
  return { fatal: true, reason: 'failed', message: scrubSecrets(error instanceof Error ? error.message : String(error)) };
}

/** What a new run may plan: the budget left under its limits, around the units already done. */
function freshBasis(config: GenerationConfig, ledger: BudgetLedger, journal: LiveJournal, runId: string): PlanBasis {
  const left = (role: ModelRole) => {
    const r = ledger.role(role);
    return budgetLeft(limitInForce(config.limits[role], r.limit), r.spent, r.reserved);
  };
  return freshPlanBasis(journal.state, left('teacher'), left('augmenter'), runId);
}

/**
 * A unit is finished when it has a sample for each output it plans (AA: one; QR/NQ: one per
 * question asked for). A unit cut short by a crash runs again: its bought calls come from the
 * cache, its journaled samples are not written twice, and only what is missing is bought.
 */
function isUnitDone(journal: LiveJournal, unit: WorkUnit): boolean {
  const made = journal.state.unitSamples.get(unit.key)?.length ?? 0;
  return made > 0 && made >= unit.teacherQueries;
}

/** The same caller, telling `onTeacherBought` each time a teacher query of the unit has been bought (not served from the cache). */
function countingTeacherPurchases(models: ReceiptModelCaller, onTeacherBought: () => void): ReceiptModelCaller {
  const callWithReceipt: ReceiptModelCaller['callWithReceipt'] = async (request, prompt) => {
    const served = await models.callWithReceipt(request, prompt);
    if (request.role === 'teacher' && served.receipt.bought) onTeacherBought();
    return served;
  };
  return { callWithReceipt, call: async (request, prompt) => (await callWithReceipt(request, prompt)).result };
}
