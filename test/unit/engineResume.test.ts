// Resuming after a crash, step by step and exactly (a scripted model, an in-memory journal
// "reopened" from the events a killed process left): the resumed run finishes the crashed run's
// work from the cache without buying anything that then feeds no sample, and once the crash is
// behind, a run does what it is asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ledgerFromState } from '../../src/core/budget/rebuild.ts';
import type { RunFinished } from '../../src/core/engine/engineEvents.ts';
import { GenerationRun } from '../../src/core/engine/runGeneration.ts';
import type { GenerationConfig } from '../../src/core/engine/runGeneration.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import type { ChatClient } from '../../src/core/model/chat.ts';
import { MemoryJournal } from '../../src/core/journal/memorySink.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { createLiveJournal } from '../../src/core/session/liveJournal.ts';
import { waitFor } from '../support/engineCli.ts';
import { FakeModel } from '../support/engineFakeModel.ts';
import { completionsIn, samplesIn } from '../support/engineLineage.ts';
import { seedFileText } from '../support/seedFixtures.ts';

const ENDPOINT = 'http://teacher.invalid/v1';
const seeds = indexSeedText(seedFileText(4)).seeds;

/** A session opened on the events a previous process left (nothing else survives a kill). */
function reopen(events: readonly JournalEvent[]) {
  const memory = new MemoryJournal();
  memory.events.push(...events.map((e) => JSON.parse(JSON.stringify(e)) as JournalEvent));
  const state = reduceJournal(memory.events);
  return { memory, session: { journal: createLiveJournal(memory, state), ledger: ledgerFromState(state) } };
}

function generation(session: ReturnType<typeof reopen>['session'], model: ChatClient, strategy: StrategyId, budget: number, extra: Partial<GenerationConfig> = {}): GenerationRun {
  return new GenerationRun(
    {
      seedFile: 'seeds.jsonl', seeds, strategy, limits: { teacher: budget, augmenter: budget },
      teacher: { model: 't', endpoint: ENDPOINT }, augmenter: { model: 'a', endpoint: ENDPOINT }, concurrency: 1, ...extra,
    },
    { clients: { teacher: model, augmenter: model }, session },
  );
}

/** Completion events no sample cites: purchases that fed nothing. */
function orphans(events: readonly JournalEvent[]): string[] {
  const cited = new Set(samplesIn(events).flatMap((s) => s.calls.map((c) => c.cacheKey)));
  return completionsIn(events).filter((e) => !cited.has(e.cacheKey)).map((e) => `${e.role}: ${e.result.content.slice(0, 80)}`);
}

describe('resuming after a crash', () => {
  it('question rephrase: finishes the crashed run\'s units as planned, and every purchase feeds a sample', async () => {
    // 4 seeds, 2 rephrasings per augmenter call, 8 teacher queries: four units of 2. The first
    // process answers 6 calls (two whole units: 4 samples), then dies with unit 3's call out.
    const first = reopen([]);
    const dying = new FakeModel();
    dying.hangAfter = 6;
    void generation(first.session, dying, 'question-rephrase', 8, { questionsPerCall: 2 }).start();
    await waitFor(() => dying.hanging > 0, 'the first process to stop answering', 2000, 1);
    const left = [...first.memory.events];
    assert.equal(samplesIn(left).length, 4);

    const second = reopen(left);
    const healthy = new FakeModel();
    const finished: RunFinished = await generation(second.session, healthy, 'question-rephrase', 8, { questionsPerCall: 2 }).start();
    const events = second.memory.events;
    assert.equal(finished.reason, 'done', finished.message ?? '');
    assert.deepEqual(orphans(events), [], 'completions bought that no sample uses');
    // The two unfinished units get their 2 rephrasings each, as first planned: 8 samples, 8 answers.
    assert.equal(samplesIn(events).length, 8);
    assert.equal(completionsIn(events).filter((e) => e.role === 'teacher').length, 8);
    assert.equal(finished.ledger.teacher.spent, 8);
  });

  it('question rephrase: a resumed unit whose first answer is in the cache does not let another unit start on the budget its next answer needs', async () => {
    // 4 units of 2 on a budget of 8. The first process answers unit 1's rephrasing and first
    // answer, then dies with the second answer out (spent: it may have been billed). 6 queries
    // are left for 7 answers: the resume can finish unit 1 and two more units, and must then stop
    // at its own admission check, never start a unit whose augmenter call then feeds nothing.
    const first = reopen([]);
    const dying = new FakeModel();
    dying.hangAfter = 2;
    void generation(first.session, dying, 'question-rephrase', 8, { questionsPerCall: 2 }).start();
    await waitFor(() => dying.hanging > 0, 'the first process to stop answering', 2000, 1);
    const left = [...first.memory.events];
    assert.equal(samplesIn(left).length, 1);

    const second = reopen(left);
    // Each call waits a turn of the event loop before it is sent, as a real one waits for a
    // connection slot: a unit can end while another's call is asked for and not yet reserved.
    const model = new FakeModel();
    const queued: ChatClient = { complete: async (request, meter) => {
      await new Promise((resolve) => setImmediate(resolve));
      return model.complete(request, meter);
    } };
    const finished = await generation(second.session, queued, 'question-rephrase', 8, { questionsPerCall: 2, concurrency: 4 }).start();
    const events = second.memory.events;
    assert.equal(finished.reason, 'budget');
    assert.match(finished.message ?? '', /budget left cannot answer the next unit/, 'stopped by the admission check, not by a refused reservation');
    assert.deepEqual(orphans(events), [], 'completions bought that no sample uses');
    assert.equal(samplesIn(events).length, 1 + 1 + 2 + 2);
    assert.equal(finished.ledger.teacher.spent, 7);
  });

  it('after a crash and its resume, a later run uses the strategy it asks for', async () => {
    // A crashed Answer Augmentation run: its start is in the journal, its end is not.
    const crashed: JournalEvent = {
      type: 'run-start', at: new Date().toISOString(), runId: 'run-crashed', strategy: 'answer-augmentation', seedFile: 'seeds.jsonl', seedCount: 4,
      limits: { teacher: 4, augmenter: 4 }, teacher: { model: 't', endpoint: ENDPOINT }, augmenter: { model: 'a', endpoint: ENDPOINT }, exampleSampleIds: [], options: {},
    };
    const { memory, session } = reopen([crashed]);
    const model = new FakeModel();
    const resumed = await generation(session, model, 'question-rephrase', 4).start();
    assert.equal(resumed.reason, 'done');
    const later = await generation(session, model, 'new-question', 10).start();
    assert.equal(later.reason, 'done');
    const starts = memory.events.filter((e) => e.type === 'run-start').map((e) => (e.type === 'run-start' ? e.strategy : null));
    // The resume finishes the crashed run's work with its strategy; the run after it is a new run.
    assert.deepEqual(starts, ['answer-augmentation', 'answer-augmentation', 'new-question']);
  });
});
