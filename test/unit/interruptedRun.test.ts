// A run cut short by a reload (issue 11, item 11): the journal has its run-start and no run-end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEvent, RunStartEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { interruptedRun } from '../../src/hostLogic/interruptedRun.ts';

const at = '2026-12-01T10:00:00.000Z';
const start = (runId: string): RunStartEvent => ({
  type: 'run-start', at, runId, strategy: 'answer-augmentation', seedFile: '/w/seeds.jsonl', seedCount: 2,
  limits: { teacher: 10, augmenter: 10 }, teacher: { model: 't', endpoint: 'http://t' }, augmenter: { model: 't', endpoint: 'http://t' }, exampleSampleIds: [], options: {},
});
const bought = (runId: string, n: number, settle = true): JournalEvent[] => Array.from({ length: n }, (_, i) => [
  { type: 'reserve', at, attemptId: `${runId}-${settle}-${i}`, role: 'teacher', runId } as const,
  ...(settle ? [{ type: 'settle', at, attemptId: `${runId}-${settle}-${i}`, role: 'teacher', outcome: { kind: 'completed', status: 200 } } as const] : []),
]).flat();
const idle = { runningHere: false, writtenElsewhere: false };

describe('a run cut short', () => {
  it('is the last run when it has no end: with what it spent, in-flight requests included (they may have been billed)', () => {
    const session = reduceJournal([start('r1'), ...bought('r1', 3), ...bought('r1', 2, false)]);
    assert.deepEqual(interruptedRun(session, idle), { runId: 'r1', startedAt: at, samples: 0, teacherSpent: 5, augmenterSpent: 0 });
  });

  it('is not news while a run is going here or another process writes the session', () => {
    const session = reduceJournal([start('r1'), ...bought('r1', 1)]);
    assert.equal(interruptedRun(session, { runningHere: true, writtenElsewhere: false }), null);
    assert.equal(interruptedRun(session, { runningHere: false, writtenElsewhere: true }), null);
  });

  it('is not news once a later run ended, or when the last run ended', () => {
    const ended: JournalEvent = { type: 'run-end', at, runId: 'r2', reason: 'done' } as JournalEvent;
    assert.equal(interruptedRun(reduceJournal([start('r1'), start('r2'), ended]), idle), null);
    assert.equal(interruptedRun(reduceJournal([]), idle), null);
  });
});
