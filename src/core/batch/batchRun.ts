// A generation run on a batch engine: plan as online, then stage by stage (Answer Augmentation:
// one stage; Question Rephrase / New Question: the augmenter's batch, then the teacher's) reserve
// and submit the lines, poll until each batch is terminal, and settle it. Batches left in flight
// by an earlier process are picked up first: a batch prepared but never seen submitted is looked
// up at the provider by its key, and released only when the provider has no such batch.
// Expired and cancelled lines are released and go into the next stage with a new attempt id;
// a line that failed is not sent again in this run.
import type { BatchSettledEvent } from '../journal/batchEvents.ts';
import type { BatchInfo } from '../journal/batchState.ts';
import { batchesInFlight } from '../journal/batchState.ts';
import type { RunStartEvent } from '../journal/events.ts';
import type { AnswerProfile } from '../profile/types.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { Seed } from '../seeds/types.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import { newRunId } from '../engine/sampleIds.ts';
import type { BatchEngine, BatchPoll } from './batchEngine.ts';
import type { BatchRunConfig, BatchRunContext } from './batchPlan.ts';
import { batchRunContext, batchRunStart } from './batchPlan.ts';
import { buildBatchSamples } from './batchSamples.ts';
import { prepareStage } from './prepareStage.ts';
import { NOT_SUBMITTED, settleBatch } from './settleBatch.ts';
import type { SettledBatch } from './settleBatch.ts';

export type BatchProgress =
  | { readonly kind: 'run-started'; readonly runId: string; readonly strategy: string; readonly units: number }
  | { readonly kind: 'submitted'; readonly batchKey: string; readonly batchId: string; readonly lines: number }
  | { readonly kind: 'polled'; readonly batchKey: string; readonly poll: BatchPoll }
  | { readonly kind: 'settled'; readonly settled: BatchSettledEvent }
  | { readonly kind: 'never-submitted'; readonly batchKey: string; readonly lines: number };

export interface BatchSessionInputs {
  readonly seeds: readonly Seed[];
  readonly prompts?: PromptSet;
  readonly profile?: AnswerProfile;
}

export interface BatchRunDeps {
  readonly journal: LiveJournal;
  readonly engine: BatchEngine;
  readonly signal: AbortSignal;
  /** Between polls of a batch in progress. */
  readonly pollMs: number;
  readonly now?: () => Date;
  readonly onProgress?: (progress: BatchProgress) => void;
  /** Times a request whose line expired is resubmitted in one run (default 3). */
  readonly maxResubmissions?: number;
  /** True once the person cancelled: the batches out are settled, nothing new is submitted. */
  readonly stopSubmitting?: () => boolean;
}

export interface BatchRunFinished {
  readonly runId: string;
  /** failed: the provider refused a batch (validation); sending it again would fail the same way. */
  readonly reason: 'done' | 'budget' | 'failed' | 'cancelled';
  /** The provider's error when the run failed. */
  readonly message: string | null;
  readonly batches: number;
  readonly samplesAdded: number;
}

/** Settles the session's batches in flight on `engine` (from any run), each once. */
export async function settleBatchesInFlight(inputs: BatchSessionInputs, deps: BatchRunDeps): Promise<BatchSettledEvent[]> {
  const { journal, engine } = deps;
  const now = deps.now ?? (() => new Date());
  const contexts = contextCache(journal, inputs);
  const settled: BatchSettledEvent[] = [];
  for (const batch of batchesInFlight(journal.state.batches)) {
    if (batch.engine !== engine.kind) continue;
    let submitted = batch.submitted;
    if (submitted === null) {
      // Prepared, and the process died before it learnt the batch id: ask the provider.
      const found = await engine.find(batch.batchKey, deps.signal);
      if (found === null) {
        const { settled: event } = await settleBatch(journal, batch, { status: NOT_SUBMITTED, results: [], errors: ['The provider has no batch for this key: it was never submitted.'], batchId: null }, now, async () => {});
        deps.onProgress?.({ kind: 'never-submitted', batchKey: batch.batchKey, lines: batch.customIds.length });
        settled.push(event);
        continue;
      }
      await journal.append({ type: 'batch-submitted', at: now().toISOString(), batchKey: batch.batchKey, batchId: found.batchId, inputFileId: found.inputFileId, expiresAt: found.expiresAt }, { durable: true });
      submitted = journal.state.batches.get(batch.batchKey)?.submitted ?? null;
    }
    if (submitted === null) continue;
    settled.push((await awaitAndSettle(journal.state.batches.get(batch.batchKey)!, submitted.batchId, contexts, deps, now)).settled);
  }
  return settled;
}

