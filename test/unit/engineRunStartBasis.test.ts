// A run-start records what its run planned with, but never a copy of the session's finished unit
// keys (issue 12: on a 100,000-sample session each run-start grew the journal by megabytes). The
// units done before a run are derived from the journal: the samples journaled before it started.
// A resume plans exactly as the run it continues, also after a chain of crashes, and a journal
// written before this change (with `planBasis.doneKeys`) still resumes the same way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ledgerFromState } from '../../src/core/budget/rebuild.ts';
import { GenerationRun } from '../../src/core/engine/runGeneration.ts';
import type { GenerationConfig } from '../../src/core/engine/runGeneration.ts';
import type { JournalEvent, RunStartEvent } from '../../src/core/journal/events.ts';
import { MemoryJournal } from '../../src/core/journal/memorySink.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { ChatClient } from '../../src/core/model/chat.ts';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { createLiveJournal } from '../../src/core/session/liveJournal.ts';
import { waitFor } from '../support/engineCli.ts';
import { FakeModel } from '../support/engineFakeModel.ts';
import { completionsIn, samplesIn } from '../support/engineLineage.ts';
import { seedFileText } from '../support/seedFixtures.ts';

const ENDPOINT = 'http://teacher.invalid/v1';
const manySeeds = indexSeedText(seedFileText(40)).seeds;
const fourSeeds = indexSeedText(seedFileText(4)).seeds;

function reopen(events: readonly JournalEvent[]) {
  const memory = new MemoryJournal();
  memory.events.push(...events.map((e) => JSON.parse(JSON.stringify(e)) as JournalEvent));
  const state = reduceJournal(memory.events);
  return { memory, session: { journal: createLiveJournal(memory, state), ledger: ledgerFromState(state) } };
}

function generation(session: ReturnType<typeof reopen>['session'], model: ChatClient, strategy: StrategyId, budget: number, extra: Partial<GenerationConfig> = {}): GenerationRun {
  return new GenerationRun(
    {
      seedFile: 'seeds.jsonl', seeds: strategy === 'answer-augmentation' ? manySeeds : fourSeeds, strategy, limits: { teacher: budget, augmenter: budget },
      teacher: { model: 't', endpoint: ENDPOINT }, augmenter: { model: 'a', endpoint: ENDPOINT }, concurrency: 1, ...extra,
    },
    { clients: { teacher: model, augmenter: model }, session },
  );
}

const starts = (events: readonly JournalEvent[]): RunStartEvent[] => events.filter((e): e is RunStartEvent => e.type === 'run-start');

function orphans(events: readonly JournalEvent[]): number {
  const cited = new Set(samplesIn(events).flatMap((s) => s.calls.map((c) => c.cacheKey)));
  return completionsIn(events).filter((e) => !cited.has(e.cacheKey)).length;
}

/** A run that dies (its process killed) once `answered` calls were served. */
async function crashAfter(events: readonly JournalEvent[], answered: number, strategy: StrategyId, budget: number, extra: Partial<GenerationConfig> = {}): Promise<JournalEvent[]> {
  const opened = reopen(events);
  const dying = new FakeModel();
  dying.hangAfter = answered;
  void generation(opened.session, dying, strategy, budget, extra).start();
  await waitFor(() => dying.hanging > 0, 'the process to stop answering', 2000, 1);
  return [...opened.memory.events];
}

