// The rephrase card's word diff: what the augmenter dropped shows as well as what it added
// (issue 11, item 6), and the parts that were not removed give the rephrasing back as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordDiff, type DiffPart } from '../../webview/wordDiff.ts';

const of = (parts: DiffPart[], kind: DiffPart['kind']) => parts.filter((part) => part.kind === kind).map((part) => part.text.trim());
const shown = (parts: DiffPart[]) => parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join('');
const all = (parts: DiffPart[]) => parts.map((part) => part.text).join('');

describe('wordDiff', () => {
  it('shows a dropped phrase as removed, not only the words added', () => {
    const parts = wordDiff('Tom has 3 boxes of 12 pencils each. How many pencils does he have?', 'Tom has 3 boxes. How many pencils does he have in total?');
    assert.deepEqual(of(parts, 'removed'), ['boxes of 12 pencils each.', 'have?']);
    assert.deepEqual(of(parts, 'added'), ['boxes.', 'have in total?']);
  });

  it('shows a dropped number and a dropped schema line', () => {
    const number = wordDiff('A train goes 60 km per hour for 2 hours.', 'A train goes km per hour for 2 hours.');
    assert.deepEqual(of(number, 'removed'), ['60']);
    assert.deepEqual(of(number, 'added'), []);
    const schema = wordDiff('Table: users(id, name)\nQuestion: list the names', 'Question: list the names');
    assert.deepEqual(of(schema, 'removed'), ['Table: users(id, name)']);
    assert.equal(shown(schema), 'Question: list the names');
  });

  it('gives the rephrasing back exactly from the parts that were not removed, whitespace and line breaks included', () => {
    for (const [before, after] of [
      ['How many apples does Mia have?', 'What number of apples does Mia have?'],
      ['one two three', 'one  two\nthree four'],
      ['Ana reads 15 pages a day.', '  Ana reads 15 pages a day.  '],
      ['a b x', 'a b'],
      ['x y z', 'p q'],
      ['', 'new words'],
    ] as const) {
      assert.equal(shown(wordDiff(before, after)), after, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
  });

  it('keeps removed words apart from the words around them', () => {
    assert.equal(all(wordDiff('a b x', 'a b')), 'a b x');
    assert.equal(all(wordDiff('a x', 'a y z')), 'a x y z');
    assert.equal(all(wordDiff('How many apples?', 'What number of apples?')), 'How many What number of apples?');
  });

  it('marks nothing when the question is unchanged', () => {
    assert.deepEqual(wordDiff('Same question here?', 'Same question here?'), [{ text: 'Same question here?', kind: 'same' }]);
  });
});
