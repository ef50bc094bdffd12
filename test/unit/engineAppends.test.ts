// Journal lines per sample: a bought answer's settle rides on its completion line, so an Answer
// Augmentation sample costs three appends (reserve, completion, sample), not four, and the
// journal still adds up to the same budget.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ledgerFromState } from '../../src/core/budget/rebuild.ts';
import { GenerationRun } from '../../src/core/engine/runGeneration.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { MemoryJournal } from '../../src/core/journal/memorySink.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { createLiveJournal } from '../../src/core/session/liveJournal.ts';
import { FakeModel } from '../support/engineFakeModel.ts';
import { seedFileText } from '../support/seedFixtures.ts';

const ENDPOINT = 'http://teacher.invalid/v1';

describe('journal appends per sample', () => {
  it('answer augmentation: reserve, completion carrying its settle, sample', async () => {
    const seeds = indexSeedText(seedFileText(6)).seeds;
    const memory = new MemoryJournal();
    const state = reduceJournal([]);
    const session = { journal: createLiveJournal(memory, state), ledger: ledgerFromState(state) };
    const model = new FakeModel();
    const run = new GenerationRun(
      {
        seedFile: 'seeds.jsonl', seeds, strategy: 'answer-augmentation', limits: { teacher: 6, augmenter: 6 },
        teacher: { model: 't', endpoint: ENDPOINT }, augmenter: { model: 'a', endpoint: ENDPOINT }, concurrency: 3,
      },
      { clients: { teacher: model, augmenter: model }, session },
    );
    const finished = await run.start();
    assert.equal(finished.samplesAdded, 6);
    const count = (type: JournalEvent['type']) => memory.events.filter((e) => e.type === type).length;
    assert.deepEqual(
      { reserve: count('reserve'), settle: count('settle'), completion: count('completion'), sample: count('sample') },
      { reserve: 6, settle: 0, completion: 6, sample: 6 },
      'three lines per sample',
    );
    const reserved = new Set(memory.events.flatMap((e) => (e.type === 'reserve' ? [e.attemptId] : [])));
    const carried = memory.events.flatMap((e) => (e.type === 'completion' && e.settle ? [e.settle.attemptId] : []));
    assert.deepEqual(new Set(carried), reserved, 'every reserve is settled by exactly one completion');
    assert.equal(carried.length, reserved.size);
    const reread = reduceJournal(JSON.parse(JSON.stringify(memory.events)) as JournalEvent[]);
    assert.deepEqual(reread.budget.teacher, { limit: 6, spent: 6, completed: 6, uncertain: 0, unsettled: 0, released: 0 });
    assert.deepEqual(session.ledger.role('teacher').completed, 6);
  });
});
