// Stale gutter marks (issue 11, item 5): after switching seed files, the previous file's editor
// must lose its "pending" dots.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gutterMarks } from '../../src/hostLogic/gutterMarks.ts';

describe('gutter marks', () => {
  it('clears the marks of a visible editor that is no longer the seed file', () => {
    const editors = ['old.jsonl', 'new.jsonl', 'notes.md'];
    const marks = gutterMarks(editors, (e) => e === 'new.jsonl', () => [2, 5]);
    assert.deepEqual(marks, [
      { editor: 'old.jsonl', lines: [] },
      { editor: 'new.jsonl', lines: [2, 5] },
      { editor: 'notes.md', lines: [] },
    ]);
  });
});
