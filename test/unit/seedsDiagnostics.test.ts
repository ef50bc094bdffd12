import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexSeedText, normalizeQuestion } from '../../src/core/seeds/index.ts';
import type { SeedDiagnostic } from '../../src/core/seeds/index.ts';
import { badSeedFile, seedLine } from '../support/seedFixtures.ts';

/** The single error of a one-line file. */
function errorOf(line: string): SeedDiagnostic {
  const result = indexSeedText(line);
  assert.equal(result.errors.length, 1, `one error expected for ${line}`);
  return result.errors[0] as SeedDiagnostic;
}

/** 1-based column of `marker` in `line`. */
function col(line: string, marker: string): number {
  const at = line.indexOf(marker);
  assert.ok(at >= 0, `${marker} not in ${line}`);
  return at + 1;
}

describe('diagnostics of the bad-lines fixture', () => {
  for (const eol of ['\n', '\r\n'] as const) {
    it(`reports every bad line with its line, column and code, and keeps the good ones (${JSON.stringify(eol)})`, () => {
      const bad = badSeedFile({ eol });
      const result = indexSeedText(bad.text);
      assert.deepEqual(
        result.errors.map((e) => ({ line: e.line, column: e.column, code: e.code })),
        bad.errors.map((e) => ({ line: e.line, column: e.column, code: e.code })),
      );
      assert.deepEqual(
        result.warnings.map((w) => ({ line: w.line, column: w.column, code: w.code, relatedLine: w.relatedLine })),
        bad.warnings,
      );
      assert.deepEqual(result.seeds.map((seed) => seed.line), bad.validLines);
      assert.deepEqual(
        { lines: result.stats.lines, blank: result.stats.blank, valid: result.stats.valid, invalid: result.stats.invalid, duplicates: result.stats.duplicates },
        { lines: bad.lines, blank: bad.blank, valid: bad.validLines.length, invalid: bad.errors.length, duplicates: bad.warnings.length },
      );
      for (const error of result.errors) assert.equal(error.severity, 'error');
    });
  }
});

