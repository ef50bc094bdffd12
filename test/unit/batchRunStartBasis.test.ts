// A batch run's run-start, like a live run's, records its plan basis by naming its own start (the
// units done before it are derived from the journal), never a copy of every finished unit key,
// and names only the accepted samples its New Question calls show, not every accepted sample:
// both grew every run-start with the session (issue 12). The units planned are the same as with
// the copied keys, and a run-start from an older journal (keys copied) still plans the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchRunContext, batchRunStart } from '../../src/core/batch/batchPlan.ts';
import type { BatchRunConfig } from '../../src/core/batch/batchPlan.ts';
import type { JournalEvent, RunStartEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import { seedFileText } from '../support/seedFixtures.ts';
import { syntheticEvents } from '../support/syntheticSession.ts';

const seeds = indexSeedText(seedFileText(100)).seeds;
const AT = '2026-02-01T00:00:00.000Z';

function config(strategy: StrategyId, teacherLimit: number): BatchRunConfig {
  return { seedFile: '/seeds.jsonl', seeds, strategy, limits: { teacher: teacherLimit, augmenter: teacherLimit }, teacher: { model: 't', endpoint: 'test' }, augmenter: { model: 't', endpoint: 'test' }, engine: 'openai' };
}

function session(samples: number, strategy: 'answer-augmentation' | 'new-question'): JournalEvent[] {
  return [...syntheticEvents({ samples, strategy, seeds, seedFile: '/seeds.jsonl', decided: 0.6 })];
}

/** The run-start journaled, and the plan a later process rebuilds from it. */
function planned(events: readonly JournalEvent[], start: RunStartEvent) {
  const state = reduceJournal([...events, start]);
  return { state, context: batchRunContext(start, state, seeds) };
}

describe('batch run-starts', () => {
  it('record the units done before them by naming their own start, and plan the same units as a copy of the keys did', () => {
    const events = session(2_000, 'answer-augmentation');
    const before = reduceJournal(events);
    const start = batchRunStart(config('answer-augmentation', 2_000 + 150), before, 'run-batch-2', AT);
    const basis = start.options['planBasis'] as Record<string, unknown>;
    assert.equal(basis['doneBeforeRun'], 'run-batch-2');
    assert.equal(basis['doneKeys'], undefined, 'no copy of the finished unit keys');
    assert.ok(JSON.stringify(start).length < 1_500, `the run-start does not grow with the session: ${JSON.stringify(start).length} bytes`);

    const { state, context } = planned(events, start);
    assert.ok(context.units.length > 0, 'the budget left plans new units');
    for (const unit of context.units) assert.equal(state.unitSamples.has(unit.key), false, `${unit.key} was done before the run`);
    // The same start as an older SeedSmith wrote it: the done keys copied in.
    const copied: RunStartEvent = { ...start, options: { ...start.options, planBasis: { teacherQueries: basis['teacherQueries'], augmenterCalls: basis['augmenterCalls'], doneKeys: [...before.unitSamples.keys()] } } };
    assert.deepEqual(planned(events, copied).context.units.map((u) => u.key), context.units.map((u) => u.key));
  });

  it('a continued run keeps its first start\'s basis, also one from an older journal', () => {
    const events = session(500, 'answer-augmentation');
    const before = reduceJournal(events);
    const old: RunStartEvent = { ...batchRunStart(config('answer-augmentation', 600), before, 'run-batch-old', AT) };
    const oldBasis = { teacherQueries: 100, augmenterCalls: 100, doneKeys: [...before.unitSamples.keys()] };
    const interrupted: RunStartEvent = { ...old, options: { ...old.options, planBasis: oldBasis } };
    // The interrupted run (no run-end) is continued by the next batch run.
    const withOld = [...events, interrupted];
    const next = batchRunStart(config('answer-augmentation', 600), reduceJournal(withOld), 'run-batch-next', AT);
    assert.deepEqual(next.options['planBasis'], oldBasis);
    assert.deepEqual(planned(withOld, next).context.units.map((u) => u.key), planned(events, interrupted).context.units.map((u) => u.key));
  });

  it('name only the accepted samples a New Question run shows, and show them', () => {
    const events = session(3_000, 'new-question');
    const before = reduceJournal(events);
    const accepted = [...before.reviews].filter(([, r]) => r.state === 'accepted').map(([id]) => id);
    assert.ok(accepted.length > 500, `the session has many accepted samples: ${accepted.length}`);
    const start = batchRunStart(config('new-question', 3_000 + 10), before, 'run-batch-nq', AT);
    assert.ok(start.exampleSampleIds.length > 0 && start.exampleSampleIds.length < 20, `a few examples named: ${start.exampleSampleIds.length}`);
    assert.deepEqual(start.exampleSampleIds, accepted.slice(0, start.exampleSampleIds.length), 'the first accepted, in order');
    const { context } = planned(events, start);
    assert.deepEqual(context.options.acceptedExamples?.map((e) => e.id), start.exampleSampleIds);
    // Planned over every accepted sample, the calls would show exactly these.
    const all: RunStartEvent = { ...start, exampleSampleIds: accepted };
    assert.deepEqual(planned(events, all).context.units.map((u) => JSON.stringify(u)), context.units.map((u) => JSON.stringify(u)));
  });
});
