// AnswerGroups: which answer each sample gave is kept by ordinal, not by id string per group, and
// the groups' values in typed arrays; the counts each check sees are what the per-group id maps
// and value objects gave before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerGroups } from '../../src/core/checks/agreement.ts';
import { extractAnswer } from '../../src/core/checks/answerValue.ts';

const others = (groups: AnswerGroups, question: string, id: string) => {
  const found = groups.othersOf(question, id);
  assert.ok(found, `a group for ${question}`);
  return { values: found.values.map((v) => `${v.answer.raw}×${v.count}`), unreadable: found.unreadable };
};

describe('AnswerGroups', () => {
  it('leaves each sample its own answer out, counts a sample once per group, and keeps one noted in two groups in both', () => {
    const groups = new AnswerGroups();
    groups.note('aaaaaaaaaaa1', 'q1', extractAnswer('#### 5'));
    groups.note('aaaaaaaaaaa2', 'q1', extractAnswer('#### 5'));
    groups.note('aaaaaaaaaaa3', 'q1', extractAnswer('no number here'));
    groups.note('not-a-hex-id', 'q1', extractAnswer('#### 7'));
    // Noted again in the same group: counted once.
    groups.note('aaaaaaaaaaa1', 'q1', extractAnswer('#### 5'));
    // Its question edited: the same sample noted under another question counts there too.
    groups.note('aaaaaaaaaaa1', 'q2', extractAnswer('#### 9'));
    groups.note('aaaaaaaaaaa4', 'q2', extractAnswer('#### 9'));

    assert.deepEqual(others(groups, 'q1', 'aaaaaaaaaaa1'), { values: ['5×1', '7×1'], unreadable: 1 });
    assert.deepEqual(others(groups, 'q1', 'aaaaaaaaaaa3'), { values: ['5×2', '7×1'], unreadable: 0 });
    assert.deepEqual(others(groups, 'q1', 'not-a-hex-id'), { values: ['5×2'], unreadable: 1 });
    assert.deepEqual(others(groups, 'q2', 'aaaaaaaaaaa1'), { values: ['9×1'], unreadable: 0 });
    assert.deepEqual(others(groups, 'q2', 'aaaaaaaaaaa4'), { values: ['9×1'], unreadable: 0 });
    // A sample that was never noted sees every answer.
    assert.deepEqual(others(groups, 'q2', 'bbbbbbbbbbbb'), { values: ['9×2'], unreadable: 0 });
    assert.equal(groups.othersOf('q3', 'aaaaaaaaaaa1'), undefined);
  });

  it('counts answers written differently with the same value as one value, shown as first written', () => {
    const groups = new AnswerGroups();
    groups.note('aaaaaaaaaaa1', 'q', extractAnswer('#### $1,200'));
    groups.note('aaaaaaaaaaa2', 'q', extractAnswer('#### 1200.00'));
    groups.note('aaaaaaaaaaa3', 'q', extractAnswer('#### 1200'));
    groups.note('aaaaaaaaaaa4', 'q', extractAnswer('#### 7'));
    assert.deepEqual(others(groups, 'q', 'aaaaaaaaaaa4'), { values: ['$1,200×3'], unreadable: 0 });
    // Not only numbers: a label or a word answer is one value however it is cased or punctuated.
    groups.note('bbbbbbbbbbb1', 'capital', extractAnswer('#### Paris'));
    groups.note('bbbbbbbbbbb2', 'capital', extractAnswer('#### paris.'));
    groups.note('bbbbbbbbbbb3', 'capital', extractAnswer('#### Lyon'));
    assert.deepEqual(others(groups, 'capital', 'bbbbbbbbbbb3'), { values: ['Paris×2'], unreadable: 0 });
    const seen = groups.othersOf('q', 'aaaaaaaaaaa1')!;
    assert.deepEqual(seen.values.map((v) => [v.answer.value, v.count]), [[{ kind: 'number', value: 1200, percent: false }, 2], [{ kind: 'number', value: 7, percent: false }, 1]]);
  });

  it('holds thousands of samples past its first arrays', () => {
    const groups = new AnswerGroups();
    for (let i = 0; i < 5000; i += 1) groups.note(i.toString(16).padStart(12, '0'), `q${i % 7}`, extractAnswer(`#### ${i % 3}`));
    const countOthers = (id: string) => groups.othersOf('q0', id)!.values.reduce((n, v) => n + v.count, 0);
    const total = countOthers('never-noted');
    assert.equal(total, Math.ceil(5000 / 7));
    assert.equal(countOthers((4998).toString(16).padStart(12, '0')), total - 1);
    // Each group's values in the order first given, with their counts.
    assert.deepEqual(others(groups, 'q0', 'never-noted').values, ['0×239', '1×238', '2×238']);
  });
});
