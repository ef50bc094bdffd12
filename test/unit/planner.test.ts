// The planner: even coverage, never over either limit (checked over many random seed counts and
// budgets), stable keys across resumes and bigger budgets, tail shrinking, and the `auto` rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseStrategy, crossoverBand, fewShotWindows, planRun, planUnits } from '../../src/core/planner/index.ts';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import { STRATEGY_IDS } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import type { PlanOptions, WorkUnit } from '../../src/core/strategies/index.ts';
import { seededRandom as random } from '../../src/core/seededRandom.ts';

const OPTIONS: PlanOptions = { teacherModel: 't', augmenterModel: 'a' };

function seeds(count: number, offset = 0): Seed[] {
  return Array.from({ length: count }, (_, i) => {
    const question = `Question number ${i + offset}?`;
    const answer = `#### ${i + offset}`;
    return { line: i + 1, question, answer, hash: seedHash(question, answer) };
  });
}


const sum = (units: readonly WorkUnit[], field: 'teacherQueries' | 'augmenterCalls'): number => units.reduce((n, u) => n + u[field], 0);

/** Planned samples per seed line (AA, QR: the unit's seed). */
function perSeed(units: readonly WorkUnit[], count: number): number[] {
  const counts = new Array<number>(count).fill(0);
  for (const u of units) counts[u.seeds[0]!.line - 1]! += u.teacherQueries;
  return counts;
}

describe('planner limits (property-style)', () => {
  it('never plans more than either limit, spends the teacher budget exactly when it can, and keeps keys unique', () => {
    const rnd = random(20240929);
    for (let trial = 0; trial < 400; trial++) {
      const n = Math.floor(rnd() * 40) + 1;
      const q = Math.floor(rnd() * 300);
      const a = Math.floor(rnd() * 120);
      const perCall = Math.floor(rnd() * 5) + 1;
      const pool = seeds(n);
      const options = { ...OPTIONS, questionsPerCall: perCall, fewShotSize: Math.floor(rnd() * 8) + 1 };
      const context = `trial ${trial}: |S|=${n} Q=${q} A=${a} n=${perCall}`;
      for (const strategy of STRATEGY_IDS) {
        const units = planUnits(strategy, pool, { teacherQueries: q, augmenterCalls: a }, options);
        const t = sum(units, 'teacherQueries');
        const aug = sum(units, 'augmenterCalls');
        assert.ok(t <= q, `${strategy} teacher ${t} ≤ ${q}, ${context}`);
        assert.ok(aug <= a, `${strategy} augmenter ${aug} ≤ ${a}, ${context}`);
        assert.equal(new Set(units.map((u) => u.key)).size, units.length, `${strategy} unique keys, ${context}`);
        for (const u of units) {
          assert.equal(u.strategy, strategy);
          assert.ok(u.teacherQueries >= 1 && u.teacherQueries <= (strategy === 'answer-augmentation' ? 1 : perCall), `${strategy} batch size, ${context}`);
          assert.equal(u.augmenterCalls, strategy === 'answer-augmentation' ? 0 : 1);
          if (strategy !== 'answer-augmentation') assert.equal(u.params.count, u.teacherQueries);
        }
        // The teacher budget is used exactly, unless the augmenter limit stops the plan first.
        const expected = strategy === 'answer-augmentation' ? q : Math.min(q, a * perCall);
        assert.equal(t, expected, `${strategy} spends exactly what the limits allow, ${context}`);
      }
    }
  });

  it('a limit that is not a finite number is an error, not "unlimited"', () => {
    assert.throws(() => planUnits('answer-augmentation', seeds(3), { teacherQueries: Infinity, augmenterCalls: 0 }, OPTIONS), RangeError);
    assert.throws(() => planUnits('new-question', seeds(3), { teacherQueries: 5, augmenterCalls: Number.NaN }, OPTIONS), RangeError);
    assert.deepEqual(planUnits('question-rephrase', seeds(3), { teacherQueries: -4, augmenterCalls: 9 }, OPTIONS), []);
  });
});

