// The bounded near-duplicate index against the one it replaced (test/support/referenceNearDuplicate.ts),
// on the data that made the old one quadratic: questions written from templates, sharing long
// prefixes, with names, items and numbers varied, plus lightly edited copies. Both indexes see the
// same texts in the same order; every duplicate decision, score and (for 'all') every pair must agree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NearDuplicateIndex } from '../../src/core/checks/nearDuplicateIndex.ts';
import type { DuplicateMatch } from '../../src/core/checks/nearDuplicateIndex.ts';
import { lcsLength } from '../../src/core/checks/rougeL.ts';
import { seededRandom } from '../../src/core/seededRandom.ts';
import { tokenize } from '../../src/core/checks/tokens.ts';
import { ReferenceNearDuplicateIndex } from '../support/referenceNearDuplicate.ts';
import { inventQuestions } from '../teacher/questionWriter.ts';
import { createRng } from '../teacher/rng.ts';

const NAMES = ['Janet', 'Tom', 'Ali', 'Mei', 'Olga', 'Ravi', 'Zoe', 'Ben', 'Ada', 'Kofi', 'Lena', 'Omar'];
const THINGS = ['eggs', 'apples', 'tickets', 'bottles', 'coins', 'shirts', 'plants', 'bricks'];
const TEMPLATES: readonly ((pick: <T>(xs: readonly T[]) => T, num: (lo: number, hi: number) => number) => string)[] = [
  (pick, num) => `${pick(NAMES)}'s ducks lay ${num(5, 30)} ${pick(THINGS)} per day. She eats ${num(1, 5)} for breakfast every morning and bakes with ${num(1, 6)}. She sells the rest at the market for $${num(1, 9)} each. How much does she make every day?`,
  (pick, num) => `${pick(NAMES)} has ${num(10, 99)} ${pick(THINGS)}. He gives ${num(1, 9)} to ${pick(NAMES)}. How many ${pick(THINGS)} are left?`,
  (pick, num) => `A store sells ${pick(THINGS)} at $${num(2, 20)} each. ${pick(NAMES)} buys ${num(2, 12)} of them and pays with a $${pick([20, 50, 100])} bill. How much change does ${pick(NAMES)} get?`,
  (pick, num) => `How many ${pick(THINGS)} are there in ${num(2, 9)} boxes if each box holds ${num(3, 24)}?`,
];

/** Template questions, every fifth an earlier one with a word dropped, swapped or added. */
function templateQuestions(count: number, seed: number): string[][] {
  const next = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const num = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const texts: string[][] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % 5 === 0) {
      const copy = [...(texts[Math.floor(next() * texts.length)] as string[])];
      const at = Math.floor(next() * copy.length);
      const edit = next();
      if (edit < 0.33) copy.splice(at, 1);
      else if (edit < 0.66) copy[at] = pick(THINGS);
      else copy.splice(at, 0, String(num(1, 99)));
      texts.push(copy);
    } else texts.push(tokenize(pick(TEMPLATES)(pick, num)));
  }
  return texts;
}

function frequenciesOf(texts: readonly (readonly string[])[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const text of texts) for (const token of new Set(text)) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
  return frequencies;
}

const pairs = (matches: readonly DuplicateMatch<number>[]) => matches.map((m) => `${m.key}:${m.score}:${m.exact}`).sort();

/** Queries then adds each text in turn, in both indexes; returns how many texts had a match. */
function compare(texts: readonly (readonly string[])[], want: 'best' | 'all' | 'any', frequencies?: ReadonlyMap<string, number>): number {
  const options = frequencies ? { frequencies } : {};
  const fresh = new NearDuplicateIndex<number>(options);
  const reference = new ReferenceNearDuplicateIndex<number>(options);
  let matched = 0;
  for (const [i, text] of texts.entries()) {
    // Every other query leaves out the latest text, as a check leaves out the sample itself.
    const skip = i % 2 === 0 ? (key: number) => key === i - 1 : undefined;
    const got = fresh.query(text, { want, ...(skip ? { skip } : {}) });
    // 'any' is measured against the reference's nearest: the same decision, a text really above.
    const expected = reference.query(text, { want: want === 'any' ? 'best' : want, ...(skip ? { skip } : {}) });
    if (want === 'all') assert.deepEqual(pairs(got), pairs(expected), `text ${i}: the pairs differ`);
    else if (want === 'any') {
      assert.equal(got.length, expected.length, `text ${i}: one index found a duplicate, the other not`);
      const [g, e] = [got[0], expected[0]];
      if (g && e) {
        assert.equal(g.exact, e.exact, `text ${i}: one index found an exact copy, the other not`);
        const other = texts[g.key] as string[];
        const f = (2 * lcsLength(text, other)) / (text.length + other.length);
        assert.ok(f > 0.7 && (g.exact || f === g.score), `text ${i}: the named text ${g.key} is at ${f}, reported ${g.score}`);
        assert.ok(skip?.(g.key) !== true, `text ${i}: the skipped text was named`);
      }
    } else {
      // Same decision and same nearest score. Of equally near texts either index may name any.
      assert.equal(got.length, expected.length, `text ${i}: one index found a duplicate, the other not`);
      const [g, e] = [got[0], expected[0]];
      if (g && e) {
        assert.equal(g.score, e.score, `text ${i}: nearest scores differ`);
        assert.equal(g.exact, e.exact, `text ${i}: exactness differs`);
        const other = texts[g.key] as string[];
        const f = (2 * lcsLength(text, other)) / (text.length + other.length);
        assert.ok(g.exact || f === g.score, `text ${i}: the named text ${g.key} is not at the reported score`);
      }
    }
    if (got.length > 0) matched += 1;
    fresh.add(i, text);
    reference.add(i, text);
  }
  return matched;
}