export async function runBatchGeneration(config: BatchRunConfig, deps: BatchRunDeps): Promise<BatchRunFinished> {
  const { journal, engine } = deps;
  const now = deps.now ?? (() => new Date());
  const inputs: BatchSessionInputs = { seeds: config.seeds, ...(config.prompts ? { prompts: config.prompts } : {}), ...(config.profile ? { profile: config.profile } : {}) };
  await settleBatchesInFlight(inputs, deps);

  const runId = newRunId(now());
  const start = batchRunStart(config, journal.state, runId, now().toISOString());
  await journal.append(start, { durable: true });
  const context = batchRunContext(start, journal.state, config.seeds, config.prompts, config.profile);
  const contexts = contextCache(journal, inputs, context);
  deps.onProgress?.({ kind: 'run-started', runId, strategy: start.strategy, units: context.units.length });

  const excluded = new Set<string>();
  const released = new Map<string, number>();
  const maxResubmissions = deps.maxResubmissions ?? 3;
  let batches = 0;
  let samplesAdded = 0;
  let budgetStopped = false;
  let failure: string | null = null;
  const stopped = deps.stopSubmitting ?? (() => false);
  while (failure === null && !stopped()) {
    deps.signal.throwIfAborted();
    const stage = await prepareStage(context, journal, engine.kind, (line) => engine.encodeLine(line), excluded, now);
    samplesAdded += stage.samplesAdded;
    budgetStopped ||= stage.budgetStopped;
    if (stage.batches.length === 0) break;
    const submittedIds: string[] = [];
    for (const prepared of stage.batches) {
      const submission = await engine.submit(prepared.encoded, prepared.batchKey, deps.signal);
      await journal.append({ type: 'batch-submitted', at: now().toISOString(), batchKey: prepared.batchKey, batchId: submission.batchId, inputFileId: submission.inputFileId, expiresAt: submission.expiresAt }, { durable: true });
      deps.onProgress?.({ kind: 'submitted', batchKey: prepared.batchKey, batchId: submission.batchId, lines: prepared.lines.length });
      // A cancel that came while this batch was being submitted found nothing to cancel yet: the
      // batch is cancelled now, or it would run (and be waited for) after the person cancelled.
      if (stopped()) await engine.cancel(submission.batchId, deps.signal).catch(() => undefined);
      submittedIds.push(submission.batchId);
      batches++;
    }
    for (const [i, prepared] of stage.batches.entries()) {
      const before = journal.state.samples.size;
      const { outcomes, settled } = await awaitAndSettle(journal.state.batches.get(prepared.batchKey)!, submittedIds[i]!, contexts, deps, now);
      samplesAdded += journal.state.samples.size - before;
      if (settled.status === 'failed') failure ??= `the provider refused the batch ${settled.batchId ?? settled.batchKey}: ${settled.error ?? 'failed'}`;
      // What this run will not send again: a failed line, or one expired too often.
      for (const line of prepared.lines) {
        const info = journal.state.batchLines.get(line.customId);
        if (!info) continue;
        const outcome = outcomes.get(line.customId);
        if (outcome === 'uncertain') excluded.add(info.cacheKey);
        if (outcome === 'released') {
          const times = (released.get(info.cacheKey) ?? 0) + 1;
          released.set(info.cacheKey, times);
          if (times > maxResubmissions) excluded.add(info.cacheKey);
        }
      }
    }
  }
  const reason = failure !== null ? 'failed' : stopped() ? 'cancelled' : budgetStopped ? 'budget' : 'done';
  await journal.append({ type: 'run-end', at: now().toISOString(), runId, reason, ...(failure !== null ? { message: failure } : {}) }, { durable: true });
  return { runId, reason, message: failure, batches, samplesAdded };
}

async function awaitAndSettle(batch: BatchInfo, batchId: string, contexts: (runId: string) => BatchRunContext | undefined, deps: BatchRunDeps, now: () => Date): Promise<SettledBatch> {
  const { engine, journal } = deps;
  for (;;) {
    const poll = await engine.poll(batchId, deps.signal);
    deps.onProgress?.({ kind: 'polled', batchKey: batch.batchKey, poll });
    if (readyToSettle(poll)) {
      const results = poll.status === 'failed' ? [] : await engine.results(poll, deps.signal);
      const context = contexts(batch.runId);
      const done = await settleBatch(journal, batch, { status: poll.status, results, errors: poll.errors, batchId }, now, async (unitKeys) => {
        if (context) await buildBatchSamples(journal, context, unitKeys, now);
      });
      deps.onProgress?.({ kind: 'settled', settled: done.settled });
      return done;
    }
    await sleep(deps.pollMs, deps.signal);
  }
}

/**
 * Terminal, and the files to read are there: a provider can show `completed` a moment before it
 * fills in the file ids. A batch that failed validation has no files; one whose lines all went
 * missing reports nothing done and has none either.
 */
export function readyToSettle(poll: BatchPoll): boolean {
  if (!poll.terminal) return false;
  if (poll.status === 'failed' || poll.outputFileId !== null || poll.errorFileId !== null) return true;
  return poll.counts.completed === 0 && poll.counts.failed === 0;
}

function contextCache(journal: LiveJournal, inputs: BatchSessionInputs, current?: BatchRunContext): (runId: string) => BatchRunContext | undefined {
  const contexts = new Map<string, BatchRunContext>();
  if (current) contexts.set(current.runId, current);
  return (runId) => {
    let context = contexts.get(runId);
    if (context) return context;
    const start: RunStartEvent | undefined = journal.state.runs.get(runId)?.start;
    if (!start) return undefined;
    context = batchRunContext(start, journal.state, inputs.seeds, inputs.prompts, inputs.profile);
    contexts.set(runId, context);
    return context;
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
