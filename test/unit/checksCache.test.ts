import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { ChecksCache } from '../../src/host/checks/checksCache.ts';
import { countEventLoopTurns } from '../support/eventLoopTurns.ts';

const WORKER = new URL('../../src/host/checks/checksWorker.ts', import.meta.url);

const at = '2026-12-01T00:00:00.000Z';
const seed: Seed = { line: 1, question: 'What is 2 + 2?', answer: '#### 4', hash: seedHash('What is 2 + 2?', '#### 4') };
const wrong: Sample = {
  id: 's1', unitKey: 'u1', runId: 'r1', outputKey: 'a0', strategy: 'answer-augmentation', question: seed.question, answer: 'It is 5.\n#### 5', flags: [],
  seedLines: [1], seedHashes: [seed.hash], exampleSampleIds: [], calls: [], teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
};

describe('checks cache', () => {
  it('gives the checks of the session as it is now, from the worker, even while a recomputation waits for quiet', async () => {
    let updates = 0;
    const cache = new ChecksCache('/nowhere', () => updates++, WORKER);
    try {
      const state = reduceJournal([{ type: 'sample', at, sample: wrong } satisfies JournalEvent]);
      cache.refresh(state, [seed], 'v1');
      assert.equal(cache.all().size, 0, 'the scheduled computation has not run yet');
      // The host's thread keeps turning while the worker answers: nothing is checked on it.
      const loop = countEventLoopTurns();
      const results = await cache.now(state, [seed], 'v1');
      const turns = loop.stop();
      assert.ok(turns > 0, 'now() waited for the worker instead of checking on the host');
      assert.equal(results.get('s1')?.find((r) => r.check === 'gold-match')?.status, 'fail');
      assert.ok(cache.fails('s1'));
      assert.equal(updates, 1);
      await cache.now(state, [seed], 'v1');
      assert.equal(updates, 1, 'nothing changed: no second computation');
    } finally {
      cache.dispose();
    }
  });

  it('checks on the host when the worker cannot answer (its file is missing)', async () => {
    let updates = 0;
    const cache = new ChecksCache('/nowhere', () => updates++);
    try {
      const state = reduceJournal([{ type: 'sample', at, sample: wrong } satisfies JournalEvent]);
      const results = await cache.now(state, [seed], 'v1');
      assert.equal(results.get('s1')?.find((r) => r.check === 'gold-match')?.status, 'fail');
      assert.equal(updates, 1);
      await cache.now(state, [seed], 'v1');
      assert.equal(updates, 1, 'nothing changed: no second computation');
    } finally {
      cache.dispose();
    }
  });

  it('keeps the results of the file shown when the person leaves it and comes back within the quiet period', async () => {
    let updated: () => void = () => undefined;
    const cache = new ChecksCache('/nowhere', () => updated(), WORKER);
    const state = reduceJournal([{ type: 'sample', at, sample: wrong } satisfies JournalEvent]);
    const nextUpdate = (): Promise<void> => new Promise((resolve) => { updated = resolve; });
    // The cache's quiet period is a timer: the test moves the clock instead of waiting on it.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let answered = nextUpdate();
      cache.refresh(state, [seed], 'v1');
      mock.timers.tick(1_000);
      await answered;
      assert.ok(cache.fails('s1'), 'the worker checked the session');
      // Another file (no samples), then this one again, faster than the quiet period.
      cache.refresh(reduceJournal([]), null, 'other');
      cache.refresh(state, [seed], 'v1');
      mock.timers.tick(1_000);
      // Then a sample of this session the worker has not seen: its answer comes after any send
      // queued for the other file.
      const more = reduceJournal([{ type: 'sample', at, sample: wrong } satisfies JournalEvent, { type: 'sample', at, sample: { ...wrong, id: 's2', outputKey: 'a1' } } satisfies JournalEvent]);
      answered = nextUpdate();
      cache.refresh(more, [seed], 'v1');
      mock.timers.tick(1_000);
      await answered;
    } finally {
      mock.timers.reset();
    }
    assert.ok(cache.fails('s1'), 'the results still belong to the file shown, not to the one left');
    assert.ok(cache.fails('s2'));
    cache.dispose();
  });
});
