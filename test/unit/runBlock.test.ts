import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runBlock, type RunStartInputs } from '../../src/hostLogic/runBlock.ts';

const ready: RunStartInputs = {
  workspaceTrusted: true,
  seedFile: { kind: 'loaded', validSeeds: 10, badLines: 0, onThisComputer: true },
  teacherModel: 'teacher',
  hasApiKey: true,
  readOnly: false,
  limits: { teacher: 500, augmenter: 500 },
  session: { teacher: { limit: 0, spent: 0 }, augmenter: { limit: 0, spent: 0 } },
};

describe('can a run start (the editor’s Generate)', () => {
  it('lets a run start after a CLI run with --budget 1000 spent 600 while the setting says 500', () => {
    const after = { ...ready, session: { teacher: { limit: 1000, spent: 600 }, augmenter: { limit: 1000, spent: 0 } } };
    assert.equal(runBlock(after), null);
  });

  it('says the limit in force is spent, naming the session’s own limit when it is higher', () => {
    assert.deepEqual(runBlock({ ...ready, session: { teacher: { limit: 1000, spent: 1000 }, augmenter: { limit: 1000, spent: 0 } } }), { kind: 'budget-spent', limit: 1000, spent: 1000 });
    assert.deepEqual(runBlock({ ...ready, session: { teacher: { limit: 0, spent: 500 }, augmenter: { limit: 0, spent: 0 } } }), { kind: 'budget-spent', limit: 500, spent: 500 });
  });

  it('names the first thing in the way, in the order a person fixes them', () => {
    assert.deepEqual(runBlock({ ...ready, workspaceTrusted: false, hasApiKey: false }), { kind: 'untrusted' });
    assert.deepEqual(runBlock({ ...ready, seedFile: { kind: 'none' } }), { kind: 'no-seed-file' });
    assert.deepEqual(runBlock({ ...ready, seedFile: { kind: 'loaded', validSeeds: 0, badLines: 2, onThisComputer: true } }), { kind: 'no-valid-seed', badLines: 2 });
    assert.deepEqual(runBlock({ ...ready, seedFile: { kind: 'loaded', validSeeds: 3, badLines: 0, onThisComputer: false } }), { kind: 'seed-file-not-local' });
    assert.deepEqual(runBlock({ ...ready, teacherModel: '', hasApiKey: false }), { kind: 'no-teacher-model' });
    assert.deepEqual(runBlock({ ...ready, hasApiKey: false }), { kind: 'no-api-key' });
    assert.deepEqual(runBlock({ ...ready, readOnly: true }), { kind: 'read-only' });
  });

  it('tells an empty seed file from one whose every line is bad: the Problems panel has nothing for an empty one', () => {
    assert.deepEqual(runBlock({ ...ready, seedFile: { kind: 'loaded', validSeeds: 0, badLines: 0, onThisComputer: true } }), { kind: 'no-valid-seed', badLines: 0 });
  });

  it('calls a budget of 0 what it is, not a spent budget, even when the session had a higher limit', () => {
    const zero = { ...ready, limits: { teacher: 0, augmenter: 0 } };
    assert.deepEqual(runBlock(zero), { kind: 'no-budget' });
    assert.deepEqual(runBlock({ ...zero, session: { teacher: { limit: 10, spent: 7 }, augmenter: { limit: 10, spent: 0 } } }), { kind: 'no-budget' });
  });
});
