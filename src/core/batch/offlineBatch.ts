// Batch runs for an engine SeedSmith does not drive (vLLM's run-batch on one's own GPUs, or any
// runner that reads the OpenAI batch format): export reserves a stage's lines and hands back the
// file's lines; the caller writes the file and then marks it submitted; import settles the
// runner's output file with the same rules as the online path. Importing a file twice changes
// nothing: a settled batch is passed over.
import type { BatchSettledEvent } from '../journal/batchEvents.ts';
import { batchesInFlight } from '../journal/batchState.ts';
import type { BatchInfo } from '../journal/batchState.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import { newRunId } from '../engine/sampleIds.ts';
import type { BatchRequestLine, BatchResultLine } from './batchEngine.ts';
import type { BatchRunConfig, BatchRunContext } from './batchPlan.ts';
import { batchRunContext, batchRunStart } from './batchPlan.ts';
import { buildBatchSamples } from './batchSamples.ts';
import type { PreparedBatch } from './prepareStage.ts';
import { prepareStage } from './prepareStage.ts';
import { settleBatch } from './settleBatch.ts';

export interface ExportedStage {
  readonly runId: string;
  /** Empty when the run has nothing left to send (it is then ended). */
  readonly batches: readonly PreparedBatch[];
  readonly budgetStopped: boolean;
  readonly samplesAdded: number;
}

export class OfflineBatchesPending extends Error {
  readonly batches: readonly BatchInfo[];

  constructor(batches: readonly BatchInfo[]) {
    super(`${batches.length} exported batch file(s) of this session are not imported yet (${batches.map((b) => b.submitted?.batchId ?? b.batchKey).join(', ')}); import the runner's output with \`seedsmith batch import\` first.`);
    this.batches = batches;
  }
}

/** Reserves and returns the next stage of the session's batch run for an offline runner. */
export async function exportBatchStage(config: BatchRunConfig, journal: LiveJournal, encode: (line: BatchRequestLine) => string, now: () => Date = () => new Date()): Promise<ExportedStage> {
  const pending = batchesInFlight(journal.state.batches).filter((b) => b.engine === 'offline');
  // The next stage needs this one's answers, and a file not yet run must not be planned again.
  if (pending.length > 0) throw new OfflineBatchesPending(pending);
  const runId = newRunId(now());
  const start = batchRunStart(config, journal.state, runId, now().toISOString());
  await journal.append(start, { durable: true });
  const context = batchRunContext(start, journal.state, config.seeds, config.prompts, config.profile);
  const stage = await prepareStage(context, journal, 'offline', encode, new Set(), now);
  if (stage.batches.length === 0) await journal.append({ type: 'run-end', at: now().toISOString(), runId, reason: stage.budgetStopped ? 'budget' : 'done' }, { durable: true });
  return { runId, batches: stage.batches, budgetStopped: stage.budgetStopped, samplesAdded: stage.samplesAdded };
}

/** After the file is written: the lines are out of SeedSmith's hands. */
export async function markExported(journal: LiveJournal, batchKey: string, file: string, now: () => Date = () => new Date()): Promise<void> {
  await journal.append({ type: 'batch-submitted', at: now().toISOString(), batchKey, batchId: file, inputFileId: null, expiresAt: null }, { durable: true });
}

export interface ImportSummary {
  readonly settled: readonly BatchSettledEvent[];
  /** Batches of the file that were settled before: nothing of them changed. */
  readonly alreadySettled: number;
  /** Lines whose custom_id belongs to no batch of this session. */
  readonly foreign: number;
  readonly samplesAdded: number;
}

/** Settles the offline batches `results` belong to. `contextFor` rebuilds a run's units (seeds, prompts) for its samples. */
export async function importBatchResults(journal: LiveJournal, results: readonly BatchResultLine[], contextFor: (runId: string) => Promise<BatchRunContext | undefined>, now: () => Date = () => new Date()): Promise<ImportSummary> {
  const state = journal.state;
  const byBatch = new Map<string, BatchResultLine[]>();
  let foreign = 0;
  for (const line of results) {
    const info = state.batchLines.get(line.customId);
    if (!info) {
      foreign++;
      continue;
    }
    const list = byBatch.get(info.batchKey);
    if (list) list.push(line);
    else byBatch.set(info.batchKey, [line]);
  }
  const settled: BatchSettledEvent[] = [];
  let alreadySettled = 0;
  const before = state.samples.size;
  for (const [batchKey, lines] of byBatch) {
    const batch = state.batches.get(batchKey);
    if (!batch) continue;
    if (batch.settled !== null) {
      alreadySettled++;
      continue;
    }
    const context = await contextFor(batch.runId);
    const done = await settleBatch(journal, batch, { status: 'imported', results: lines, batchId: batch.submitted?.batchId ?? null }, now, async (unitKeys) => {
      if (context) await buildBatchSamples(journal, context, unitKeys, now);
    });
    settled.push(done.settled);
  }
  return { settled, alreadySettled, foreign, samplesAdded: state.samples.size - before };
}
