// Duplicate detection: exact and near (ROUGE-L F > 0.7), the prefix-filtered index against brute
// force, and the time to check 10,000 samples (printed, not asserted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NearDuplicateIndex } from '../../src/core/checks/nearDuplicateIndex.ts';
import { lcsLength } from '../../src/core/checks/rougeL.ts';
import { runChecks } from '../../src/core/checks/runChecks.ts';
import { tokenize } from '../../src/core/checks/tokens.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { Sample, StrategyId } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { gsm8kSeed } from '../support/seedFixtures.ts';
import { seededRandom as random } from '../../src/core/seededRandom.ts';

const at = '2025-03-01T12:00:00.000Z';

function sample(id: string, strategy: StrategyId, question: string, answer: string, seed: Seed): Sample {
  return {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy, question, answer, flags: [],
    seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [], calls: [],
    teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
  };
}

function stateOf(samples: readonly Sample[]) {
  return reduceJournal(samples.map((s): JournalEvent => ({ type: 'sample', at, sample: s })));
}

const seedOf = (index: number): Seed => {
  const { question, answer } = gsm8kSeed(index);
  return { line: index + 1, question, answer, hash: seedHash(question, answer) };
};


describe('NearDuplicateIndex', () => {
  it('finds an exact duplicate (case, spacing and punctuation aside) and names it', () => {
    const index = new NearDuplicateIndex<string>();
    index.add('a', tokenize('How many apples does Janet have now?'));
    index.add('b', tokenize('What is the capital of France?'));
    assert.deepEqual(index.query(tokenize('how many  apples does JANET have now')), [{ key: 'a', score: 1, exact: true }]);
    assert.deepEqual(index.query(tokenize('How many pears does Mei want?')), []);
  });

  it('finds near duplicates above 0.7 with their ROUGE-L, best first, and not below', () => {
    const index = new NearDuplicateIndex<string>();
    index.add('close', tokenize('Janet has 12 apples and buys 3 packs of 4 apples. How many apples does Janet have now?'));
    index.add('closer', tokenize('Janet has 12 apples and buys 3 packs of 4 apples. How many apples does she have now?'));
    index.add('far', tokenize('A train leaves at 9 and travels 60 miles per hour. How far has it gone by noon?'));
    const query = tokenize('Janet has 12 apples and buys 3 packs of 4 apples each. How many apples does she have?');
    const matches = index.query(query, { want: 'all' });
    assert.deepEqual(matches.map((m) => m.key), ['closer', 'close']);
    const closer = tokenize('Janet has 12 apples and buys 3 packs of 4 apples. How many apples does she have now?');
    // 18 tokens each, LCS 17 (everything but "each" / "now"): F = 34 / 36.
    assert.deepEqual([query.length, closer.length, lcsLength(query, closer)], [18, 18, 17]);
    assert.equal(matches[0]?.score, 34 / 36);
    assert.ok(matches.every((m) => !m.exact));
    // A pair at F = 0.7 exactly is not above the threshold: 7 of 10 tokens in order, 10 + 10 tokens.
    const edge = new NearDuplicateIndex<string>();
    edge.add('x', words('a b c d e f g h i j'));
    assert.equal(edge.query(words('a b c d e f g x y z')).length, 0);
    assert.equal(edge.query(words('a b c d e f g h y z')).length, 1);
  });

  it('skips the text itself but still reports another identical text', () => {
    const index = new NearDuplicateIndex<string>();
    index.add('first', words('a b c'));
    index.add('second', words('a b c'));
    assert.deepEqual(index.query(words('a b c'), { skip: (k) => k === 'first', want: 'all' }), [{ key: 'second', score: 1, exact: true }]);
    assert.deepEqual(index.query(words('a b c'), { skip: (k) => k === 'second', want: 'all' }), [{ key: 'first', score: 1, exact: true }]);
  });

  it('misses no pair that brute force finds (prefix filtering is exact)', () => {
    const next = random(7);
    const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const texts: string[][] = [];
    for (let i = 0; i < 400; i++) {
      const base = texts.length > 0 && next() < 0.5 ? texts[Math.floor(next() * texts.length)]! : Array.from({ length: 5 + Math.floor(next() * 25) }, () => vocabulary[Math.floor(next() ** 2 * vocabulary.length)]!);
      // Mutate a copy a little: near duplicates on purpose.
      const copy = [...base];
      for (let k = Math.floor(next() * 4); k > 0; k--) copy.splice(Math.floor(next() * (copy.length + 1)), next() < 0.5 ? 1 : 0, vocabulary[Math.floor(next() * vocabulary.length)]!);
      texts.push(copy);
    }
    const index = new NearDuplicateIndex<number>();
    let found = 0;
    for (const [i, text] of texts.entries()) {
      const expected = new Set<number>();
      for (let j = 0; j < i; j++) {
        const other = texts[j]!;
        const f = text.length + other.length === 0 ? 0 : (2 * lcsLength(text, other)) / (text.length + other.length);
        if (f > 0.7 || (text.join(' ') === other.join(' ') && text.length > 0)) expected.add(j);
      }
      const got = index.query(text, { want: 'all' });
      // The exact map keeps the first of identical texts; brute force lists all of them.
      const gotKeys = new Set(got.map((m) => m.key));
      for (const j of expected) {
        const identicalToAReported = [...gotKeys].some((k) => texts[k]!.join(' ') === texts[j]!.join(' '));
        assert.ok(gotKeys.has(j) || identicalToAReported, `text ${i}: missed ${j}`);
      }
      for (const m of got) assert.ok(expected.has(m.key), `text ${i}: ${m.key} is not above the threshold`);
      // 'best' (the default) stops early but must still find the nearest.
      const best = index.query(text);
      const bestScore = Math.max(0, ...[...expected].map((j) => (2 * lcsLength(text, texts[j]!)) / (text.length + texts[j]!.length)));
      assert.equal(best.length, expected.size > 0 ? 1 : 0, `text ${i}: best`);
      if (best[0]) assert.equal(best[0].score, bestScore, `text ${i}: the best match is not the nearest`);
      found += got.length;
      index.add(i, text);
    }
    assert.ok(found > 100, `the fixture should contain many near duplicates, found ${found}`);
  });

  it('finds texts far apart in a posting list (gaps stored in 1 to 4 bytes)', () => {
    // Each family's two texts share their rare words; fillers (one common word) come between them,
    // so the second text's gap from the first in the family's posting lists takes 1, 2, 3 or 4
    // bytes: 7, 14, 21 and 28 bits.
    const gaps = [1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152];
    const index = new NearDuplicateIndex<number>();
    const filler = ['filler'];
    let next = 0;
    const family = (f: number) => [`rare${f}a`, `rare${f}b`, `rare${f}c`, `rare${f}d`, 'tail'];
    const second = (f: number) => [`rare${f}a`, `rare${f}b`, `rare${f}c`, `rare${f}d`, 'other', 'tail'];
    const firsts: number[] = [];
    for (const [f, gap] of gaps.entries()) {
      firsts.push(next);
      index.add(next++, family(f));
      for (let k = 1; k < gap; k++) index.add(next++, filler);
      index.add(next++, second(f));
    }
    for (const [f, gap] of gaps.entries()) {
      const first = firsts[f]!;
      const got = index.query(second(f), { want: 'all', skip: (key) => key === first + gap });
      assert.deepEqual(got.map((m) => m.key), [first], `family ${f} (gap ${gap})`);
      assert.deepEqual(index.query(family(f), { want: 'all', skip: (key) => key === first }).map((m) => m.key), [first + gap], `family ${f} (gap ${gap}), the other way`);
    }
  });
});

