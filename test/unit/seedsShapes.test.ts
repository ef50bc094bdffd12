import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { IndexSeedsOptions, SeedIndex } from '../../src/core/seeds/index.ts';

function index(records: readonly unknown[], options?: IndexSeedsOptions): SeedIndex {
  return indexSeedText(records.map((record) => JSON.stringify(record)).join('\n'), options);
}

function pairs(result: SeedIndex): [string, string][] {
  return result.seeds.map((seed) => [seed.question, seed.answer]);
}

describe('field detection', () => {
  it('reads {question, answer}', () => {
    const result = index([{ question: 'What is 2 + 3?', answer: '2 + 3 = <<2+3=5>>5\n#### 5' }]);
    assert.equal(result.shape, 'question-answer');
    assert.deepEqual(result.fields, { question: 'question', answer: 'answer' });
    assert.deepEqual(pairs(result), [['What is 2 + 3?', '2 + 3 = <<2+3=5>>5\n#### 5']]);
    assert.deepEqual(result.errors, []);
  });

  it('reads {instruction, input?, output}, adding a non-empty input after a blank line', () => {
    const result = index([
      { instruction: 'Add the numbers.', input: '2 and 3', output: '5' },
      { instruction: 'Say hi.', input: '', output: 'hi' },
      { instruction: 'Say bye.', output: 'bye' },
      { instruction: 'Count.', input: '  \n ', output: '0' },
      { instruction: 'Nothing.', input: null, output: 'ok' },
    ]);
    assert.equal(result.shape, 'instruction-output');
    assert.deepEqual(result.fields, { question: 'instruction + input', answer: 'output' });
    assert.deepEqual(pairs(result), [
      ['Add the numbers.\n\n2 and 3', '5'],
      ['Say hi.', 'hi'],
      ['Say bye.', 'bye'],
      ['Count.', '0'],
      ['Nothing.', 'ok'],
    ]);
  });

  it('reads {prompt, completion}', () => {
    const result = index([{ prompt: 'Q: 1 + 1?', completion: ' 2' }]);
    assert.equal(result.shape, 'prompt-completion');
    assert.deepEqual(result.fields, { question: 'prompt', answer: 'completion' });
    assert.deepEqual(pairs(result), [['Q: 1 + 1?', ' 2']]);
  });

  it('reads {messages}: the last assistant turn and the last user turn before it', () => {
    const result = index([
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'first question' },
          { role: 'assistant', content: 'first answer' },
          { role: 'user', content: 'second question' },
          { role: 'assistant', content: 'second answer' },
        ],
      },
      {
        // A trailing user turn has no answer yet: the pair before it is the seed.
        messages: [
          { role: 'user', content: 'asked' },
          { role: 'assistant', content: 'answered' },
          { role: 'user', content: 'follow-up without answer' },
        ],
      },
    ]);
    assert.equal(result.shape, 'messages');
    assert.deepEqual(result.fields, { question: 'messages: last user turn', answer: 'messages: last assistant turn' });
    assert.deepEqual(pairs(result), [
      ['second question', 'second answer'],
      ['asked', 'answered'],
    ]);
  });

  it('reads message content given as text parts, joining texts and skipping other parts', () => {
    const result = index([
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Look:' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'how many?' }] },
          { role: 'assistant', content: [{ type: 'text', text: '#### 3' }] },
        ],
      },
    ]);
    assert.deepEqual(pairs(result), [['Look:\nhow many?', '#### 3']]);
  });

  it('accepts a number as an answer, as its decimal text', () => {
    assert.deepEqual(pairs(index([{ question: 'How many?', answer: 18 }])), [['How many?', '18']]);
  });

  it('prefers question/answer when a record has several layouts', () => {
    const result = index([{ prompt: 'p', completion: 'c', question: 'q', answer: 'a' }]);
    assert.equal(result.shape, 'question-answer');
    assert.deepEqual(pairs(result), [['q', 'a']]);
  });

  it('names a mixed file by its most common shape and warns on each other line', () => {
    const result = index([
      { question: 'q1', answer: 'a1' },
      { prompt: 'p2', completion: 'c2' },
      { question: 'q3', answer: 'a3' },
      { messages: [{ role: 'user', content: 'u4' }, { role: 'assistant', content: 'a4' }] },
      { question: 'q5', answer: 'a5' },
    ]);
    assert.equal(result.shape, 'mixed');
    assert.deepEqual(result.fields, { question: 'question', answer: 'answer' });
    assert.equal(result.seeds.length, 5);
    assert.deepEqual(result.stats.shapes, { 'question-answer': 3, 'instruction-output': 0, 'prompt-completion': 1, messages: 1 });
    assert.deepEqual(
      result.warnings.map((w) => [w.line, w.column, w.code]),
      [
        [2, 1, 'mixed-shape'],
        [4, 1, 'mixed-shape'],
      ],
    );
    assert.match(result.warnings[0]?.message ?? '', /\{prompt, completion\}.*\{question, answer\}/);
    assert.deepEqual(result.errors, []);
  });

  it('takes the most common shape even when another one comes first', () => {
    const result = index([
      { prompt: 'p1', completion: 'c1' },
      { question: 'q2', answer: 'a2' },
      { question: 'q3', answer: 'a3' },
    ]);
    assert.deepEqual(result.fields, { question: 'question', answer: 'answer' });
    assert.deepEqual(result.warnings.map((w) => [w.line, w.code]), [[1, 'mixed-shape']]);
  });

  it('points a mixed-shape warning at an indented object', () => {
    const result = indexSeedText('{"question":"q","answer":"a"}\n{"question":"r","answer":"b"}\n   {"prompt":"p","completion":"c"}\n');
    assert.deepEqual(result.warnings.map((w) => [w.line, w.column]), [[3, 4]]);
  });

  it('reports shape none and no fields when no line is valid', () => {
    const result = indexSeedText('nonsense\n');
    assert.equal(result.shape, 'none');
    assert.equal(result.fields, null);
  });
});

