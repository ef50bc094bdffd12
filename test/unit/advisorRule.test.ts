// The strategy rule: the crossover at the paper's points and in between, the zone and strategy
// around each band edge for 100, 1,000 and 10,000 seeds with and without a weak augmenter, the
// words and sources of the reason, the alternatives and the mixed plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossoverAt, FIGURES, formatRatio, recommendStrategy } from '../../src/core/advisor/index.ts';
import type { Confidence } from '../../src/core/advisor/index.ts';
import { chooseStrategy, planRun } from '../../src/core/planner/index.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import { STRATEGY_IDS } from '../../src/core/samples/sample.ts';

const seed = (n: number): Seed => ({ line: n, question: `Question number ${n}?`, answer: `#### ${n}`, hash: seedHash(`Question number ${n}?`, `#### ${n}`) });

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('crossover', () => {
  it('is the paper reading at 100 seeds and at 1,000, held outside', () => {
    for (const n of [1, 50, 100]) {
      const c = crossoverAt(n);
      assert.deepEqual([c.value, c.low, c.high, c.seedCount], [40, 27, 51, n]);
      assert.ok(c.source.includes(FIGURES.crossoverSmall.text), c.source);
    }
    for (const n of [1000, 5000, 10_000]) {
      const c = crossoverAt(n);
      assert.deepEqual([c.value, c.low, c.high], [17, 16, 18]);
      assert.ok(c.source.includes(FIGURES.crossoverLarge.text), c.source);
    }
    assert.match(crossoverAt(50).source, /fewer seeds use this reading/);
    assert.match(crossoverAt(10_000).source, /more seeds use this reading/);
  });

  it('is interpolated on log |S| in between, and says so', () => {
    const mid = crossoverAt(Math.sqrt(100 * 1000)); // halfway on the log scale
    close(mid.value, 28.5, 'value');
    close(mid.low, 21.5, 'low');
    close(mid.high, 34.5, 'high');
    const quarter = crossoverAt(100 * 10 ** 0.25);
    close(quarter.value, 40 - 23 / 4, 'quarter value');
    assert.match(mid.source, /^interpolated on log \|S\| between the paper's readings at 100 seeds \(≈ 40, band 27–51\) and at 1,000 seeds \(≈ 17, band 16–18\)/);
    assert.match(mid.source, /approximate readings of the figures of arXiv 2409\.19759/);
  });
});

type Case = readonly [seeds: number, budget: number, weak: boolean, strategy: StrategyId, zone: 'below' | 'inside' | 'above', confidence: Confidence];

// For each seed count: BR just below the band's low edge, on each edge, inside, just above the high edge.
const CASES: readonly Case[] = [
  [100, 2699, false, 'answer-augmentation', 'below', 'clear'], // 26.99
  [100, 2700, false, 'answer-augmentation', 'inside', 'uncertain'], // 27, the edge belongs to the band
  [100, 4000, false, 'answer-augmentation', 'inside', 'uncertain'],
  [100, 5100, false, 'answer-augmentation', 'inside', 'uncertain'], // 51
  [100, 5101, false, 'new-question', 'above', 'clear'], // 51.01
  [100, 2699, true, 'answer-augmentation', 'below', 'clear'],
  [100, 4000, true, 'answer-augmentation', 'inside', 'uncertain'],
  [100, 5101, true, 'question-rephrase', 'above', 'clear'],
  [1000, 15_999, false, 'answer-augmentation', 'below', 'clear'], // 15.999
  [1000, 16_000, false, 'answer-augmentation', 'inside', 'uncertain'],
  [1000, 17_000, false, 'answer-augmentation', 'inside', 'uncertain'],
  [1000, 18_000, false, 'answer-augmentation', 'inside', 'uncertain'],
  [1000, 18_001, false, 'new-question', 'above', 'clear'], // 18.001
  [1000, 15_999, true, 'answer-augmentation', 'below', 'clear'],
  [1000, 17_000, true, 'answer-augmentation', 'inside', 'uncertain'],
  [1000, 18_001, true, 'question-rephrase', 'above', 'clear'],
  // Thousands of seeds: the choice matters little and the cheapest is fine, wherever BR falls.
  [10_000, 159_999, false, 'answer-augmentation', 'below', 'matters-little'],
  [10_000, 170_000, false, 'answer-augmentation', 'inside', 'matters-little'],
  [10_000, 180_001, false, 'answer-augmentation', 'above', 'matters-little'],
  [10_000, 159_999, true, 'answer-augmentation', 'below', 'matters-little'],
  [10_000, 170_000, true, 'answer-augmentation', 'inside', 'matters-little'],
  [10_000, 180_001, true, 'answer-augmentation', 'above', 'matters-little'],
];

describe('the rule around each band edge', () => {
  for (const [seeds, budget, weak, strategy, zone, confidence] of CASES) {
    it(`|S| = ${seeds}, Q = ${budget}${weak ? ', weak augmenter' : ''} → ${strategy} (${zone}, ${confidence})`, () => {
      const r = recommendStrategy({ seedCount: seeds, teacherQueries: budget, weakAugmenter: weak });
      assert.equal(r.ratio, budget / seeds);
      assert.equal(r.zone, zone);
      assert.equal(r.strategy, strategy);
      assert.equal(r.confidence, confidence);
      assert.equal(r.mixedPlan === null, confidence !== 'uncertain', 'a mixed plan exactly when uncertain');
      assert.deepEqual(r.alternatives.map((a) => a.strategy), STRATEGY_IDS.filter((s) => s !== strategy));
      for (const a of r.alternatives) assert.match(a.why, /^(Answer Augmentation|Question Rephrase|New Question): \S/);
    });
  }

  it('`auto` (chooseStrategy) runs the strategy the advisor recommends, 5,000 seeds and more included', () => {
    for (const seeds of [10, 100, 316, 1000, 4999, 5000, 10_000]) {
      for (const ratio of [1, 12, 16.5, 20, 27, 35, 51, 60, 600]) {
        for (const weak of [false, true]) {
          const budget = Math.round(ratio * seeds);
          const auto = chooseStrategy(seeds, budget, weak);
          const advice = recommendStrategy({ seedCount: seeds, teacherQueries: budget, weakAugmenter: weak });
          assert.equal(auto.strategy, advice.strategy, `|S|=${seeds} Q=${budget} weak=${weak}`);
          assert.equal(auto.zone, advice.zone);
          assert.deepEqual(auto.band, { crossover: advice.crossover.value, low: advice.crossover.low, high: advice.crossover.high });
        }
      }
    }
  });

  it('the plan `auto` runs is of the strategy whose estimate is shown (5,000+ seeds above the band)', () => {
    const seeds = Array.from({ length: 6000 }, (_, i) => seed(i + 1));
    const budget = 6000 * 20; // BR 20, above the band for 6,000 seeds
    const advice = recommendStrategy({ seedCount: seeds.length, teacherQueries: budget });
    assert.equal(advice.zone, 'above');
    const auto = planRun('auto', seeds, { teacherQueries: budget, augmenterCalls: budget }, { teacherModel: 't', augmenterModel: 'a' });
    assert.equal(auto.strategy, advice.strategy);
  });
});

describe('the reason', () => {
  it('names BR, the crossover and its source', () => {
    const r = recommendStrategy({ seedCount: 100, teacherQueries: 2699 });
    assert.ok(r.reason.startsWith('BR = Q / |S| = 2,699 / 100 = 26.99. '), r.reason);
    assert.match(r.reason, /the crossover, where New Question starts to beat Answer Augmentation, is BR ≈ 40 \(band 27–51\)\. Source: /);
    assert.ok(r.reason.includes(r.crossover.source), 'the crossover source is quoted');
    assert.match(r.reason, /approximate readings of the figures of arXiv 2409\.19759/);
    assert.match(r.reason, /BR 26\.99 is below the band/);
  });

  it('never prints a BR just below an edge as the edge itself', () => {
    const r = recommendStrategy({ seedCount: 1000, teacherQueries: 15_999 });
    assert.match(r.reason, /= 15\.999\. /);
    assert.match(r.reason, /BR 15\.999 is below the band/);
    assert.equal(formatRatio(15.999, [16, 18, 17]), '15.999');
    assert.equal(formatRatio(16, [16, 18, 17]), '16');
    assert.equal(formatRatio(16.666666, [16, 18, 17]), '16.67');
  });

  it('cites the paper finding each verdict rests on', () => {
    assert.ok(recommendStrategy({ seedCount: 100, teacherQueries: 500 }).reason.includes(FIGURES.answerAugmentationAgreed.text), 'BR 5 < 12');
    assert.ok(!recommendStrategy({ seedCount: 100, teacherQueries: 2000 }).reason.includes(FIGURES.answerAugmentationAgreed.text), 'BR 20 > 12');
    assert.ok(recommendStrategy({ seedCount: 100, teacherQueries: 6000 }).reason.includes(FIGURES.newQuestionKeepsImproving.text));
    assert.ok(recommendStrategy({ seedCount: 100, teacherQueries: 6000, weakAugmenter: true }).reason.includes(FIGURES.weakAugmenterLoss.text));
    const large = recommendStrategy({ seedCount: 10_000, teacherQueries: 200_000 });
    assert.ok(large.reason.includes(FIGURES.largeSeedSet.text));
    assert.match(large.reason, /the cheapest \(no augmenter calls\), is fine/);
    assert.match(large.reason, /would pick New Question here/);
    assert.doesNotMatch(recommendStrategy({ seedCount: 10_000, teacherQueries: 50_000 }).reason, /would pick/);
  });

  it('uses the interpolated crossover between 100 and 1,000 seeds', () => {
    const r = recommendStrategy({ seedCount: 316, teacherQueries: 10_000 }); // BR 31.65, band 21.5–34.5
    assert.equal(r.zone, 'inside');
    assert.match(r.reason, /is BR ≈ 28\.5 \(band 21\.5–34\.5\)\. Source: interpolated on log \|S\|/);
  });
});

describe('the mixed plan', () => {
  it('puts AA up to crossover × |S| and the rest into NQ, labelled an extrapolation', () => {
    const r = recommendStrategy({ seedCount: 100, teacherQueries: 5000 }); // BR 50, crossover 40
    const plan = r.mixedPlan;
    assert.ok(plan);
    assert.equal(plan.extrapolation, true);
    assert.equal(plan.label, 'an extrapolation, not a result of the paper');
    assert.match(plan.text, /^Mixed plan \(an extrapolation, not a result of the paper\): /);
    assert.deepEqual(plan.steps, [
      { strategy: 'answer-augmentation', teacherQueries: 4000 },
      { strategy: 'new-question', teacherQueries: 1000 },
    ]);
  });

  it('is all AA when the budget ends before the crossover, and says so', () => {
    const plan = recommendStrategy({ seedCount: 100, teacherQueries: 3000 }).mixedPlan;
    assert.ok(plan);
    assert.deepEqual(plan.steps.map((s) => s.teacherQueries), [3000, 0]);
    assert.match(plan.text, /ends before the crossover/);
  });

  it('continues with QR instead of NQ when the augmenter is weak', () => {
    const plan = recommendStrategy({ seedCount: 1000, teacherQueries: 17_500, weakAugmenter: true }).mixedPlan;
    assert.ok(plan);
    assert.deepEqual(plan.steps, [
      { strategy: 'answer-augmentation', teacherQueries: 17_000 },
      { strategy: 'question-rephrase', teacherQueries: 500 },
    ]);
    assert.match(plan.text, /Question Rephrase \(not New Question: the augmenter is weak\)/);
  });

  it('adds up to the budget at an interpolated crossover', () => {
    const r = recommendStrategy({ seedCount: 316, teacherQueries: 10_000 });
    const plan = r.mixedPlan;
    assert.ok(plan);
    assert.equal(plan.steps[0].teacherQueries, Math.floor(r.crossover.value * 316));
    assert.equal(plan.steps[0].teacherQueries + plan.steps[1].teacherQueries, 10_000);
  });
});

describe('input checks', () => {
  it('refuses no seeds and a negative budget', () => {
    assert.throws(() => recommendStrategy({ seedCount: 0, teacherQueries: 10 }), /at least one seed/);
    assert.throws(() => recommendStrategy({ seedCount: 10, teacherQueries: -1 }), /budget/);
  });
});