describe('run-start plan basis', () => {
  it('does not copy the finished unit keys: a run on a session with many done units starts with a small run-start', async () => {
    const first = reopen([]);
    const done = await generation(first.session, new FakeModel(), 'answer-augmentation', 40).start();
    assert.equal(done.reason, 'done');
    const keys = [...new Set(samplesIn(first.memory.events).map((s) => s.unitKey))];
    assert.equal(keys.length, 40);
    // Accepted samples are examples only New Question shows: another strategy's run-start lists none.
    for (const sample of samplesIn(first.memory.events)) await first.session.journal.append({ type: 'decision', at: new Date().toISOString(), sampleId: sample.id, decision: 'accept', source: 'cli' });
    // A second run, budget raised by 2: it plans around the 40 units done.
    const more = await generation(first.session, new FakeModel(), 'answer-augmentation', 42).start();
    assert.equal(more.reason, 'done');
    assert.equal(more.samplesAdded, 2, 'the second run plans only units not done before');
    const start = starts(first.memory.events)[1]!;
    const text = JSON.stringify(start);
    for (const key of keys) assert.ok(!text.includes(key), `the run-start copies the done unit key ${key}`);
    assert.equal((start.options['planBasis'] as Record<string, unknown>)['doneKeys'], undefined);
    assert.deepEqual(start.exampleSampleIds, []);
    assert.ok(text.length < 1500, `run-start of ${text.length} bytes`);
  });

  it('a New Question run reads and names only the accepted samples its calls show, and its resume shows the same', async () => {
    const first = reopen([]);
    assert.equal((await generation(first.session, new FakeModel(), 'answer-augmentation', 40).start()).reason, 'done');
    const accepted = samplesIn(first.memory.events).map((s) => s.id);
    for (const id of accepted) await first.session.journal.append({ type: 'decision', at: new Date().toISOString(), sampleId: id, decision: 'accept', source: 'cli' });
    // 40 accepted; a New Question run of 2 calls (4 questions, 2 per call) shows 2 per call.
    const options = { questionsPerCall: 2 };
    const crashed = await crashAfter(first.memory.events, 3, 'new-question', 44, options);
    const start = starts(crashed).at(-1)!;
    assert.deepEqual(start.exampleSampleIds, accepted.slice(0, 4), 'the run-start names the 4 accepted samples its 2 calls show, not all 40');
    const resumed = reopen(crashed);
    const finished = await generation(resumed.session, new FakeModel(), 'new-question', 44, options).start();
    assert.equal(finished.reason, 'done', finished.message ?? '');
    const events = resumed.memory.events;
    assert.deepEqual(starts(events).at(-1)!.exampleSampleIds, accepted.slice(0, 4));
    const shown = samplesIn(events).filter((s) => s.strategy === 'new-question').map((s) => s.exampleSampleIds.join(','));
    assert.deepEqual([...new Set(shown)], [accepted.slice(0, 2).join(','), accepted.slice(2, 4).join(',')]);
    assert.equal(orphans(events), 0, 'completions bought that no sample uses');
  });

  it('a chain of crashes resumes the first crashed run\'s plan: no unit twice, nothing bought that feeds nothing', async () => {
    // 4 seeds, 4 units of 2 rephrasings (3 calls each) on 8 queries. The first process dies after
    // one unit, the resume after one more; the third process must plan the same 4 units and
    // finish the last 2.
    const options = { questionsPerCall: 2 };
    const a = await crashAfter([], 3, 'question-rephrase', 8, options);
    assert.equal(samplesIn(a).length, 2);
    const b = await crashAfter(a, 3, 'question-rephrase', 8, options);
    assert.equal(samplesIn(b).length, 4);
    const third = reopen(b);
    const finished = await generation(third.session, new FakeModel(), 'question-rephrase', 8, options).start();
    const events = third.memory.events;
    assert.equal(finished.reason, 'done', finished.message ?? '');
    assert.equal(samplesIn(events).length, 8);
    assert.equal(new Set(samplesIn(events).map((s) => s.unitKey)).size, 4);
    assert.equal(orphans(events), 0, 'completions bought that no sample uses');
    assert.equal(finished.ledger.teacher.spent, 8);
  });

  it('an old journal whose run-start carries doneKeys resumes exactly as a new one', async () => {
    // A finished run, then a crashed run on a raised budget: its basis lists the finished run's units.
    const options = { questionsPerCall: 2 };
    const done = reopen([]);
    await generation(done.session, new FakeModel(), 'question-rephrase', 4, options).start();
    const crashed = await crashAfter(done.memory.events, 3, 'question-rephrase', 8, options);
    const crashedStart = starts(crashed)[1]!;
    const basis = crashedStart.options['planBasis'] as { teacherQueries: number; augmenterCalls: number };
    const doneBefore = [...new Set(samplesIn(crashed).filter((s) => s.runId !== crashedStart.runId).map((s) => s.unitKey))];
    assert.ok(doneBefore.length > 0);
    // What the previous version wrote: the keys themselves.
    const legacy = crashed.map((e) => (e === crashedStart ? { ...crashedStart, options: { ...crashedStart.options, planBasis: { teacherQueries: basis.teacherQueries, augmenterCalls: basis.augmenterCalls, doneKeys: doneBefore } } } : e));

    const resumeNew = reopen(crashed);
    const fromNew = await generation(resumeNew.session, new FakeModel(), 'question-rephrase', 8, options).start();
    const resumeOld = reopen(legacy);
    const fromOld = await generation(resumeOld.session, new FakeModel(), 'question-rephrase', 8, options).start();
    assert.equal(fromOld.reason, fromNew.reason, fromOld.message ?? '');
    assert.ok(fromNew.samplesAdded > 0, 'the resume finishes units the crash left');
    assert.equal(fromOld.samplesAdded, fromNew.samplesAdded);
    const ids = (events: readonly JournalEvent[]) => samplesIn(events).map((s) => s.id).sort();
    assert.deepEqual(ids(resumeOld.memory.events), ids(resumeNew.memory.events));
    assert.equal(orphans(resumeOld.memory.events), 0);
    assert.equal(fromOld.ledger.teacher.spent, fromNew.ledger.teacher.spent);
    assert.ok(fromOld.ledger.teacher.spent <= 8);
  });
});