describe('explicit field mapping', () => {
  it('reads dotted paths, with array indices counted from either end', () => {
    const mapping = { question: 'data.turns.0.text', answer: 'data.turns.-1.text' };
    const result = index([{ data: { turns: [{ text: 'Q?' }, { text: 'middle' }, { text: 'A.' }] } }], { mapping });
    assert.equal(result.shape, 'mapping');
    assert.deepEqual(result.fields, mapping);
    assert.deepEqual(pairs(result), [['Q?', 'A.']]);
  });

  it('overrides detection even when a known layout is present', () => {
    const result = index([{ question: 'detected', answer: 'detected', q: 'mapped q', a: 'mapped a' }], { mapping: { question: 'q', answer: 'a' } });
    assert.deepEqual(pairs(result), [['mapped q', 'mapped a']]);
    assert.equal(result.shape, 'mapping');
    assert.deepEqual(result.warnings, []);
  });

  it('reports a path that leads nowhere at the deepest part that exists', () => {
    const line = '{"data": {"q": "Q?"}, "x": 1}';
    const result = indexSeedText(line, { mapping: { question: 'data.q', answer: 'data.a' } });
    assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.code]), [[1, line.indexOf('{"q"') + 1, 'missing-answer']]);
    assert.match(result.errors[0]?.message ?? '', /no answer: nothing at "data\.a"/);
  });

  it('reports a mapped empty or non-text value at the value', () => {
    const first = '{"q": "", "a": "x"}';
    const second = '{"q": "ok", "a": {"x": 1}}';
    const result = indexSeedText(`${first}\n${second}`, { mapping: { question: 'q', answer: 'a' } });
    const objectAt = second.indexOf('{"x"') + 1;
    assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.endColumn, e.code]), [
      [1, first.indexOf('""') + 1, first.indexOf('""') + 3, 'empty-question'],
      [2, objectAt, objectAt + '{"x": 1}'.length, 'invalid-answer'],
    ]);
  });

  it('does not read inherited properties through a path', () => {
    const result = index([{ q: 'Q', a: 'A' }], { mapping: { question: 'q', answer: 'constructor' } });
    assert.equal(result.stats.valid, 0);
    assert.equal(result.errors[0]?.code, 'missing-answer');
  });

  it('refuses a path with an empty segment', () => {
    assert.throws(() => indexSeedText('{}', { mapping: { question: 'a..b', answer: 'c' } }), RangeError);
  });
});