describe('each error code', () => {
  it('invalid-json: at the offending token, with its extent and plain words', () => {
    const line = '{"question": "Q", "answer": "A" "x": 1}';
    const error = errorOf(line);
    assert.deepEqual(
      { code: error.code, column: error.column, endColumn: error.endColumn, message: error.message },
      { code: 'invalid-json', column: col(line, '"x"'), endColumn: col(line, '"x"') + 3, message: "invalid JSON: expected ',' or '}' after a value" },
    );
  });

  it('not-an-object: names what the line is instead, spanning the value', () => {
    const cases: [string, string][] = [
      ['[1, 2]', 'line is a JSON array, not an object'],
      ['"just text"', 'line is a JSON string, not an object'],
      ['42', 'line is a number, not an object'],
      ['null', 'line is null, not an object'],
      ['true', 'line is true, not an object'],
    ];
    for (const [line, message] of cases) {
      const error = errorOf(`  ${line} `);
      assert.deepEqual([error.code, error.column, error.endColumn, error.message], ['not-an-object', 3, 3 + line.length, message]);
    }
  });

  it('missing-question: at the start of the object', () => {
    const error = errorOf('   {"answer": "#### 4"}');
    assert.deepEqual([error.code, error.column, error.endColumn], ['missing-question', 4, 5]);
    assert.equal(error.message, 'no question: expected a "question" field (or instruction/prompt/messages)');
    assert.match(errorOf('{"output": "x"}').message, /^no question: expected an "instruction" field next to "output"$/);
    assert.match(errorOf('{"completion": "x"}').message, /^no question: expected a "prompt" field next to "completion"$/);
  });

  it('missing-answer: at the start of the object, naming the field of that layout', () => {
    const error = errorOf('{"question": "How many?"}');
    assert.deepEqual([error.code, error.column, error.message], ['missing-answer', 1, 'no answer: expected an "answer" field next to "question"']);
    assert.equal(errorOf('{"instruction": "Do it"}').message, 'no answer: expected a "output" field next to "instruction"');
    assert.equal(errorOf('{"prompt": "p"}').message, 'no answer: expected a "completion" field next to "prompt"');
  });

  it('empty-question and empty-answer: at the value', () => {
    const blank = '{"question": " \\t ", "answer": "A"}';
    const empty = errorOf(blank);
    assert.deepEqual([empty.code, empty.column, empty.endColumn], ['empty-question', col(blank, '" '), col(blank, '" ') + 6]);
    assert.equal(empty.message, 'empty question: "question" has only whitespace');

    const nullAnswer = '{"question": "Q", "answer": null}';
    const error = errorOf(nullAnswer);
    assert.deepEqual([error.code, error.column, error.endColumn, error.message], ['empty-answer', col(nullAnswer, 'null'), col(nullAnswer, 'null') + 4, 'empty answer: "answer" is null']);
    assert.equal(errorOf('{"prompt": "p", "completion": ""}').message, 'empty answer: "completion" is an empty string');
  });

  it('invalid-question and invalid-answer: a value that is not text', () => {
    const line = '{"question": ["a", "b"], "answer": "A"}';
    const error = errorOf(line);
    assert.deepEqual([error.code, error.column], ['invalid-question', col(line, '[')]);
    assert.equal(errorOf('{"question": "Q", "answer": {"n": 1}}').code, 'invalid-answer');
    assert.equal(errorOf('{"instruction": "Q", "input": {"x": 1}, "output": "A"}').code, 'invalid-question');
  });

  it('unknown-shape: at the start of the object, listing the keys found', () => {
    const error = errorOf('{"id": 1, "text": "t"}');
    assert.deepEqual([error.code, error.column], ['unknown-shape', 1]);
    assert.match(error.message, /^unknown shape: found "id", "text"; expected \{question, answer\}/);
    assert.match(errorOf('{}').message, /^unknown shape: the object is empty;/);
  });

  it('messages: a missing turn points at the messages array, an empty one at its content', () => {
    const noAssistant = '{"messages": [{"role": "user", "content": "Q"}]}';
    const a = errorOf(noAssistant);
    assert.deepEqual([a.code, a.column, a.message], ['missing-answer', col(noAssistant, '['), 'no answer: "messages" has no assistant turn']);

    const noUser = '{"messages": [{"role": "system", "content": "S"}, {"role": "assistant", "content": "A"}]}';
    assert.deepEqual([errorOf(noUser).code, errorOf(noUser).column], ['missing-question', col(noUser, '[')]);

    const emptyContent = '{"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": "A"}]}';
    const e = errorOf(emptyContent);
    assert.deepEqual([e.code, e.column, e.message], ['empty-question', col(emptyContent, '""'), 'empty question: "messages[0].content" is an empty string']);

    const noContent = '{"messages": [{"role": "user", "content": "Q"}, {"role": "assistant"}]}';
    const n = errorOf(noContent);
    assert.deepEqual([n.code, n.column], ['missing-answer', col(noContent, '{"role": "assistant"')]);

    const notArray = '{"messages": "hi"}';
    assert.deepEqual([errorOf(notArray).code, errorOf(notArray).column], ['invalid-question', col(notArray, '"hi"')]);
  });
});