describe('even coverage', () => {
  it('AA and QR: every seed gets its first sample before any gets a second, counts differ by at most one (property-style)', () => {
    const rnd = random(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(rnd() * 30) + 1;
      const q = Math.floor(rnd() * 200) + 1;
      const perCall = Math.floor(rnd() * 4) + 1;
      for (const strategy of ['answer-augmentation', 'question-rephrase'] as const) {
        const units = planUnits(strategy, seeds(n), { teacherQueries: q, augmenterCalls: q }, { ...OPTIONS, questionsPerCall: perCall });
        const counts = perSeed(units, n);
        const context = `${strategy} |S|=${n} Q=${q} n=${perCall}: ${counts.join(',')}`;
        assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, context);
        if (q >= n) assert.ok(Math.min(...counts) >= 1, context);
        // Round-robin order: a seed's round r unit comes after every seed's round r-1 unit.
        const rounds = units.map((u) => u.params.round as number);
        assert.deepEqual(rounds, [...rounds].sort((x, y) => x - y), context);
      }
    }
  });

  it('QR tail: a partial round spreads its batches over as many seeds as the augmenter limit allows', () => {
    const s = seeds(4);
    const count = (q: number, a: number): number[] => planUnits('question-rephrase', s, { teacherQueries: q, augmenterCalls: a }, { ...OPTIONS, questionsPerCall: 3 }).map((u) => u.params.count as number);
    assert.deepEqual(count(12, 12), [3, 3, 3, 3]);
    assert.deepEqual(count(14, 12), [3, 3, 3, 3, 1, 1]);
    assert.deepEqual(count(7, 12), [2, 2, 2, 1]);
    assert.deepEqual(count(7, 2), [3, 3], 'two calls can carry six of the seven queries');
    assert.deepEqual(count(3, 12), [1, 1, 1]);
    assert.deepEqual(count(12, 0), []);
  });

  it('NQ: the last call asks for what is left; the augmenter limit caps the calls', () => {
    const counts = (q: number, a: number): number[] => planUnits('new-question', seeds(10), { teacherQueries: q, augmenterCalls: a }, { ...OPTIONS, questionsPerCall: 3 }).map((u) => u.params.count as number);
    assert.deepEqual(counts(10, 10), [3, 3, 3, 1]);
    assert.deepEqual(counts(10, 2), [3, 3]);
    assert.deepEqual(counts(0, 5), []);
  });

  it('AA: samplesPerSeed caps the answers per seed', () => {
    const units = planUnits('answer-augmentation', seeds(3), { teacherQueries: 100, augmenterCalls: 0 }, { ...OPTIONS, samplesPerSeed: 2 });
    assert.deepEqual(perSeed(units, 3), [2, 2, 2]);
  });

  it('a repeated question is planned once', () => {
    const s = seeds(3);
    const dup: Seed = { ...s[0]!, line: 4, question: `  ${s[0]!.question.toUpperCase()} `, hash: 'ffffffffffffffff' };
    const units = planUnits('answer-augmentation', [...s, dup], { teacherQueries: 8, augmenterCalls: 0 }, OPTIONS);
    assert.ok(units.every((u) => u.seeds[0]!.line !== 4));
    assert.equal(planRun('answer-augmentation', [...s, dup], { teacherQueries: 8, augmenterCalls: 0 }, OPTIONS).seedCount, 3);
  });
});

describe('fewShotWindows', () => {
  it('windows have distinct items, and every item appears before any appears twice (property-style)', () => {
    for (let count = 1; count <= 25; count++) {
      for (let size = 1; size <= Math.min(count, 8); size++) {
        const windows = fewShotWindows(count, size);
        const seen = new Map<number, number>();
        const firstPass = Math.ceil(count / size);
        for (let w = 0; w < firstPass * 4; w++) {
          const window = windows.next().value;
          assert.equal(new Set(window).size, size, `count ${count} size ${size} window ${w}`);
          for (const i of window) seen.set(i, (seen.get(i) ?? 0) + 1);
          if (w === firstPass - 1) assert.equal(seen.size, count, `all shown in the first ${firstPass} windows (count ${count}, size ${size})`);
        }
        const shows = [...seen.values()];
        assert.ok(Math.max(...shows) - Math.min(...shows) <= 2, `balanced: ${shows.join(',')}`);
      }
    }
  });

  it('is deterministic, and does not always group the same items together', () => {
    const take = (k: number): number[][] => {
      const g = fewShotWindows(12, 6);
      return Array.from({ length: k }, () => g.next().value);
    };
    assert.deepEqual(take(6), take(6));
    const groups = take(6).map((w) => [...w].sort((x, y) => x - y).join(','));
    assert.ok(new Set(groups).size > 2, `passes reshuffle: ${groups.join(' | ')}`);
  });
});

