// `seedsmith recommend` run as a real process: the JSON contract, the printed advice, bad input
// (exit 2 with a sentence saying what and where), and the promise that matters most: the
// estimate's teacher queries and augmenter calls are what `generate` then spends.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { STRATEGY_IDS } from '../../src/core/samples/sample.ts';
import { makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';
import { seedsmith as runSeedsmith, type CliRun } from '../support/engineCli.ts';

const MODEL = 'seedsmith-teacher';

// The shared CLI runner (test/support/engineCli.ts), with the environment as the second argument.
const seedsmith = (args: readonly string[], env: Record<string, string> = {}) => runSeedsmith(args, { env });

function json(run: CliRun): Record<string, unknown> {
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('seedsmith recommend', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let seeds: string;

  before(async () => {
    dir = await makeTempDir();
    seeds = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seeds, { count: 100 });
  });
  after(async () => {
    await dir.remove();
  });

  it('prints one JSON object with the advice, the crossover, estimates per strategy, and no feedback without a session', async () => {
    const out = json(await seedsmith(['recommend', seeds, '--budget', '3000', '--json']));
    assert.equal(out.ratio, 30);
    assert.equal(out.strategy, 'answer-augmentation');
    assert.equal(out.confidence, 'uncertain');
    assert.match(String(out.reason), /^BR = Q \/ \|S\| = 3,000 \/ 100 = 30\. /);
    assert.deepEqual(Object.keys(out.crossover as object).sort(), ['high', 'low', 'seedCount', 'source', 'value']);
    assert.equal((out.crossover as { value: number }).value, 40);
    assert.deepEqual(Object.keys(out.estimates as object), [...STRATEGY_IDS]);
    const estimates = out.estimates as Record<string, { teacherQueries: number; augmenterCalls: number; samples: number; cost: { priced: boolean; message: string } }>;
    assert.deepEqual([estimates['question-rephrase']?.teacherQueries, estimates['question-rephrase']?.augmenterCalls], [3000, 1000]);
    assert.match(estimates['answer-augmentation']?.cost.message ?? '', /^no price set for the teacher model \(none named\)$/);
    assert.deepEqual((out.alternatives as { strategy: string }[]).map((a) => a.strategy), ['question-rephrase', 'new-question']);
    assert.equal((out.mixedPlan as { extrapolation: boolean }).extrapolation, true);
    assert.equal(out.feedback, null);
  });

  it('prints the advice, the estimates table, why not the others and the mixed plan with its commands', async () => {
    const run = await seedsmith(['recommend', seeds, '--budget', '5000', '--teacher-model', 'gpt-x']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'Recommended: Answer Augmentation (answer-augmentation); uncertain: BR is inside the crossover band.');
    assert.match(run.stdout, /\n {2}strategy +samples +teacher +augmenter +tokens in +tokens out +cost\n\* answer-augmentation +5,000 +5,000 +0 /);
    assert.match(run.stdout, /\n {2}new-question +5,000 +5,000 +1,667 /);
    assert.match(run.stdout, /\nWhy not the others:\n {2}- Question Rephrase: [^\n]+\n {2}- New Question: /);
    assert.match(run.stdout, /\nMixed plan \(an extrapolation, not a result of the paper\): spend the first 4,000 teacher queries on Answer Augmentation/);
    assert.ok(run.stdout.includes(`  seedsmith generate ${seeds} --budget 4000 --strategy answer-augmentation --teacher-model gpt-x\n`), run.stdout);
    assert.ok(run.stdout.includes(`  seedsmith generate ${seeds} --budget 5000 --strategy new-question --teacher-model gpt-x `), run.stdout);
    assert.match(run.stdout, /no price set for gpt-x/);
  });

  it('prices the estimates from a pricing file', async () => {
    const prices = join(dir.path, 'prices.json');
    await writeFile(prices, '{"gpt-x": {"inputPerMillion": 2, "outputPerMillion": 8}, "small": {"inputPerMillion": 0.1, "outputPerMillion": 0.2}}');
    const out = json(await seedsmith(['recommend', seeds, '--budget', '600', '--teacher-model', 'gpt-x', '--augmenter-model', 'small', '--pricing', prices, '--json']));
    const estimates = out.estimates as Record<string, { cost: { priced: boolean; low: number; high: number }; teacher: { inputTokens: { low: number } } }>;
    for (const id of STRATEGY_IDS) {
      const cost = estimates[id]?.cost;
      assert.ok(cost?.priced && cost.low > 0 && cost.low <= cost.high, `${id}: ${JSON.stringify(cost)}`);
    }
    const aa = estimates['answer-augmentation']!;
    assert.ok(aa.cost.low >= (aa.teacher.inputTokens.low * 2) / 1e6, 'at least the teacher input at its price');
  });

  it('finishes on a seed file with a 1 MB unbroken line, warning about that seed and estimating its tokens', async () => {
    const long = join(dir.path, 'long.jsonl');
    const longLine = JSON.stringify({ question: 'x'.repeat(1 << 20), answer: 'y' });
    await writeFile(long, `${longLine}\n{"question": "What is 2 + 2?", "answer": "4"}\n`);
    // Counting the whole line takes minutes; bounded, it takes about a second.
    const run = await runSeedsmith(['recommend', long, '--budget', '10', '--teacher-model', 'gpt-4o', '--json'], { timeoutMs: 60_000 });
    const out = json(run);
    assert.match(run.stderr, new RegExp(`^${long.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:13: warning: very long seed: 1,048,577 characters`, 'm'));
    const aa = (out.estimates as Record<string, { inputTokens: { low: number } }>)['answer-augmentation']!;
    assert.ok(aa.inputTokens.low > 100_000, `input tokens ${aa.inputTokens.low}`);
  });

  it('exits 2 with a sentence for a missing budget, a file with no valid seed, a bad pricing file and a missing session', async () => {
    const bad = join(dir.path, 'bad.jsonl');
    await writeFile(bad, '{"question": "no answer here"}\nnot json\n');
    const prices = join(dir.path, 'broken.json');
    await writeFile(prices, '{\n  "gpt-x": {"inputPerMillion": 2, "outputPerMillion": }\n}');
    // Independent processes: run side by side.
    const [noBudget, zero, noSeed, badPrices, missingPrices, noSession] = await Promise.all([
      seedsmith(['recommend', seeds]),
      seedsmith(['recommend', seeds, '--budget', '0']),
      seedsmith(['recommend', bad, '--budget', '10', '--json']),
      seedsmith(['recommend', seeds, '--budget', '10', '--pricing', prices]),
      seedsmith(['recommend', seeds, '--budget', '10', '--pricing', join(dir.path, 'nope.json')]),
      seedsmith(['recommend', seeds, '--budget', '10', '--session', join(dir.path, 'nowhere')]),
    ]);
    for (const run of [noBudget, zero, noSeed, badPrices, missingPrices, noSession]) assert.equal(run.code, 2, run.stderr);
    assert.match(noBudget.stderr, /^seedsmith recommend: --budget is required: the number of teacher queries you mean to spend/);
    assert.match(zero.stderr, /--budget must be a whole number ≥ 1, got "0"/);
    assert.match(noSeed.stderr, /seedsmith recommend: "[^"]+bad\.jsonl" has no valid seed\./);
    assert.match(noSeed.stdout, /^\{"error":\{"message":"seedsmith recommend: /);
    assert.match(badPrices.stderr, /^seedsmith recommend: the pricing file cannot be used \(no price was read from it\):\n/);
    assert.ok(badPrices.stderr.includes(`${prices}:2:`), badPrices.stderr);
    assert.match(missingPrices.stderr, /cannot read the pricing file "[^"]+nope\.json": no such file\./);
    assert.match(noSession.stderr, /no session journal in/);
  });
});

describe('recommend, then generate with the same strategy and budget', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let seeds: string;
  let teacher: TestTeacher;
  let env: Record<string, string>;
  const BUDGET = 45;

  before(async () => {
    dir = await makeTempDir();
    seeds = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seeds, { count: 20 });
    teacher = await startTestTeacher();
    env = { OPENAI_API_KEY: 'x', OPENAI_BASE_URL: teacher.url };
  });
  after(async () => {
    await teacher.close();
    await dir.remove();
  });

  for (const strategy of STRATEGY_IDS) {
    it(`${strategy}: the estimate's teacher queries and augmenter calls are what status reports spent`, async () => {
      // Answer augmentation uses the seed file's own session, which recommend finds without --session.
      const ownSession = strategy === 'answer-augmentation';
      const session = ownSession ? join(dir.path, '.seedsmith', 'seeds') : join(dir.path, `session-${strategy}`);
      const advice = json(await seedsmith(['recommend', seeds, '--budget', String(BUDGET), '--teacher-model', MODEL, '--json'], env));
      const estimate = (advice.estimates as Record<string, { teacherQueries: number; augmenterCalls: number; samples: number }>)[strategy]!;
      assert.equal(estimate.teacherQueries, BUDGET);
      if (strategy !== 'answer-augmentation') assert.ok(estimate.augmenterCalls > 0);

      const where = ownSession ? [] : ['--session', session];
      const generated = await seedsmith(['generate', seeds, '--budget', String(BUDGET), '--strategy', strategy, '--teacher-model', MODEL, ...where, '--json'], env);
      assert.equal(generated.code, 0, generated.stderr + generated.stdout);
      const status = json(await seedsmith(['status', '--session', session, '--json'], env)) as { teacher: { spent: number }; augmenter: { spent: number }; samples: { total: number } };
      assert.equal(status.teacher.spent, estimate.teacherQueries, 'teacher queries');
      assert.equal(status.augmenter.spent, estimate.augmenterCalls, 'augmenter calls');
      assert.equal(status.samples.total, estimate.samples, 'samples');

      // The session now feeds back: the same counts, seen from the samples' own call records.
      const again = json(await seedsmith(['recommend', seeds, '--budget', String(BUDGET), ...where, '--json'], env));
      assert.equal((again.session as { dir: string }).dir, session);
      const feedback = again.feedback as { strategies: { strategy: string; samples: number; pending: number; teacherQueries: number; augmenterCalls: number }[] };
      assert.deepEqual(feedback.strategies.map((s) => [s.strategy, s.samples, s.pending, s.teacherQueries, s.augmenterCalls]), [[strategy, estimate.samples, estimate.samples, BUDGET, estimate.augmenterCalls]]);
    });
  }

  it('shows the feedback table, reasons and the session spend after decisions', async () => {
    const session = join(dir.path, '.seedsmith', 'seeds');
    const samples = json(await seedsmith(['samples', '--session', session, '--json'])) as { samples: { id: string }[] };
    const ids = samples.samples.map((s) => s.id);
    assert.equal((await seedsmith(['decide', '--session', session, '--accept', ...ids.slice(0, 3)])).code, 0);
    assert.equal((await seedsmith(['decide', '--session', session, '--reject', ids[3]!, '--reason', 'wrong final answer'])).code, 0);
    const run = await seedsmith(['recommend', seeds, '--budget', String(BUDGET), '--session', session]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes(`This session has already spent ${BUDGET} teacher queries and 0 augmenter calls`), run.stdout);
    assert.ok(run.stdout.includes(`How the strategies have done in the session ${session}:`), run.stdout);
    assert.match(run.stdout, /\n {2}answer-augmentation +45 +3 +1 +41 +75% +15 +no price set for seedsmith-teacher\n/);
    assert.match(run.stdout, /\n {2}Answer Augmentation rejected because: wrong final answer ×1\n/);
  });
});
