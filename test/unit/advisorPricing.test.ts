// The pricing file: prices per model, JSONC allowed, and every problem with its line and column
// (then no prices at all, so a typo never becomes a wrong bill).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePricing } from '../../src/core/advisor/index.ts';

function problems(text: string) {
  const result = parsePricing(text);
  assert.equal(result.ok, false, 'expected problems');
  return result.ok ? [] : result.problems;
}

describe('parsePricing', () => {
  it('reads prices per model, with comments and trailing commas', () => {
    const result = parsePricing(`{
      // per million tokens
      "gpt-4o": {"inputPerMillion": 2.5, "outputPerMillion": 10},
      "llama-3.1-8b": {"outputPerMillion": 0.2, "inputPerMillion": 0.1,},
    }`);
    assert.deepEqual(result, { ok: true, pricing: { 'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 }, 'llama-3.1-8b': { inputPerMillion: 0.1, outputPerMillion: 0.2 } } });
    assert.deepEqual(parsePricing('{}'), { ok: true, pricing: {} });
  });

  it('points at a syntax error', () => {
    const line = '  "gpt-4o": {"inputPerMillion": 2.5 "outputPerMillion": 10}';
    const [p] = problems(`{\n${line}\n}`);
    assert.deepEqual({ line: p?.line, column: p?.column }, { line: 2, column: line.indexOf('"outputPerMillion"') + 1 });
    assert.match(p?.message ?? '', /^not valid JSON: comma expected$/);
  });

  it('points at a misspelt field, a bad number and a missing price', () => {
    const lines = ['{', '"a": {"inputPerMilion": 1, "outputPerMillion": 2},', '"b": {"inputPerMillion": -1, "outputPerMillion": 2},', '"c": {"inputPerMillion": 1},', '"d": 5', '}'];
    const found = problems(lines.join('\n'));
    // Columns are found in the text itself: the misspelt key, the bad value, the key of the incomplete price, the non-object.
    const col = (line: number, marker: string) => [line, lines[line - 1]!.indexOf(marker) + 1];
    assert.deepEqual(found.map((p) => [p.line, p.column]), [col(2, '"inputPerMilion"'), col(3, '-1'), col(4, '"c"'), col(5, '5')]);
    assert.match(found[0]!.message, /unknown field "inputPerMilion" in the price of "a"/);
    assert.match(found[1]!.message, /"inputPerMillion" of "b" must be a number of 0 or more/);
    assert.match(found[2]!.message, /the price of "c" has no "outputPerMillion"/);
    assert.match(found[3]!.message, /the price of "d" must be an object/);
  });

  it('wants one object', () => {
    assert.match(problems('[1, 2]')[0]?.message ?? '', /must hold one object of model prices/);
    assert.match(problems('')[0]?.message ?? '', /must hold one object of model prices/);
  });
});