describe('stable keys', () => {
  const strategies: StrategyId[] = [...STRATEGY_IDS];
  const limits = (q: number): { teacherQueries: number; augmenterCalls: number } => ({ teacherQueries: q, augmenterCalls: q });

  it('the same inputs give the same keys and units', () => {
    for (const strategy of strategies) {
      assert.deepEqual(planUnits(strategy, seeds(7), limits(40), OPTIONS), planUnits(strategy, seeds(7), limits(40), OPTIONS));
    }
  });

  it('a bigger budget keeps every earlier key, in order, and adds new ones after them', () => {
    for (const strategy of strategies) {
      for (const [small, big] of [[10, 25], [7, 8], [21, 60]] as const) {
        const before = planUnits(strategy, seeds(7), limits(small), OPTIONS).map((u) => u.key);
        const after = planUnits(strategy, seeds(7), limits(big), OPTIONS).map((u) => u.key);
        assert.deepEqual(after.slice(0, before.length), before, `${strategy} ${small} → ${big}`);
        // QR 7 → 8 over 7 seeds only grows a tail batch: same units, one asks for more.
        assert.ok(after.length >= before.length);
        assert.ok(sum(planUnits(strategy, seeds(7), limits(big), OPTIONS), 'teacherQueries') > sum(planUnits(strategy, seeds(7), limits(small), OPTIONS), 'teacherQueries'));
      }
    }
  });

  it('keys do not depend on line numbers (AA/QR), and change when a seed changes', () => {
    const s = seeds(4);
    const moved = s.map((x, i) => ({ ...x, line: 100 + i }));
    for (const strategy of ['answer-augmentation', 'question-rephrase'] as const) {
      assert.deepEqual(planUnits(strategy, moved, limits(12), OPTIONS).map((u) => u.key), planUnits(strategy, s, limits(12), OPTIONS).map((u) => u.key));
    }
    const edited = [...s.slice(0, 3), seeds(1, 99)[0]!];
    const keysOf = (x: Seed[]): string[] => planUnits('answer-augmentation', x, limits(4), OPTIONS).map((u) => u.key);
    assert.deepEqual(keysOf(edited).slice(0, 3), keysOf(s).slice(0, 3));
    assert.notEqual(keysOf(edited)[3], keysOf(s)[3]);
  });

  it('resume: done keys are skipped and cost nothing; the rest of the budget goes to new units', () => {
    for (const strategy of strategies) {
      const first = planRun(strategy, seeds(5), limits(11), OPTIONS);
      const done = new Set(first.units.map((u) => u.key));
      const spentT = first.teacherQueries;
      const spentA = first.augmenterCalls;
      // The session limit grows to 30: the budget left is 30 minus what the first run used.
      const resumed = planRun(strategy, seeds(5), { teacherQueries: 30 - spentT, augmenterCalls: 30 - spentA }, { ...OPTIONS, doneKeys: done });
      assert.ok(resumed.units.every((u) => !done.has(u.key)), strategy);
      assert.equal(resumed.teacherQueries, 30 - spentT, `${strategy} uses the rest exactly`);
      const full = planRun(strategy, seeds(5), limits(30), OPTIONS).units.map((u) => u.key);
      // Keys of a resumed plan are keys of the one-shot plan (or later ones), never new names for old work.
      for (const u of resumed.units.slice(0, 3)) assert.ok(full.includes(u.key), `${strategy} ${u.key}`);
    }
  });

  it('AA and QR keys name the seed and round; NQ keys the call index and the seeds shown', () => {
    const s = seeds(2);
    assert.deepEqual(planUnits('answer-augmentation', s, limits(3), OPTIONS).map((u) => u.key), [`aa:${s[0]!.hash}:0`, `aa:${s[1]!.hash}:0`, `aa:${s[0]!.hash}:1`]);
    assert.deepEqual(planUnits('question-rephrase', s, limits(3), OPTIONS).map((u) => u.key), [`qr:${s[0]!.hash}:0`, `qr:${s[1]!.hash}:0`]);
    const nq = planUnits('new-question', s, limits(6), OPTIONS).map((u) => u.key);
    assert.equal(nq.length, 2);
    assert.match(nq[0]!, /^nq:0:[0-9a-f]{8}$/);
    assert.match(nq[1]!, /^nq:1:[0-9a-f]{8}$/);
  });
});

