// Answer-augmentation answers are grouped by question; a question with one answer keeps it as a
// string instead of an index (a session with thousands of edited questions held thousands of
// near-empty indexes). The verdicts must be what an index per question gave, result for result:
// pinned here against that reference on random sessions where groups of one, two and many meet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuplicateChecker } from '../../src/core/checks/duplicateCheck.ts';
import { NearDuplicateIndex } from '../../src/core/checks/nearDuplicateIndex.ts';
import { normalizedText, tokenize } from '../../src/core/checks/tokens.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { seededRandom } from '../../src/core/seededRandom.ts';

const at = '2025-03-01T12:00:00.000Z';
const WORDS = ['add', 'the', 'two', 'numbers', 'then', 'halve', 'it', 'so', 'answer', 'is', 'seven', 'three', 'apples', 'left'];

function aaSample(id: string, question: string, answer: string, seed: Seed): Sample {
  return {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy: 'answer-augmentation', question, answer, flags: [],
    seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [], calls: [],
    teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
  };
}

describe('answer duplicates by question', () => {
  it('gives, for groups of one answer, the verdict an index per question gave', () => {
    const random = seededRandom(7);
    const text = (length: number) => Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
    const seeds: Seed[] = Array.from({ length: 3 }, (_, i) => {
      const question = `Seed question number ${i}?`;
      const answer = text(6);
      return { line: i + 1, question, answer, hash: seedHash(question, answer) };
    });
    // Reference: an index per question, made on first use, as before.
    const reference = new Map<string, NearDuplicateIndex<string>>();
    const indexFor = (question: string) => {
      const key = normalizedText(tokenize(question));
      let index = reference.get(key);
      if (!index) reference.set(key, (index = new NearDuplicateIndex<string>({ threshold: 0.7 })));
      return index;
    };
    for (const seed of seeds) indexFor(seed.question).add(`seed ${seed.line}`, tokenize(seed.answer));

    const checker = new DuplicateChecker(seeds);
    const lastAnswer = new Map<string, string>(seeds.map((seed) => [seed.question, seed.answer]));
    const edit = (answer: string, changes: number) => {
      const words = answer.split(' ');
      for (let c = 0; c < changes; c += 1) words[Math.floor(random() * words.length)] = WORDS[Math.floor(random() * WORDS.length)]!;
      return words.join(' ');
    };
    let lone = 0;
    let near = 0;
    let missed = 0;
    for (let i = 0; i < 3000; i += 1) {
      const seed = seeds[i % seeds.length]!;
      // Most samples keep their seed's question; many have an edited one, asked once or a few times.
      const roll = random();
      const question = roll < 0.4 ? seed.question : roll < 0.8 ? `Edited question ${i}?` : `Edited question shared ${Math.floor(random() * 300)}?`;
      // Answers are copies of the question's last answer, edits of it (one to four words
      // changed: ROUGE-L on both sides of the threshold), or new.
      const last = lastAnswer.get(question);
      const roll2 = random();
      const answer = last === undefined || roll2 < 0.2 ? text(4 + Math.floor(random() * 6)) : roll2 < 0.35 ? last : edit(last, 1 + Math.floor(random() * 4));
      lastAnswer.set(question, answer);
      const sample = aaSample(i.toString(16).padStart(12, '0'), question, answer, seed);
      const index = indexFor(question);
      if (index.size === 0) lone += 1;
      const [expected] = index.query(tokenize(answer), { skip: (key) => key === sample.id, want: 'any' });
      const result = checker.check(sample, { question, answer, edited: false });
      const got = result.nearest;
      const name = (item: NonNullable<typeof got>['item']) => (item.kind === 'seed' ? `seed ${item.line}` : item.id);
      assert.deepEqual(got === undefined ? undefined : { key: name(got.item), score: got.score, exact: got.exact }, expected, `sample ${i}: ${question} / ${answer}`);
      if (index.size === 1) {
        if (expected) near += 1;
        else missed += 1;
      }
      if (random() < 0.9) {
        checker.add(sample, { question, answer, edited: false });
        index.add(sample.id, tokenize(answer));
      }
    }
    assert.ok(lone > 500, `questions met with no answer before: ${lone}`);
    assert.ok(near > 50 && missed > 50, `against a group of one answer: ${near} matches, ${missed} not`);
  });
});