describe('bounded near-duplicate index = the reference index', () => {
  it('template questions with shared prefixes and varied numbers: the same nearest match for every text', () => {
    const texts = templateQuestions(6000, 11);
    const matched = compare(texts, 'best', frequenciesOf(texts));
    assert.ok(matched > 3000, `the fixture should be mostly near duplicates, ${matched} matched`);
  });

  it('the same without token frequencies (the order the editor builds incrementally)', () => {
    const texts = templateQuestions(3000, 12);
    assert.ok(compare(texts, 'best') > 1500);
  });

  it('every pair above 0.7, not only the nearest', () => {
    const texts = templateQuestions(1500, 13);
    assert.ok(compare(texts, 'all', frequenciesOf(texts)) > 700);
  });

  it("'any' (what the duplicate check asks): the nearest's decision and exactness, and a text really above 0.7", () => {
    const texts = templateQuestions(6000, 14);
    assert.ok(compare(texts, 'any', frequenciesOf(texts)) > 3000);
    const invented = inventQuestions(6000, createRng(6)).map((q) => tokenize(q.question));
    assert.ok(compare(invented, 'any', frequenciesOf(invented)) > 5000);
    assert.ok(compare(invented.slice(0, 2000), 'any') > 1500);
  });

  it("the test teacher's invented questions (what the benchmarks generate)", () => {
    const texts = inventQuestions(6000, createRng(5)).map((q) => tokenize(q.question));
    assert.ok(compare(texts, 'best', frequenciesOf(texts)) > 5000);
    assert.ok(compare(texts.slice(0, 1200), 'all', frequenciesOf(texts)) > 1000);
  });

  it('answers to one question (long, mostly shared reasoning): the same pairs', () => {
    const next = seededRandom(21);
    const steps = ['first', 'we', 'add', 'the', 'apples', 'then', 'we', 'multiply', 'by', 'the', 'boxes', 'and', 'subtract', 'what', 'was', 'eaten', 'so', 'the', 'answer', 'is'];
    const texts = Array.from({ length: 800 }, () => {
      const text = steps.filter(() => next() > 0.15);
      for (let k = Math.floor(next() * 6); k > 0; k--) text.splice(Math.floor(next() * text.length), 0, String(Math.floor(next() * 50)));
      return text;
    });
    assert.ok(compare(texts, 'all') > 400);
    assert.ok(compare(texts, 'best') > 400);
  });

  it('more than 2^16 distinct tokens (the index widens its 16-bit token pool mid-way): the same pairs', () => {
    // Texts of 30 fresh tokens, every third an earlier one with a token changed: 3,600 texts make
    // some 73,000 tokens, so the widening happens with near duplicates on both sides of it.
    const next = seededRandom(31);
    let fresh = 0;
    const texts: string[][] = [];
    for (let i = 0; i < 3600; i++) {
      if (i % 3 === 2) {
        const copy = [...(texts[Math.floor(next() * texts.length)] as string[])];
        copy[Math.floor(next() * copy.length)] = `w${fresh++}`;
        texts.push(copy);
      } else texts.push(Array.from({ length: 30 }, () => `w${fresh++}`));
    }
    assert.ok(fresh > 1 << 16, `the fixture should pass 2^16 tokens, it has ${fresh}`);
    assert.ok(compare(texts, 'all') > 1000);
    assert.ok(compare(texts, 'best', frequenciesOf(texts)) > 1000);
  });
});
