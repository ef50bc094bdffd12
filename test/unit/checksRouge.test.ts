// ROUGE-L against values worked out by hand, and the bit-parallel LCS against the plain one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LcsMatcher, lcsLength, rougeL } from '../../src/core/checks/rougeL.ts';
import { tokenize } from '../../src/core/checks/tokens.ts';

const words = (s: string) => s.split(' ');

describe('ROUGE-L', () => {
  it('matches hand-computed LCS, precision, recall and F', () => {
    // "the cat on the mat": 5 of 6 words each way.
    let r = rougeL(words('the cat sat on the mat'), words('the cat is on the mat'));
    assert.equal(r.lcs, 5);
    assert.equal(r.recall, 5 / 6);
    assert.equal(r.precision, 5 / 6);
    assert.equal(r.f, 10 / 12);
    // Lin (2004): S1 vs S2 share "police the gunman" (3 of 4); S1 vs S3 only "the gunman".
    assert.equal(rougeL(words('police killed the gunman'), words('police kill the gunman')).f, 0.75);
    assert.equal(rougeL(words('police killed the gunman'), words('the gunman kill police')).f, 0.5);
    // A reversed sequence keeps one token in order.
    assert.equal(rougeL(words('a b c d e'), words('e d c b a')).f, 0.2);
    // Unequal lengths: recall 2/4, precision 2/2, F = 2·2 / (4 + 2).
    r = rougeL(words('a b c d'), words('a c'));
    assert.deepEqual([r.lcs, r.recall, r.precision, r.f], [2, 0.5, 1, 4 / 6]);
    // Repeated tokens: LCS of "a a b a" and "a b a a" is "a b a" (or "a a a") = 3.
    assert.equal(lcsLength(words('a a b a'), words('a b a a')), 3);
    assert.deepEqual(rougeL([], words('a b')), { lcs: 0, precision: 0, recall: 0, f: 0 });
  });

  it('tokenizes case-insensitively and ignores punctuation', () => {
    assert.deepEqual(tokenize('How many apples does Janet have?'), ['how', 'many', 'apples', 'does', 'janet', 'have']);
    assert.equal(rougeL(tokenize('How many apples does Janet have?'), tokenize('how many apples does janet have now')).f, 12 / 13);
    assert.deepEqual(tokenize('Zoë paid $1,200.'), ['zoë', 'paid', '1', '200']);
  });

  it('bit-parallel LCS equals the dynamic programme, across word boundaries', () => {
    let state = 12345;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
    for (let trial = 0; trial < 400; trial++) {
      const vocabulary = 2 + Math.floor(next() * 12);
      const a = Array.from({ length: Math.floor(next() * 140) }, () => Math.floor(next() * vocabulary));
      const b = Array.from({ length: Math.floor(next() * 140) }, () => Math.floor(next() * vocabulary));
      assert.equal(new LcsMatcher(a).lcs(b), lcsLength(a, b), `trial ${trial}: |a|=${a.length} |b|=${b.length}`);
    }
    assert.equal(new LcsMatcher(Array.from({ length: 64 }, (_, i) => i)).lcs(Array.from({ length: 64 }, (_, i) => i)), 64);
  });
});
