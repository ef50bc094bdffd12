// The compact per-sample structures the streamed commands keep (a million samples in typed
// arrays): they must answer exactly what the maps and sets they replace answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckResultStore } from '../../src/core/checks/checkResultStore.ts';
import { SampleOrdinals } from '../../src/core/checks/sampleOrdinals.ts';
import type { CheckResult } from '../../src/core/checks/types.ts';
import { FileResultSpill } from '../../src/node/resultSpill.ts';
import { AttemptIdSet } from '../../src/core/journal/attemptIdSet.ts';
import { ReviewMap } from '../../src/core/journal/reviewMap.ts';
import { PENDING_REVIEW } from '../../src/core/journal/state.ts';
import type { SampleReview } from '../../src/core/journal/state.ts';

describe('compact session state', () => {
  it('SampleOrdinals numbers ids in the order added, hex ids and any other id alike, through growth', () => {
    const ids = new SampleOrdinals();
    const added: string[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const id = i % 7 === 3 ? `odd-id-${i}` : (i * 2654435761 + 0xabc).toString(16).padStart(12, '0').slice(-12);
      added.push(id);
      assert.equal(ids.add(id), i);
    }
    assert.equal(ids.add(added[42]!), 42, 'an id added again keeps its place');
    assert.equal(ids.size, 5000);
    for (const [i, id] of added.entries()) {
      assert.equal(ids.ordinalOf(id), i);
      assert.equal(ids.idAt(i), id);
    }
    assert.equal(ids.ordinalOf('000000000000'), undefined);
    assert.equal(ids.ordinalOf('ABCDEF012345'), undefined, 'upper case is another id, not the same number');
    assert.throws(() => ids.idAt(5000), RangeError);
  });

  it('CheckResultStore gives back every sample its own results, in the order added, sharing equal ones', () => {
    const store = new CheckResultStore();
    const pass: CheckResult = { check: 'duplicate', status: 'pass', detail: 'no question above ROUGE-L 0.7' };
    const near = (id: string): CheckResult => ({ check: 'duplicate', status: 'fail', detail: 'near', nearest: { item: { kind: 'sample', id }, score: 0.8, exact: false } });
    const expected = new Map<string, readonly CheckResult[]>();
    for (let i = 0; i < 3000; i += 1) {
      const id = i.toString(16).padStart(12, '0');
      store.add(id);
      expected.set(id, []);
    }
    for (let i = 2999; i >= 0; i -= 1) {
      const id = i.toString(16).padStart(12, '0');
      const results = i % 100 === 0 ? [{ ...pass }, near(`s${i % 300}`)] : [{ ...pass }];
      store.set(id, results);
      expected.set(id, results);
    }
    assert.deepEqual(new Map(store), expected);
    assert.deepEqual([...store.keys()], [...expected.keys()]);
    assert.equal(store.size, 3000);
    assert.equal(store.get('000000000001'), store.get('000000000002'), 'equal lists are one list');
    assert.notEqual(store.get('000000000000'), store.get('000000000064'), 'results differing in a field are not merged');
    assert.equal(store.get('nope'), undefined);
    assert.equal(store.has('000000000bb7'), true);
  });

  it('AttemptIdSet holds run counters as bits and any other id as is', () => {
    const set = new AttemptIdSet();
    const ids = ['run-20260101T000000-ab12.1', 'run-20260101T000000-ab12.9000', 'run-x:17', 'batch-line-custom', 'run-y.0', 'run-y.007'];
    for (const id of ids) {
      assert.equal(set.has(id), false);
      set.add(id);
      assert.equal(set.has(id), true);
    }
    for (const id of ['run-20260101T000000-ab12.2', 'run-20260101T000000-ab12.8999', 'run-x.17', 'run-x:18', 'run-y.7', 'run-y.00']) assert.equal(set.has(id), false, id);
    // A Set of the same strings: a checkpoint lists them.
    assert.equal(set.size, ids.length);
    assert.deepEqual([...set].sort(), [...ids].sort());
    set.add('run-x:17');
    assert.equal(set.size, ids.length, 'an id added twice counts once');
    assert.equal(set.delete('run-x:17'), true);
    assert.equal(set.has('run-x:17'), false);
    assert.equal(set.size, ids.length - 1);
  });

  it('ReviewMap answers as a Map of reviews would: first-seen order, pending by default, decisions replaced and reset', () => {
    const reviews = new ReviewMap();
    const map = new Map<string, SampleReview>();
    const both = (id: string, review: SampleReview) => {
      reviews.set(id, review);
      map.set(id, review);
    };
    for (let i = 0; i < 2000; i += 1) both(i % 5 === 0 ? `legacy-${i}` : i.toString(16).padStart(12, '0'), PENDING_REVIEW);
    const accepted: SampleReview = { state: 'accepted', edited: null, reason: null, decidedAt: '2026-01-01T00:00:00.000Z', source: 'cli' };
    both('00000000000a', accepted);
    both('legacy-5', { ...accepted, state: 'rejected', reason: 'wrong' });
    both('00000000000a', PENDING_REVIEW);
    both('000000000003', { ...PENDING_REVIEW });
    assert.deepEqual(new Map(reviews), map);
    assert.equal(reviews.size, map.size);
    assert.equal(reviews.get('legacy-5')?.reason, 'wrong');
    assert.equal(reviews.get('00000000000a'), PENDING_REVIEW);
    assert.equal(reviews.get('missing'), undefined);
    assert.equal(reviews.has('missing'), false);
  });

  it('past its bound a CheckResultStore hands samples\' own lists to a file spill, and gives back equal lists', () => {
    const spill = new FileResultSpill();
    try {
      const store = new CheckResultStore(spill);
      const expected = new Map<string, readonly CheckResult[]>();
      // Distinct results well past the bound (10,000), long enough to fill the spill's buffer many times.
      for (let i = 0; i < 20_000; i += 1) {
        const id = i.toString(16).padStart(12, '0');
        const results: CheckResult[] = [
          { check: 'duplicate', status: 'pass', detail: 'no question above ROUGE-L 0.7' },
          { check: 'agreement', status: i % 3 === 0 ? 'fail' : 'pass', detail: `answer ${i} ${'x'.repeat(i % 50)}`, answers: { expected: String(i), got: String(i + 1) } },
        ];
        store.set(id, results);
        expected.set(id, results);
      }
      assert.deepEqual(new Map(store), expected);
      assert.deepEqual(store.get('000000004e1f'), expected.get('000000004e1f'));
    } finally {
      spill.close();
    }
  });
});
