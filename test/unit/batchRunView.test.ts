// The run section's words for batch runs: one line per batch in flight (submitted, completed,
// failed, expiring at) built from the session's journal and the last polls, carried by the
// sidebar snapshot; and the sentence that announces a batch's end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BatchSettledEvent } from '../../src/core/journal/batchEvents.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { indexSeedText } from '../../src/core/seeds/indexSeeds.ts';
import { batchEndedMessage, batchProgressLines } from '../../src/hostLogic/batchRunView.ts';
import { interruptedRun } from '../../src/hostLogic/interruptedRun.ts';
import { NO_CHOICES } from '../../src/hostLogic/sectionLayout.ts';
import { buildSidebarSnapshot } from '../../src/hostLogic/sidebarSnapshot.ts';

const at = '2026-12-01T00:00:00.000Z';
const runStart: JournalEvent = {
  type: 'run-start', at, runId: 'r1', strategy: 'question-rephrase', seedFile: '/w/seeds.jsonl', seedCount: 2,
  limits: { teacher: 100, augmenter: 100 }, teacher: { model: 'teacher-1', endpoint: 'http://t' }, augmenter: { model: 'teacher-1', endpoint: 'http://t' }, exampleSampleIds: [], options: { batch: 'openai' },
};
const line = (batchKey: string, role: 'teacher' | 'augmenter', i: number): JournalEvent => ({ type: 'batch-line', at, batchKey, customId: `r1:${batchKey}:${i}:1`, role, runId: 'r1', cacheKey: `k${batchKey}${i}`, unitKeys: [`u${i}`] });
const prepared = (batchKey: string, role: 'teacher' | 'augmenter', lines: number): JournalEvent[] => [{ type: 'batch-prepared', at, batchKey, runId: 'r1', role, model: 'teacher-1', engine: 'openai', lines }, ...Array.from({ length: lines }, (_, i) => line(batchKey, role, i))];
const events: JournalEvent[] = [
  runStart,
  ...prepared('b1', 'augmenter', 3),
  { type: 'batch-submitted', at, batchKey: 'b1', batchId: 'batch_1', inputFileId: 'file-1', expiresAt: '2026-12-02T00:00:00.000Z' },
  ...prepared('b2', 'teacher', 2),
];
const settledB1: BatchSettledEvent = { type: 'batch-settled', at, batchKey: 'b1', batchId: 'batch_1', status: 'completed', completed: 3, released: 0, uncertain: 0, unaccounted: [] };

describe('batch progress lines', () => {
  it('says per batch in flight what was submitted, what the last poll counted and when it expires (UTC); a prepared batch is being submitted', () => {
    const state = reduceJournal(events);
    const polls = new Map([['b1', { status: 'in_progress', counts: { total: 3, completed: 2, failed: 1 } }]]);
    assert.deepEqual(batchProgressLines(state.batches, polls), [
      'augmenter batch batch_1: 3 submitted · in_progress, 2 completed, 1 failed · expires 2026-12-02 00:00 UTC',
      'teacher batch of 2 lines: being submitted',
    ]);
    assert.deepEqual(batchProgressLines(state.batches, new Map()), ['augmenter batch batch_1: 3 submitted · waiting for the provider · expires 2026-12-02 00:00 UTC', 'teacher batch of 2 lines: being submitted'], 'before the first poll');
  });

  it('drops a batch once it is settled', () => {
    const state = reduceJournal([...events, settledB1]);
    assert.deepEqual(batchProgressLines(state.batches, new Map()), ['teacher batch of 2 lines: being submitted']);
  });
});

describe('the notification when a batch ends', () => {
  it('counts what completed, what was released and what is spent without an answer', () => {
    assert.equal(batchEndedMessage(settledB1), 'Batch batch_1 ended (completed): 3 completed.');
    assert.equal(batchEndedMessage({ ...settledB1, status: 'expired', completed: 1, released: 1, uncertain: 1, unaccounted: ['x'] }), 'Batch batch_1 ended (expired): 1 completed, 1 released, 1 failed (counted as spent), 1 unaccounted (counted as spent).');
    assert.equal(batchEndedMessage({ ...settledB1, status: 'failed', completed: 0, released: 3, error: 'line 1: bad model' }), 'Batch batch_1 was refused by the provider, nothing ran (3 lines released): line 1: bad model');
    assert.equal(batchEndedMessage({ ...settledB1, batchId: null, status: 'not-submitted', completed: 0, released: 3 }), 'Batch b1 never reached the provider: its 3 lines are released, nothing was spent.');
  });
});

describe('the sidebar snapshot carries the batch run', () => {
  it('puts the lines from the session state and the polls next to the offer, the state and the last result', () => {
    const session = reduceJournal(events);
    const snapshot = buildSidebarSnapshot({
      seedFile: { kind: 'loaded', uri: { path: '/w/seeds.jsonl', toString: () => 'file:///w/seeds.jsonl' }, index: indexSeedText('{"question":"Q?","answer":"A"}\n') },
      displayPath: (uri) => uri.path,
      workspaceTrusted: true,
      session,
      readOnly: null,
      readOnlyFix: null,
      keys: { accept: 'a', reject: 'x', edit: 'e', skip: 'Space', undo: 'u' },
      reserved: { teacher: 0, augmenter: 0 },
      settings: { teacherLimit: 100, augmenterLimit: 100, strategy: 'auto', samplesPerSeed: undefined, questionsPerCall: 5, pricing: {} },
      teacher: { baseUrl: 'http://t', teacherModel: 'teacher-1', augmenterModel: 'teacher-1', hasApiKey: true, connection: { state: 'unknown', message: '' } },
      run: { state: 'idle', blocked: null, progress: null, last: null },
      batch: { offered: true, state: 'cancelling', last: null, polls: new Map([['b1', { status: 'cancelling', counts: { total: 3, completed: 0, failed: 0 } }]]) },
      review: { queue: () => [], cursor: 0, filter: 'pending', strategy: 'all' },
      canUndo: false,
      checks: () => [],
      answers: null,
      sections: NO_CHOICES,
      advisor: { recommendation: null, estimates: [] },
    });
    assert.deepEqual(snapshot.run.batch, {
      offered: true,
      state: 'cancelling',
      last: null,
      lines: ['augmenter batch batch_1: 3 submitted · cancelling, 0 completed, 0 failed · expires 2026-12-02 00:00 UTC', 'teacher batch of 2 lines: being submitted'],
    });
  });
});

describe('a batch run left in flight is not a run cut short', () => {
  it('says nothing of an interrupted run while its batches are out (the batch lines say it), and reports it once they are settled', () => {
    const now = { runningHere: false, writtenElsewhere: false };
    assert.equal(interruptedRun(reduceJournal(events), now), null);
    const settled = reduceJournal([...events, settledB1, { ...settledB1, batchKey: 'b2', batchId: null, status: 'not-submitted', completed: 0, released: 2 }]);
    assert.equal(interruptedRun(settled, now)?.runId, 'r1');
  });
});
