// The editor's cache of check results (src/host/checks/checksCache.ts): results follow the
// session shown, even when the person leaves a seed file and comes back before the quiet period
// after leaving is over.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { ChecksCache } from '../../src/host/checks/checksCache.ts';

const at = '2025-03-01T12:00:00.000Z';
const seed: Seed = { line: 1, question: 'Tom has 3 boxes of 12 pencils. How many pencils does he have?', answer: 'He has 3 * 12 = 36 pencils.\n#### 36', hash: seedHash('Tom has 3 boxes of 12 pencils. How many pencils does he have?', 'He has 3 * 12 = 36 pencils.\n#### 36') };

function sampleEvent(id: string, answer: string): JournalEvent {
  return {
    type: 'sample', at,
    sample: {
      id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy: 'answer-augmentation', question: seed.question, answer, flags: [],
      seedLines: [1], seedHashes: [seed.hash], exampleSampleIds: [],
      calls: [{ role: 'teacher', cacheKey: `k-${id}`, prompt: { id: 'answer.cot.v1', hash: 'p1' }, sampling: { temperature: 0.7, maxTokens: 512 }, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop', bought: true }],
      teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
    },
  };
}

const withSamples = reduceJournal([sampleEvent('right', 'So 3 * 12 = 36.\n#### 36'), sampleEvent('wrong', 'So 3 * 12 = 30.\n#### 30')]);
const otherFile = reduceJournal([]);
const QUIET = 1_000; // longer than the cache's quiet period

describe('checks cache', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('computes once things went quiet, and tells its listener', () => {
    let updates = 0;
    const cache = new ChecksCache(() => updates++);
    cache.refresh(withSamples, [seed], 'seeds.jsonl');
    assert.equal(cache.all().size, 0, 'nothing before the quiet period');
    mock.timers.tick(QUIET);
    assert.equal(updates, 1);
    assert.equal(cache.fails('wrong'), true);
    assert.equal(cache.fails('right'), false);
  });

  it('gives the checks of the session as it is now, even while a recomputation waits for quiet', () => {
    let updates = 0;
    const cache = new ChecksCache(() => updates++);
    cache.refresh(withSamples, [seed], 'seeds.jsonl');
    assert.equal(cache.all().size, 0, 'the scheduled computation has not run yet');
    const results = cache.now(withSamples, [seed], 'seeds.jsonl');
    assert.equal(results.get('wrong')?.find((r) => r.check === 'gold-match')?.status, 'fail');
    assert.equal(updates, 1);
    cache.now(withSamples, [seed], 'seeds.jsonl');
    assert.equal(updates, 1, 'nothing changed: no second computation');
    cache.dispose();
  });

  it('keeps the results of the session shown when the person leaves its file and comes back within the quiet period', () => {
    const cache = new ChecksCache(() => undefined);
    cache.refresh(withSamples, [seed], 'seeds.jsonl');
    mock.timers.tick(QUIET);
    const version = cache.version;
    // Another file (no samples), then this one again, faster than the quiet period.
    cache.refresh(otherFile, null, 'other.jsonl');
    cache.refresh(withSamples, [seed], 'seeds.jsonl');
    mock.timers.tick(QUIET);
    assert.equal(cache.fails('wrong'), true, 'the results still belong to the file shown, not to the one left');
    assert.ok(cache.get('right').some((result) => result.check === 'gold-match'));
    assert.equal(cache.version, version, 'nothing was recomputed: the results shown were already right');
  });

  it('gives the checks of the file shown, not of one left within the quiet period, when asked for them now (auto-reject)', () => {
    const cache = new ChecksCache(() => undefined);
    cache.now(withSamples, [seed], 'seeds.jsonl');
    cache.refresh(otherFile, null, 'other.jsonl');
    const results = cache.now(withSamples, [seed], 'seeds.jsonl');
    assert.equal(results.get('wrong')?.find((r) => r.check === 'gold-match')?.status, 'fail');
  });
});
