// The editor's strategy estimates are counted on a worker thread: the extension host's thread
// gets the recommendation at once, keeps turning its event loop while the tokens are counted,
// and gets the estimates when the worker answers. A newer request replaces one still running.
// The worker runs from its source file here (the extension loads dist/estimateWorker.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Settings } from '../../src/host/settings.ts';
import { AdvisorView } from '../../src/host/advisor/advisorView.ts';
import { EstimateThread, SUPERSEDED } from '../../src/host/advisor/estimateThread.ts';
import { STRATEGY_IDS } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/index.ts';
import { seedFileText } from '../support/seedFixtures.ts';

const WORKER = new URL('../../src/host/advisor/estimateWorker.ts', import.meta.url);

const SETTINGS: Settings = {
  teacherLimit: 30,
  augmenterLimit: 30,
  baseUrl: 'http://127.0.0.1:1/v1',
  ensemble: [],
  teacherModel: 'gpt-4o',
  augmenterModel: 'gpt-4o',
  weakAugmenter: false,
  strategy: 'auto',
  samplesPerSeed: undefined,
  questionsPerCall: 3,
  concurrency: 1,
  timeoutMs: 1000,
  pricing: {},
  promptOverridesFile: 'seedsmith.jsonc',
  flaggedFirst: true,
};

function longSeeds(): readonly Seed[] {
  const long = JSON.stringify({ question: 'x'.repeat(1 << 20), answer: 'y' });
  return indexSeedText(`${seedFileText(5)}${long}\n`).seeds;
}

/** Resolves on the next call of the returned callback. */
function updates(): { onUpdated: () => void; next: () => Promise<void> } {
  let wake: (() => void) | undefined;
  const queue: number[] = [];
  return {
    onUpdated: () => (wake ? (wake(), (wake = undefined)) : queue.push(1)),
    next: () => (queue.shift() !== undefined ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve))),
  };
}

describe('the editor’s estimate worker', () => {
  it('shows the recommendation first, then the estimates counted off the host’s thread, for a seed with a 1 MB unbroken line', async () => {
    const { onUpdated, next } = updates();
    const view = new AdvisorView('/nowhere', onUpdated, WORKER);
    try {
      view.refresh(longSeeds(), 'v1', SETTINGS);
      await next();
      assert.equal(view.current.recommendation?.strategy !== undefined, true);
      assert.equal(view.current.estimates.length, 0);
      // While the worker counts, this thread keeps serving its event loop.
      let turns = 0;
      let turning = true;
      const turn = () => {
        turns++;
        if (turning) setImmediate(turn);
      };
      setImmediate(turn);
      await next();
      turning = false;
      assert.ok(turns > 0, 'the event loop did not turn while the estimates were counted');
      const estimates = view.current.estimates;
      assert.deepEqual(estimates.map((e) => e.strategy), [...STRATEGY_IDS]);
      const aa = estimates.find((e) => e.strategy === 'answer-augmentation')!;
      assert.equal(aa.teacherQueries, 30);
      assert.ok(aa.inputTokens.low > 100_000, `input tokens ${aa.inputTokens.low}: the long seed is counted in`);
    } finally {
      view.dispose();
    }
  });

  it('replaces a job still running by a newer one', async () => {
    const thread = new EstimateThread(WORKER);
    try {
      const job = (seeds: readonly Seed[]) => ({ seeds, limits: { teacherQueries: 10, augmenterCalls: 10 }, options: { teacherModel: 'gpt-4o', augmenterModel: 'gpt-4o' } });
      const first = thread.run(job(longSeeds()));
      const second = thread.run(job(indexSeedText(seedFileText(3)).seeds));
      assert.equal(await first, SUPERSEDED);
      const estimates = await second;
      assert.notEqual(estimates, SUPERSEDED);
      assert.deepEqual((estimates as readonly { teacherQueries: number }[]).map((e) => e.teacherQueries), [10, 10, 10]);
    } finally {
      thread.dispose();
    }
  });
});
