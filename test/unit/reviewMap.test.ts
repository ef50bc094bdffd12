// ReviewMap packs decided reviews into numbers by ordinal; whatever it packs must come back equal
// to what was set, key for key and in the same key order, as a Map would give it back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PENDING_REVIEW } from '../../src/core/journal/state.ts';
import type { SampleReview } from '../../src/core/journal/state.ts';
import { ReviewMap } from '../../src/core/journal/reviewMap.ts';
import { seededRandom } from '../../src/core/seededRandom.ts';

const review = (state: SampleReview['state'], extra: Partial<SampleReview> = {}): SampleReview => ({ state, edited: null, reason: null, decidedAt: '2026-01-02T03:04:05.678Z', source: 'review', ...extra });

describe('ReviewMap', () => {
  it('gives back every review as set, in first-seen order, over thousands of random ones (reasons past the shared bound included)', () => {
    const random = seededRandom(12);
    const map = new ReviewMap();
    const reference = new Map<string, SampleReview>();
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (let i = 0; i < 45_000; i += 1) {
      // Ids repeat (a later decision replaces an earlier one); some are not SeedSmith's hex ids.
      const n = Math.floor(random() * 8000);
      const id = n % 97 === 0 ? `hand-written-${n}` : n.toString(16).padStart(12, '0');
      const variant = pick(['pending', 'pending-copy', 'accepted', 'rejected', 'edited', 'odd-time', 'null-time', 'many-reasons', 'key-order']);
      const value: SampleReview =
        variant === 'pending'
          ? PENDING_REVIEW
          : variant === 'pending-copy'
            ? { ...PENDING_REVIEW }
            : variant === 'accepted'
              ? review('accepted', { source: pick(['review', 'auto-reject', 'cli']), decidedAt: new Date(1.7e12 + Math.floor(random() * 1e10)).toISOString() })
              : variant === 'rejected'
                ? review('rejected', { reason: pick([null, 'wrong answer', 'duplicate of seed line 3']) })
                : variant === 'edited'
                  ? review('accepted', { edited: { question: `q${i}`, answer: `a${i}` } })
                  : variant === 'odd-time'
                    ? review('rejected', { decidedAt: pick(['2026-01-02T03:04:05Z', 'yesterday', '2026-01-02T03:04:05.678+01:00']) })
                    : variant === 'null-time'
                      ? review('accepted', { decidedAt: null, source: null })
                      : variant === 'many-reasons'
                        ? review('rejected', { reason: `reason number ${i}` })
                        : { source: 'review', state: 'accepted', edited: null, reason: null, decidedAt: '2026-01-02T03:04:05.678Z' };
      map.set(id, value);
      reference.set(id, value);
    }
    assert.equal(map.size, reference.size);
    assert.deepEqual([...map.keys()], [...reference.keys()]);
    for (const [id, expected] of reference) {
      const got = map.get(id);
      assert.deepEqual(got, expected, id);
      assert.equal(JSON.stringify(got), JSON.stringify(expected), id);
      if (expected === PENDING_REVIEW) assert.equal(got, PENDING_REVIEW);
      else assert.notEqual(got, PENDING_REVIEW, `${id}: a review equal to pending but set as its own stays its own`);
    }
    assert.equal(map.get('ffffffffffff'), undefined);
    assert.equal(map.has('ffffffffffff'), false);
  });
});