describe('JSON syntax errors', () => {
  const cases: { line: string; at: string | number; message: RegExp }[] = [
    { line: '{"question": "Q", "answer": "A",}', at: ',}', message: /^invalid JSON: trailing comma before '\}'$/ },
    { line: "{'question': 'Q'}", at: "'question'", message: /single quotes/ },
    { line: '{"question": "Q", "answer": "A"', at: 32, message: /line ends before the object is closed with '\}' \(a JSONL record must fit on one line\)/ },
    { line: '{"question": "Q', at: '"Q', message: /string is not closed before the end of the line/ },
    { line: '{"question": "a\tb", "answer": "A"}', at: '\t', message: /control character inside a string/ },
    { line: '{"question": "a\\qb", "answer": "A"}', at: '\\q', message: /^invalid JSON: invalid escape "\\q" in a string$/ },
    { line: '{"question": "a\\u12G4", "answer": "A"}', at: '\\u12', message: /invalid \\u escape/ },
    { line: '{"question": "Q", /* note */ "answer": "A"}', at: '/*', message: /comments are not allowed/ },
    { line: '{"question": "Q", "answer": "A"} extra', at: 'extra', message: /^invalid JSON: unexpected text after the end of the object$/ },
    { line: '{"question": "Q", "answer": "A"}}', at: 33, message: /unexpected text after the end of the object/ },
    { line: '{"question": "Q", "answer": 012}', at: '012', message: /a number cannot start with 0/ },
    { line: '{"question": "Q", "answer": ["a" "b"]}', at: '"b"', message: /^invalid JSON: expected ',' or '\]' after a value$/ },
    { line: '{"question" "Q"}', at: '"Q"', message: /^invalid JSON: expected ':' after a property name$/ },
    { line: '{"question": NaN}', at: 'NaN', message: /^invalid JSON: "NaN" is not a JSON value$/ },
    { line: '{question: "Q"}', at: 'question', message: /expected a property name in double quotes/ },
    { line: '{"question": }', at: '}', message: /^invalid JSON: expected a value$/ },
    { line: '{"question": "Q",\u00a0"answer": "A"}', at: '\u00a0', message: /^invalid JSON: invisible character U\+00A0 outside a string$/ },
    { line: '{"question": "Q", "answer": "A"} {"question": "R", "answer": "B"}', at: '{"question": "R"', message: /a second object on the same line/ },
  ];
  for (const { line, at, message } of cases) {
    it(`${line.replace(/\t/g, '\\t')}`, () => {
      const error = errorOf(line);
      assert.equal(error.code, 'invalid-json');
      assert.equal(error.column, typeof at === 'number' ? at : col(line, at));
      assert.match(error.message, message);
    });
  }

  it('names a byte order mark that is not at the start of the file', () => {
    const result = indexSeedText('{"question": "P", "answer": "B"}\n\uFEFF{"question": "Q", "answer": "A"}');
    assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.code]), [[2, 1, 'invalid-json']]);
    assert.match(result.errors[0]?.message ?? '', /^invalid JSON: a byte order mark \(U\+FEFF\) in the middle of the file/);
  });

  it('counts columns in UTF-16 code units, as the editor does', () => {
    const line = '{"question": "𝔸 ☕", "answer": "A" x}';
    const codePoints = [...line.slice(0, line.indexOf('x}'))].length + 1;
    assert.equal(errorOf(line).column, col(line, 'x}'));
    assert.equal(errorOf(line).column, codePoints + 1, '𝔸 is two UTF-16 code units');
  });
});