function words(s: string): string[] {
  return s.split(' ');
}

describe('10,000 samples', () => {
  const duplicateOf = (results: ReturnType<typeof runChecks>['results'], id: string) => results.get(id)?.find((c) => c.check === 'duplicate');

  it('template-made new questions, nearly all near duplicates (the worst case; time printed)', () => {
    const seeds = Array.from({ length: 100 }, (_, i) => seedOf(i));
    const samples: Sample[] = [];
    // The fixture's questions come from three templates, so most are within ROUGE-L 0.7 of many
    // others; every third one is moreover an earlier one plus a word.
    for (let i = 0; i < 10_000; i++) {
      const fresh = gsm8kSeed(1000 + i);
      const question = i > 0 && i % 3 === 0 ? `${samples[(i * 7919) % samples.length]!.question} Explain.` : fresh.question;
      samples.push(sample(`nq${i}`, 'new-question', question, fresh.answer, seeds[i % seeds.length]!));
    }
    const t0 = performance.now();
    const report = runChecks(stateOf(samples), seeds);
    const ms = performance.now() - t0;
    let flagged = 0;
    for (const [i, s] of samples.entries()) {
      const result = duplicateOf(report.results, s.id);
      if (result?.status === 'fail') flagged += 1;
      if (i > 0 && i % 3 === 0) assert.equal(result?.status, 'fail', `copy ${s.id} not caught: ${result?.detail}`);
    }
    console.log(`runChecks, 10,000 template new questions + 100 seeds: ${ms.toFixed(0)} ms (${flagged} duplicates)`);
  });

  it('varied new questions with planted copies (time printed)', () => {
    const next = random(2024);
    // Zipf's law over 20,000 words, as in real text: the commonest word is about 1 token in 10.
    const cumulative: number[] = [];
    for (let r = 1, sum = 0; r <= 20_000; r++) cumulative.push((sum += 1 / r));
    const total = cumulative[cumulative.length - 1]!;
    const word = () => {
      const x = next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return `w${lo}`;
    };
    const seedList: Seed[] = Array.from({ length: 100 }, (_, i) => {
      const question = Array.from({ length: 12 + Math.floor(next() * 30) }, word).join(' ');
      return { line: i + 1, question, answer: '#### 1', hash: seedHash(question, '#### 1') };
    });
    const samples: Sample[] = [];
    const planted = new Map<string, string>();
    for (let i = 0; i < 10_000; i++) {
      let question: string;
      if (i > 0 && i % 10 === 0) {
        const source = samples[Math.floor(next() * samples.length)]!;
        question = `${source.question} ${word()}`;
        planted.set(`nq${i}`, source.id);
      } else question = Array.from({ length: 12 + Math.floor(next() * 30) }, word).join(' ');
      samples.push(sample(`nq${i}`, 'new-question', question, '#### 1', seedList[i % 100]!));
    }
    const t0 = performance.now();
    const report = runChecks(stateOf(samples), seedList);
    const ms = performance.now() - t0;
    for (const id of planted.keys()) assert.equal(duplicateOf(report.results, id)?.status, 'fail', `planted copy ${id} not caught`);
    const flagged = samples.filter((s) => duplicateOf(report.results, s.id)?.status === 'fail').length;
    console.log(`runChecks, 10,000 varied new questions + 100 seeds: ${ms.toFixed(0)} ms (${flagged} duplicates, ${planted.size} planted)`);
  });

  it('answer augmentation: 100 answers to each of 100 questions (time printed)', () => {
    const seeds = Array.from({ length: 100 }, (_, i) => seedOf(i));
    const aa: Sample[] = [];
    for (let i = 0; i < 10_000; i++) {
      const seed = seeds[i % seeds.length]!;
      const steps = seed.answer.split('\n');
      const answer = i % 4 === 0 ? seed.answer : `${steps.slice(0, -1).join(' ')} Step ${i} checks the work twice. ${steps.at(-1)}`;
      aa.push(sample(`aa${i}`, 'answer-augmentation', seed.question, answer, seed));
    }
    const t0 = performance.now();
    const report = runChecks(stateOf(aa), seeds);
    const ms = performance.now() - t0;
    // Every fourth answer repeats its seed's answer word for word.
    const exact = aa.filter((s) => duplicateOf(report.results, s.id)?.status === 'fail');
    assert.equal(exact.length, 2500);
    assert.ok(exact.every((s, k) => s.id === `aa${k * 4}`));
    console.log(`runChecks, 10,000 answer-augmentation samples over 100 seed questions: ${ms.toFixed(0)} ms (${exact.length} exact duplicates)`);
  });
});
