// Samples from a settled batch: each unit the batch fed runs again through its strategy with a
// caller that answers from the cache only, so the samples are the ones the online path makes
// from the same answers. Idempotent: sample ids come from unit and output, the first write stands.
import type { BatchRunContext } from './batchPlan.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import type { Sample } from '../samples/sample.ts';
import { sampleIdOf } from '../engine/sampleIds.ts';
import { cacheOnlyCaller } from './batchCallers.ts';

export interface BuiltSamples {
  readonly added: readonly Sample[];
}

export async function buildBatchSamples(journal: LiveJournal, context: BatchRunContext, unitKeys: Iterable<string>, now: () => Date): Promise<BuiltSamples> {
  const state = journal.state;
  // A request shared by several units was bought for the first of them: its samples say so.
  const firstUnit = new Map<string, string>();
  for (const line of state.batchLines.values()) if (!firstUnit.has(line.cacheKey) && line.unitKeys[0] !== undefined) firstUnit.set(line.cacheKey, line.unitKeys[0]);
  const added: Sample[] = [];
  const addedIds = new Set<string>();
  const writes: Promise<void>[] = [];
  const start = context.start;
  for (const key of new Set(unitKeys)) {
    const unit = context.unitsByKey.get(key);
    if (!unit) continue;
    const made = state.unitSamples.get(key)?.length ?? 0;
    if (made > 0 && made >= unit.teacherQueries) continue;
    const caller = cacheOnlyCaller(state, (cacheKey) => (firstUnit.get(cacheKey) ?? key) === key);
    await context.strategy
      .runUnit(unit, caller, context.options, new AbortController().signal, (draft) => {
        const id = sampleIdOf(unit.key, draft.outputKey);
        if (state.samples.has(id) || addedIds.has(id)) return;
        addedIds.add(id);
        const sample: Sample = {
          ...draft,
          id,
          unitKey: unit.key,
          runId: context.runId,
          teacher: { model: start.teacher.model, endpoint: start.teacher.endpoint },
          augmenter: draft.calls.some((c) => c.role === 'augmenter') ? { model: start.augmenter.model, endpoint: start.augmenter.endpoint } : null,
          createdAt: now().toISOString(),
        };
        added.push(sample);
        writes.push(journal.append({ type: 'sample', at: sample.createdAt, sample }));
      })
      // A request of the unit has no answer (its line failed or is still out): the samples made
      // before it are kept, the rest wait for a later batch.
      .catch(() => undefined);
  }
  await Promise.all(writes);
  return { added };
}
