// A line nested thousands of levels deep is one bad (or odd) line, not a crash: JSON.parse takes
// any depth, so whatever looks at the line afterwards (where a syntax error is, where a field is)
// must not recurse on the depth either.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { seedLine } from '../support/seedFixtures.ts';

const DEPTH = 20_000;
const open = '['.repeat(DEPTH);
const close = ']'.repeat(DEPTH);

describe('deeply nested lines', () => {
  it('an unclosed line nested 20,000 levels is an invalid-json error at its end; the other lines are used', () => {
    const bad = `{"question": "q", "answer": "a", "x": ${open}`;
    const result = indexSeedText([seedLine(0), bad, seedLine(1)].join('\n'));
    assert.deepEqual(result.seeds.map((s) => s.line), [1, 3]);
    assert.equal(result.errors.length, 1);
    const error = result.errors[0]!;
    assert.deepEqual([error.line, error.column, error.code], [2, bad.length + 1, 'invalid-json']);
    assert.match(error.message, /the line ends before the array is closed/);
  });

  it('a syntax error deep inside points at the offending token', () => {
    const bad = `{"question": "q", "answer": "a", "x": ${open}1 2${close}}`;
    const error = indexSeedText(bad).errors[0]!;
    assert.deepEqual([error.code, error.column, error.endColumn], ['invalid-json', bad.indexOf('1 2') + 3, bad.indexOf('1 2') + 4]);
    assert.match(error.message, /expected ',' or '\]' after a value/);
  });

  it('a question that is a deeply nested array is an invalid-question error spanning the value', () => {
    const bad = `{"question": ${open}${close}, "answer": "a"}`;
    const result = indexSeedText(`${bad}\n${seedLine(1)}`);
    assert.deepEqual(result.seeds.map((s) => s.line), [2]);
    const error = result.errors[0]!;
    assert.deepEqual([error.line, error.code, error.column, error.endColumn], [1, 'invalid-question', bad.indexOf('[') + 1, bad.indexOf('[') + 1 + 2 * DEPTH]);
  });

  it('a repeated question on a deeply nested line is warned at the question', () => {
    const deep = `{"x": ${open}${close}, "question": "Same?", "answer": "a"}`;
    const result = indexSeedText(`{"question": "Same?", "answer": "b"}\n${deep}`);
    assert.equal(result.errors.length, 0);
    const warning = result.warnings[0]!;
    assert.deepEqual([warning.code, warning.line, warning.column], ['duplicate-question', 2, deep.indexOf('"Same?"') + 1]);
  });

  it('a mapped field behind a deeply nested value is found', () => {
    const deep = `{"d": {"q": ${open}${close}, "a": "A"}}`;
    const result = indexSeedText(deep, { mapping: { question: 'd.q', answer: 'd.a' } });
    const error = result.errors[0]!;
    assert.deepEqual([error.code, error.column], ['invalid-question', deep.indexOf('[') + 1]);
  });
});
