import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetLeft, limitForNextRun, limitInForce, limitsForNextRun, limitsInForce, spentBudget } from '../../src/core/budget/limit.ts';

describe('the limit in force', () => {
  it('is the higher of the number asked for and the session’s own: a session’s limit only grows', () => {
    assert.equal(limitInForce(500, 1000), 1000);
    assert.equal(limitInForce(1500, 1000), 1500);
    assert.equal(limitInForce(500, 0), 500);
    assert.deepEqual(limitsInForce({ teacher: 500, augmenter: 20 }, { teacher: 1000, augmenter: 10 }), { teacher: 1000, augmenter: 20 });
  });

  it('leaves limit − spent − reserved, never below 0', () => {
    assert.equal(budgetLeft(1000, 600), 400);
    assert.equal(budgetLeft(1000, 600, 50), 350);
    assert.equal(budgetLeft(500, 600), 0);
  });

  it('lets a run start while the teacher limit in force has queries left', () => {
    // A CLI run with --budget 1000 spent 600; the editor's setting is 500.
    const limits = limitsInForce({ teacher: 500, augmenter: 500 }, { teacher: 1000, augmenter: 1000 });
    assert.equal(spentBudget(limits, { teacher: 600, augmenter: 0 }), null);
    assert.deepEqual(spentBudget(limits, { teacher: 1000, augmenter: 0 }), { role: 'teacher', limit: 1000, spent: 1000 });
    assert.equal(spentBudget({ teacher: 5, augmenter: 0 }, { teacher: 4, augmenter: 0 }), null, 'a spent augmenter limit alone does not block Answer Augmentation');
  });
});

describe('the limit the next run would have', () => {
  it('is 0 when 0 is asked for: a budget of 0 means send nothing more, whatever the session had', () => {
    assert.equal(limitForNextRun(0, 10), 0);
    assert.equal(limitForNextRun(500, 1000), 1000, 'otherwise the limit in force');
    assert.deepEqual(limitsForNextRun({ teacher: 0, augmenter: 20 }, { teacher: 10, augmenter: 10 }), { teacher: 0, augmenter: 20 });
  });
});
