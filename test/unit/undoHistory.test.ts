import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PENDING_REVIEW } from '../../src/core/journal/state.ts';
import { EDITOR_UNDO_SOURCE, UndoHistory, undoDecisionOf } from '../../src/core/review/undoStack.ts';

const accepted = { state: 'accepted', edited: { question: 'q2', answer: 'a2' }, reason: null, decidedAt: 'then', source: 'editor' } as const;

describe('undo history', () => {
  it('keeps the entry when the undo cannot be written (session not writable), so a second try still undoes it', async () => {
    const history = new UndoHistory();
    history.record({ sampleId: 's1', previous: PENDING_REVIEW });
    history.record({ sampleId: 's2', previous: accepted });
    await assert.rejects(history.undo(async () => { throw new Error('Another process is writing this session.'); }), /Another process/);
    assert.equal(history.canUndo, true);
    const written: string[] = [];
    assert.equal(await history.undo(async (entry) => { written.push(entry.sampleId); }), 's2');
    assert.equal(await history.undo(async (entry) => { written.push(entry.sampleId); }), 's1');
    assert.deepEqual(written, ['s2', 's1']);
    assert.equal(history.canUndo, false);
    assert.equal(await history.undo(async () => assert.fail('nothing to undo')), undefined);
  });

  it('restores the review the decision replaced, edits and reason included', () => {
    const event = undoDecisionOf({ sampleId: 's2', previous: accepted }, 'now');
    assert.deepEqual(event, { type: 'decision', at: 'now', sampleId: 's2', decision: 'accept', source: EDITOR_UNDO_SOURCE, edited: { question: 'q2', answer: 'a2' } });
    assert.equal(undoDecisionOf({ sampleId: 's1', previous: PENDING_REVIEW }, 'now').decision, 'reset');
  });
});
