// AnswerGroups: which answer each sample gave is kept by ordinal, not by id string per group; the
// counts each check sees are what the per-group id maps gave before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerGroups } from '../../src/core/checks/agreement.ts';
import { extractAnswer } from '../../src/core/checks/answerValue.ts';

const others = (groups: AnswerGroups, question: string, id: string) => {
  const group = groups.get(question);
  assert.ok(group, `a group for ${question}`);
  const { values, unreadable } = group.othersOf(groups.ownIn(group, id));
  return { values: values.map((v) => `${v.answer.raw}×${v.count}`), unreadable };
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
    assert.equal(groups.get('q3'), undefined);
  });

  it('holds thousands of samples past its first arrays', () => {
    const groups = new AnswerGroups();
    for (let i = 0; i < 5000; i += 1) groups.note(i.toString(16).padStart(12, '0'), `q${i % 7}`, extractAnswer(`#### ${i % 3}`));
    const group = groups.get('q0')!;
    const own = groups.ownIn(group, (4998).toString(16).padStart(12, '0'));
    const total = group.othersOf(undefined).values.reduce((n, v) => n + v.count, 0);
    assert.equal(total, Math.ceil(5000 / 7));
    assert.equal(group.othersOf(own).values.reduce((n, v) => n + v.count, 0), total - 1);
  });
});