describe('auto', () => {
  it('interpolates the crossover band on log |S|', () => {
    assert.deepEqual(crossoverBand(50), { crossover: 40, low: 27, high: 51 });
    assert.deepEqual(crossoverBand(100), { crossover: 40, low: 27, high: 51 });
    assert.deepEqual(crossoverBand(5000), { crossover: 17, low: 16, high: 18 });
    const mid = crossoverBand(Math.round(Math.sqrt(100 * 1000)));
    assert.ok(Math.abs(mid.crossover - 28.5) < 0.05, String(mid.crossover));
    assert.ok(Math.abs(mid.low - 21.5) < 0.05 && Math.abs(mid.high - 34.5) < 0.05);
  });

  it('picks AA below and inside the band, NQ above, QR above with a weak augmenter', () => {
    const cases: [number, number, boolean, StrategyId, string][] = [
      [100, 500, false, 'answer-augmentation', 'below'], // BR 5
      [100, 2600, false, 'answer-augmentation', 'below'], // BR 26 < 27
      [100, 3000, false, 'answer-augmentation', 'inside'], // BR 30
      [100, 4000, false, 'answer-augmentation', 'inside'], // BR 40
      [100, 6000, false, 'new-question', 'above'], // BR 60
      [100, 6000, true, 'question-rephrase', 'above'],
      [1000, 15000, false, 'answer-augmentation', 'below'], // BR 15 < 16
      [1000, 17000, false, 'answer-augmentation', 'inside'],
      [1000, 20000, false, 'new-question', 'above'], // BR 20 > 18
      [316, 10000, false, 'answer-augmentation', 'inside'], // BR 31.6 in 21.5–34.5
      [316, 12000, false, 'new-question', 'above'], // BR 38 > 34.5
    ];
    for (const [n, q, weak, strategy, zone] of cases) {
      const choice = chooseStrategy(n, q, weak);
      assert.equal(choice.strategy, strategy, `|S|=${n} Q=${q} weak=${weak}`);
      assert.equal(choice.zone, zone, `|S|=${n} Q=${q}`);
      assert.equal(choice.ratio, q / n);
      assert.match(choice.reason, /BR = Q\/\|S\|/);
    }
  });

  it('planRun("auto") plans the chosen strategy and says why', () => {
    const low = planRun('auto', seeds(10), { teacherQueries: 50, augmenterCalls: 50 }, OPTIONS);
    assert.equal(low.strategy, 'answer-augmentation');
    assert.match(low.reason, /Answer Augmentation \(auto\)\. BR = Q\/\|S\| = 50\/10 = 5/);
    assert.ok(low.units.every((u) => u.strategy === 'answer-augmentation'));
    const high = planRun('auto', seeds(10), { teacherQueries: 600, augmenterCalls: 600 }, { ...OPTIONS, weakAugmenter: true });
    assert.equal(high.strategy, 'question-rephrase');
    assert.equal(high.teacherQueries, 600);
    assert.equal(high.augmenterCalls, 200);
    const given = planRun('new-question', seeds(10), { teacherQueries: 5, augmenterCalls: 5 }, OPTIONS);
    assert.equal(given.choice, null);
    assert.match(given.reason, /^New Question, as chosen\. Plan: 2 unit\(s\) over 10 seed\(s\), at most 5 of 5 teacher queries and 2 of 5 augmenter calls\.$/);
    assert.equal(planRun('auto', [], { teacherQueries: 5, augmenterCalls: 5 }, OPTIONS).units.length, 0);
  });
});