describe('duplicates, blank lines and the rest of the file', () => {
  it('warns on a repeated question (trimmed, whitespace collapsed, case-folded), naming the first line', () => {
    const repeat = '{"question": " what IS\\t2 +  2? ", "answer": "4"}';
    const text = ['{"question": "What is 2 + 2?", "answer": "four"}', '{"question": "What is 2 + 3?", "answer": "5"}', repeat, repeat].join('\n');
    const result = indexSeedText(text);
    assert.deepEqual(result.errors, []);
    assert.equal(result.seeds.length, 4, 'repeats are still seeds');
    assert.deepEqual(
      result.warnings.map((w) => [w.line, w.column, w.endColumn, w.code, w.relatedLine, w.message]),
      [
        [3, col(repeat, '" what'), col(repeat, ', "answer"'), 'duplicate-question', 1, 'repeated question: same as line 1'],
        [4, col(repeat, '" what'), col(repeat, ', "answer"'), 'duplicate-question', 1, 'repeated question: same as line 1'],
      ],
    );
    assert.equal(result.stats.duplicates, 2);
  });

  it('does not count questions that differ in more than case and whitespace', () => {
    const result = indexSeedText(['{"question": "a b", "answer": "1"}', '{"question": "ab", "answer": "1"}', '{"question": "a-b", "answer": "1"}'].join('\n'));
    assert.deepEqual(result.warnings, []);
  });

  it('folds case and space outside ASCII the way toLowerCase and \\s do', () => {
    const lines = [
      { question: 'ΟΔΟΣ ΣΤΟ\u00a0σπίτι', answer: '1' },
      { question: 'οδος στο σπίτι', answer: '2' },
      { question: 'İstanbul?', answer: '3' },
      { question: 'i\u0307stanbul?', answer: '4' },
      { question: 'ÉCOLE\u2003Ünter 𝔸', answer: '5' },
      { question: 'école ünter 𝔸', answer: '6' },
    ];
    const result = indexSeedText(lines.map((l) => JSON.stringify(l)).join('\n'));
    // Line 1 goes through toLowerCase (it has Σ), line 2 (final ς typed directly) does not.
    assert.deepEqual(result.warnings.map((w) => [w.line, w.relatedLine]), [[2, 1], [4, 3], [6, 5]]);
    // Final sigma: whole-string lower case gives "οδος", a different word from "οδοσ".
    const sigma = indexSeedText([JSON.stringify({ question: 'ΟΔΟΣ', answer: '1' }), JSON.stringify({ question: 'οδοσ', answer: '2' })].join('\n'));
    assert.deepEqual(sigma.warnings, []);
  });

  it('normalises a question by trimming, collapsing white space and lower-casing', () => {
    assert.equal(normalizeQuestion('  What\tIS \u00a0 2+2?\n'), 'what is 2+2?');
  });

  it('calls two questions the same exactly when normalizeQuestion does (random texts)', () => {
    // A small deterministic generator over characters that exercise every path of the hash.
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pool = ['a', 'B', 'c', 'Z', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', 'é', 'É', 'Σ', 'σ', 'ς', 'İ', 'i\u0307', '𝔸', '𐐀', '𐐨', '’', '1', '?'];
    const texts: string[] = [];
    for (let i = 0; i < 400; i++) {
      const length = 1 + Math.floor(next() * 6);
      texts.push(Array.from({ length }, () => pool[Math.floor(next() * pool.length)]).join(''));
    }
    const nonBlank = texts.filter((t) => t.trim() !== '');
    const result = indexSeedText(nonBlank.map((question) => JSON.stringify({ question, answer: 'a' })).join('\n'));
    const firstLine = new Map<string, number>();
    const expected: [number, number][] = [];
    nonBlank.forEach((question, i) => {
      const key = normalizeQuestion(question);
      const earlier = firstLine.get(key);
      if (earlier === undefined) firstLine.set(key, i + 1);
      else expected.push([i + 1, earlier]);
    });
    assert.ok(expected.length > 20, 'the sample has repeats');
    assert.deepEqual(result.warnings.map((w) => [w.line, w.relatedLine]), expected);
  });

  it('finds repeats across thousands of questions (hash table growth) and across shapes', () => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(seedLine(i));
    lines.push(seedLine(1234, 'messages'));
    lines.push(seedLine(4999, 'prompt-completion'));
    const result = indexSeedText(lines.join('\n'));
    assert.deepEqual(result.warnings.filter((w) => w.code === 'duplicate-question').map((w) => [w.line, w.relatedLine]), [[5001, 1235], [5002, 5000]]);
    assert.equal(result.stats.duplicates, 2);
  });

  it('skips blank and whitespace-only lines silently but counts them', () => {
    const result = indexSeedText('\n   \n\t\n{"question":"Q","answer":"A"}\n\u00a0\n\n');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.stats.blank, 5);
    assert.equal(result.stats.lines, 6);
    assert.deepEqual(result.seeds.map((s) => s.line), [4]);
  });

  it('keeps every valid line whatever happens on the others', () => {
    const lines: string[] = [];
    for (let i = 0; i < 50; i++) lines.push(i % 5 === 0 ? '{"broken": ' : seedLine(i));
    const result = indexSeedText(lines.join('\n'));
    assert.equal(result.stats.valid, 40);
    assert.equal(result.stats.invalid, 10);
    assert.deepEqual(result.errors.map((e) => e.line), [1, 6, 11, 16, 21, 26, 31, 36, 41, 46]);
    assert.deepEqual(result.seeds.map((s) => s.line), Array.from({ length: 50 }, (_, i) => i + 1).filter((l) => (l - 1) % 5 !== 0));
  });
});
