// One stage of a batch run: what the units still need bought (collectUnit), reserved within the
// budget, named (run:sample:attempt) and cut into input files per model within the engine's
// limits. Every line is reserved in the journal (durably) before anything is uploaded; the
// ledger is rebuilt from the journal, so lines out in other batches are already counted.
import { ledgerFromState } from '../budget/rebuild.ts';
import type { BatchEngineKind } from '../journal/batchEvents.ts';
import type { JournalEvent } from '../journal/events.ts';
import type { ModelRole } from '../model/chat.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import type { WorkUnit } from '../strategies/strategy.ts';
import type { BatchRequestLine } from './batchEngine.ts';
import { BATCH_FILE_LIMITS, splitIntoFiles } from './batchLimits.ts';
import type { BatchRunContext } from './batchPlan.ts';
import { buildBatchSamples } from './batchSamples.ts';
import { collectUnit } from './batchCallers.ts';
import type { CollectedRequest } from './batchCallers.ts';

export interface PreparedBatch {
  readonly batchKey: string;
  readonly role: ModelRole;
  readonly model: string;
  readonly lines: readonly BatchRequestLine[];
  /** The file's lines as encoded, without newlines. */
  readonly encoded: readonly string[];
}

export interface PreparedStage {
  readonly batches: readonly PreparedBatch[];
  /** Units left out because the budget left cannot pay for them. */
  readonly budgetStopped: boolean;
  readonly samplesAdded: number;
}

interface PlannedLine extends BatchRequestLine {
  readonly cacheKey: string;
  readonly role: ModelRole;
  readonly unitKeys: string[];
}

export async function prepareStage(
  context: BatchRunContext,
  journal: LiveJournal,
  engine: BatchEngineKind,
  encode: (line: BatchRequestLine) => string,
  excluded: ReadonlySet<string>,
  now: () => Date,
): Promise<PreparedStage> {
  const state = journal.state;
  const outstanding = new Set<string>();
  for (const [id, line] of state.batchLines) if (state.unsettled.has(id)) outstanding.add(line.cacheKey);

  const needs: { unit: WorkUnit; requests: readonly CollectedRequest[] }[] = [];
  const complete: string[] = [];
  for (const unit of context.units) {
    if (isDone(journal, unit)) continue;
    const need = await collectUnit(context.strategy, unit, context.options, state, outstanding, excluded);
    if (need.requests.length > 0) needs.push({ unit, requests: need.requests });
    else if (!need.waiting) complete.push(unit.key);
  }
  // Units whose every request is answered (a malformed augmenter reply, unanswerable questions) make their samples now.
  const built = await buildBatchSamples(journal, context, complete, now);

  const ledger = ledgerFromState(state);
  const lines = new Map<string, PlannedLine>();
  let budgetStopped = false;
  let teacherHold = 0;
  for (const { unit, requests } of needs) {
    const fresh = requests.filter((r) => !lines.has(r.cacheKey));
    for (const r of requests) lines.get(r.cacheKey)?.unitKeys.push(unit.key);
    // An augmenter call is bought only while the teacher budget can still answer its questions.
    const asksAugmenter = fresh.some((r) => r.request.role === 'augmenter');
    const teacherNeed = asksAugmenter ? Math.max(0, unit.teacherQueries - (state.unitSamples.get(unit.key)?.length ?? 0)) : 0;
    if (asksAugmenter && ledger.role('teacher').remaining - teacherHold < teacherNeed) {
      budgetStopped = true;
      continue;
    }
    for (const r of fresh) {
      const customId = `${context.runId}:${r.ref}:${(state.batchAttempts.get(r.cacheKey) ?? 0) + 1}`;
      if (!ledger.tryReserve(r.request.role, customId)) {
        budgetStopped = true;
        break;
      }
      lines.set(r.cacheKey, { customId, request: r.request, cacheKey: r.cacheKey, role: r.request.role, unitKeys: [unit.key] });
    }
    teacherHold += teacherNeed;
  }
  refuseDuplicates([...lines.values()], state.batchLines);

  // One model per file, in the order the units were planned.
  const groups = new Map<string, PlannedLine[]>();
  for (const line of lines.values()) {
    const group = line.request.model;
    const list = groups.get(group);
    if (list) list.push(line);
    else groups.set(group, [line]);
  }
  const encoded = new Map<PlannedLine, string>();
  const encodedOf = (line: PlannedLine): string => {
    let text = encoded.get(line);
    if (text === undefined) encoded.set(line, (text = encode(line)));
    return text;
  };
  const batches: PreparedBatch[] = [];
  let n = state.batches.size;
  for (const group of groups.values()) {
    for (const file of splitIntoFiles(group, encodedOf, BATCH_FILE_LIMITS[engine])) {
      const first = file[0]!;
      const batchKey = `${context.runId}.b${++n}`;
      const at = now().toISOString();
      const events: JournalEvent[] = [
        { type: 'batch-prepared', at, batchKey, runId: context.runId, role: first.role, model: first.request.model, engine, lines: file.length },
        ...file.map((l): JournalEvent => ({ type: 'batch-line', at, batchKey, customId: l.customId, role: l.role, runId: context.runId, cacheKey: l.cacheKey, unitKeys: l.unitKeys })),
      ];
      // Durable before the upload starts: a crash from here on finds the reservations.
      await Promise.all(events.map((event, i) => journal.append(event, { durable: i === events.length - 1 })));
      batches.push({ batchKey, role: first.role, model: first.request.model, lines: file, encoded: file.map(encodedOf) });
    }
  }
  return { batches, budgetStopped, samplesAdded: built.added.length };
}

/** custom_id must be unique in a file and across the session's resubmissions: refused before anything is uploaded. */
export function refuseDuplicates(lines: readonly { readonly customId: string }[], known: ReadonlyMap<string, unknown>): void {
  const seen = new Set<string>();
  for (const { customId } of lines) {
    if (seen.has(customId) || known.has(customId)) throw new Error(`The batch line id ${customId} is used twice; nothing was uploaded.`);
    seen.add(customId);
  }
}

function isDone(journal: LiveJournal, unit: WorkUnit): boolean {
  const made = journal.state.unitSamples.get(unit.key)?.length ?? 0;
  return made > 0 && made >= unit.teacherQueries;
}
