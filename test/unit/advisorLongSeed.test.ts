// A seed of one megabyte without a space: the tokenizer's cost grows with the square of an
// unbroken run, so counting it whole takes minutes. The estimate tokenizes a bounded part of each
// text (no piece longer than MAX_RUN_CHARS without a space, no more than MAX_COUNTED_CHARS of one
// text), scales the rest by length, and the reader warns that the seed is too long to use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateStrategies } from '../../src/core/advisor/estimate.ts';
import { tokenCounterFor } from '../../src/core/advisor/tokenizers.ts';
import type { TokenCounter } from '../../src/core/advisor/tokens.ts';
import { boundedCounter, MAX_COUNTED_CHARS, MAX_RUN_CHARS } from '../../src/core/advisor/tokens.ts';
import { STRATEGY_IDS } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { seedLine } from '../support/seedFixtures.ts';

const MEGABYTE = 1 << 20;

/** The real tokenizer, recording every text it is asked to count and refusing one beyond the bounds (which would take minutes). */
function recording(counter: TokenCounter): { counter: TokenCounter; texts: string[] } {
  const texts: string[] = [];
  const count = (text: string) => {
    texts.push(text);
    assert.ok(text.length <= MAX_COUNTED_CHARS, `a text of ${text.length} characters was to be tokenized`);
    assert.ok(longestRun(text) <= MAX_RUN_CHARS, `a run of ${longestRun(text)} characters was to be tokenized`);
    return counter.count(text);
  };
  return { texts, counter: { name: counter.name, count } };
}

function longestRun(text: string): number {
  return Math.max(0, ...(text.match(/\S+/g) ?? []).map((run) => run.length));
}

describe('a seed with a 1 MB unbroken line', () => {
  const longLine = JSON.stringify({ question: 'x'.repeat(MEGABYTE), answer: 'y' });
  const file = [seedLine(0), longLine, seedLine(1)].join('\n');

  it('is read as a seed with a long-seed warning at its question', () => {
    const index = indexSeedText(file);
    assert.deepEqual(index.seeds.map((s) => s.line), [1, 2, 3]);
    assert.deepEqual(index.warnings.map((w) => [w.code, w.line, w.column]), [['long-seed', 2, longLine.indexOf('"x') + 1]]);
    assert.match(index.warnings[0]!.message, /^very long seed: 1,048,577 characters/);
  });

  it('is estimated by tokenizing a bounded part of it and scaling by its length', () => {
    const { seeds } = indexSeedText(file);
    const real = recording(tokenCounterFor('gpt-4o'));
    const estimates = estimateStrategies({
      seeds,
      limits: { teacherQueries: 3, augmenterCalls: 3 },
      options: { teacherModel: 'gpt-4o', augmenterModel: 'gpt-4o' },
      counters: { teacher: real.counter, augmenter: real.counter },
    });
    assert.ok(real.texts.some((text) => text.includes('x'.repeat(MAX_RUN_CHARS))), 'the long question was counted in part');
    // One teacher query per seed: the long question's ~131,000 tokens (8 x's a token) are counted
    // in, not cut off at the part that was tokenized. Each prompt also shows the other seeds as
    // few-shot examples, so the long seed is in all three prompts: about 3 x 131,000, not more.
    const aa = estimates['answer-augmentation'];
    assert.equal(aa.teacherQueries, 3);
    assert.ok(aa.teacher.inputTokens.low > 100_000 && aa.teacher.inputTokens.low < 450_000, `input ${aa.teacher.inputTokens.low}`);
    for (const strategy of STRATEGY_IDS) assert.ok(estimates[strategy].inputTokens.high > 0);
  });

  it('counts ordinary text exactly and a long run close to the whole count', () => {
    const o200k = tokenCounterFor('gpt-4o');
    const bounded = boundedCounter(o200k);
    const prose = 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. '.repeat(20);
    assert.equal(bounded.count(prose), o200k.count(prose));
    const run = `id: ${'ab12'.repeat(300)} end`;
    const exact = o200k.count(run);
    assert.ok(Math.abs(bounded.count(run) - exact) <= 5, `${bounded.count(run)} vs ${exact}`);
  });
});
