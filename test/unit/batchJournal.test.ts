// The batch events in the journal: a batch line is a reservation (spent until settled), its
// settle by custom_id releases or spends it once, a line journaled twice counts once, and the
// reader's shape checks refuse batch events it could miscount.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { checkEvent } from '../../src/core/journal/validate.ts';

const at = '2026-12-05T00:00:00.000Z';
const start: JournalEvent = { type: 'run-start', at, runId: 'r1', strategy: 'answer-augmentation', seedFile: '/s.jsonl', seedCount: 3, limits: { teacher: 10, augmenter: 10 }, teacher: { model: 'm', endpoint: 'e' }, augmenter: { model: 'm', endpoint: 'e' }, exampleSampleIds: [], options: { batch: 'openai' } };
const prepared: JournalEvent = { type: 'batch-prepared', at, batchKey: 'r1.b1', runId: 'r1', role: 'teacher', model: 'm', engine: 'openai', lines: 3 };
const line = (i: number): JournalEvent => ({ type: 'batch-line', at, batchKey: 'r1.b1', customId: `r1:s${i}:1`, role: 'teacher', runId: 'r1', cacheKey: `k${i}`, unitKeys: [`u${i}`] });

describe('batch events in the journal', () => {
  it('a batch line is spent until settled; released lines give the budget back, once', () => {
    const events = [start, prepared, line(0), line(1), line(2)];
    const out = reduceJournal(events);
    assert.equal(out.budget.teacher.spent, 3);
    assert.equal(out.budget.teacher.unsettled, 3);
    assert.equal(out.batches.get('r1.b1')?.customIds.length, 3);
    assert.equal(out.batchAttempts.get('k1'), 1);
    const settled = reduceJournal([
      ...events,
      { type: 'settle', at, attemptId: 'r1:s0:1', role: 'teacher', outcome: { kind: 'completed', status: 200 } },
      { type: 'settle', at, attemptId: 'r1:s1:1', role: 'teacher', outcome: { kind: 'released', status: null, reason: 'batch_expired' } },
      { type: 'settle', at, attemptId: 'r1:s1:1', role: 'teacher', outcome: { kind: 'released', status: null, reason: 'batch_expired' } },
      { type: 'settle', at, attemptId: 'r1:s2:1', role: 'teacher', outcome: { kind: 'uncertain', reason: 'batch-error' } },
      line(0),
    ]);
    assert.deepEqual({ spent: settled.budget.teacher.spent, completed: settled.budget.teacher.completed, released: settled.budget.teacher.released, uncertain: settled.budget.teacher.uncertain, unsettled: settled.budget.teacher.unsettled }, { spent: 2, completed: 1, released: 1, uncertain: 1, unsettled: 0 });
    assert.ok(settled.warnings.some((w) => /settled twice/.test(w)));
    assert.ok(settled.warnings.some((w) => /journaled twice/.test(w)));
  });

  it('the reader refuses batch events without the fields the reducer counts by', () => {
    assert.equal(checkEvent(line(0)).kind, 'event');
    assert.equal(checkEvent(prepared).kind, 'event');
    assert.equal(checkEvent({ ...line(0), customId: 7 }).kind, 'invalid');
    assert.equal(checkEvent({ ...line(0), role: 'judge' }).kind, 'invalid');
    assert.equal(checkEvent({ ...line(0), unitKeys: 'u0' }).kind, 'invalid');
    assert.equal(checkEvent({ type: 'batch-submitted', at, batchKey: 'r1.b1' }).kind, 'invalid');
    assert.equal(checkEvent({ type: 'batch-settled', at, batchKey: 'r1.b1', batchId: null, status: 'completed', completed: 1, released: 0, uncertain: 0, unaccounted: [3] }).kind, 'invalid');
  });
});
