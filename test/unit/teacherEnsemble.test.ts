// A teacher ensemble: the planner splits the teacher queries exactly by weight (largest
// remainder), close to the weights at every point of the plan; through the real CLI and the test
// teacher, 2 teachers at 3:1 are sent exactly 3:1 of the budget, each sample records its teacher
// (journal and `samples --json`), and `status` shows per teacher the acceptance that decisions
// made here produce, and the hint to shift the remaining budget.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assignTeachers, planRun, splitByWeight } from '../../src/core/planner/index.ts';
import { seedsmith, seedsmithHere, seedsmithHereJson } from '../support/engineCli.ts';
import { gsm8kSeed, makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';
import type { Seed } from '../../src/core/seeds/types.ts';

const KEY = 'sk-ensemble-test-0a1b2c3d4e5f';

function seedsOf(n: number): Seed[] {
  return Array.from({ length: n }, (_, i) => ({ line: i + 1, question: `Q${i}: Sam has ${i + 2} cups and buys ${i + 3} more. How many cups?`, answer: `#### ${2 * i + 5}`, hash: `h${i}` }) as unknown as Seed);
}

describe('teacher ensemble: the split', () => {
  it('largest remainder: exact totals, ties to the teacher named first', () => {
    assert.deepEqual(splitByWeight(40, [3, 1]), [30, 10]);
    assert.deepEqual(splitByWeight(10, [3, 1]), [8, 2]);
    assert.deepEqual(splitByWeight(7, [1, 1, 1]), [3, 2, 2]);
    assert.deepEqual(splitByWeight(5, [2, 3]), [2, 3]);
    assert.deepEqual(splitByWeight(0, [3, 1]), [0, 0]);
    for (let total = 0; total < 60; total++) {
      for (const weights of [[3, 1], [1, 2, 4], [5, 5], [7, 1, 1]]) {
        const shares = splitByWeight(total, weights);
        assert.equal(shares.reduce((a, b) => a + b, 0), total);
        const sum = weights.reduce((a, b) => a + b, 0);
        shares.forEach((n, i) => assert.ok(Math.abs(n - (total * weights[i]!) / sum) < 1, `${total} by ${weights}: ${shares}`));
      }
    }
  });

  it('each teacher query of each unit gets a teacher; every prefix of the plan is within one query of the weights', () => {
    for (const strategy of ['answer-augmentation', 'question-rephrase', 'new-question'] as const) {
      const plan = planRun(strategy, seedsOf(7), { teacherQueries: 41, augmenterCalls: 41 }, { teacherModel: 'a', augmenterModel: 'aug', questionsPerCall: 3, teachers: [{ model: 'a', weight: 3 }, { model: 'b', weight: 1 }] });
      const order = plan.units.flatMap((u) => {
        assert.equal(u.teachers?.length, u.teacherQueries);
        return u.teachers ?? [];
      });
      assert.equal(order.length, plan.teacherQueries);
      const [a, b] = splitByWeight(plan.teacherQueries, [3, 1]);
      assert.deepEqual([order.filter((m) => m === 'a').length, order.filter((m) => m === 'b').length], [a, b], strategy);
      let seenA = 0;
      order.forEach((model, i) => {
        if (model === 'a') seenA++;
        assert.ok(Math.abs(seenA - ((i + 1) * a!) / plan.teacherQueries) <= 1, `${strategy}: prefix ${i + 1} has ${seenA} of a`);
      });
      assert.match(plan.reason, /Teachers by weight 3:1: \d+ to a, \d+ to b\./);
    }
    assert.deepEqual(assignTeachers([], [{ model: 'a', weight: 1 }]), []);
    const single = planRun('answer-augmentation', seedsOf(3), { teacherQueries: 3, augmenterCalls: 0 }, { teacherModel: 'a', augmenterModel: 'a', teachers: [{ model: 'a', weight: 1 }] });
    assert.equal(single.units[0]?.teachers, undefined, 'one teacher: the units are as before');
  });
});

describe('teacher ensemble through seedsmith generate', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seedFile: string;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'gsm8k.jsonl');
    await writeSeedFile(seedFile, { count: 8 });
    teacher = await startTestTeacher({ seed: 3 });
    teacher.learn(Array.from({ length: 8 }, (_, i) => gsm8kSeed(i)));
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  const env = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: teacher.url });

  it('2 teachers at 3:1 get exactly 3:1 of the budget; samples record their teacher; per-teacher acceptance follows the decisions', async () => {
    const session = join(dir.path, 'aa');
    const run = await seedsmith(['generate', seedFile, '--budget', '40', '--strategy', 'answer-augmentation', '--teacher-model', 'teacher-big,teacher-small', '--teacher-weights', '3,1', '--session', session, '--json'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    const stats = teacher.stats().models;
    assert.deepEqual([stats['teacher-big']?.completions, stats['teacher-small']?.completions], [30, 10]);

    const journal = await readFile(join(session, 'journal.jsonl'), 'utf8');
    const events = journal.trim().split('\n').map((l) => JSON.parse(l) as { type: string; sample?: { teacher: { model: string }; teacherModel?: unknown }; options?: { teachers?: unknown } });
    const samples = events.filter((e) => e.type === 'sample').map((e) => e.sample!);
    assert.deepEqual([samples.filter((s) => s.teacher.model === 'teacher-big').length, samples.filter((s) => s.teacher.model === 'teacher-small').length], [30, 10]);
    assert.ok(samples.every((s) => s.teacherModel === undefined), 'the sample names its teacher once, in `teacher`');
    assert.deepEqual(events.find((e) => e.type === 'run-start')?.options?.teachers, [{ model: 'teacher-big', weight: 3 }, { model: 'teacher-small', weight: 1 }]);

    const rows = (await seedsmithHereJson<{ samples: { id: string; teacher: string }[] }>(['samples', '--session', session])).samples;
    const big = rows.filter((r) => r.teacher === 'teacher-big').map((r) => r.id);
    const small = rows.filter((r) => r.teacher === 'teacher-small').map((r) => r.id);
    assert.deepEqual([big.length, small.length], [30, 10]);

    // Decisions made here: big 12 accepted + 3 rejected, small 4 accepted + 6 rejected.
    for (const [flag, ids] of [['--accept', [...big.slice(0, 12), ...small.slice(0, 4)]], ['--reject', [...big.slice(12, 15), ...small.slice(4, 10)]]] as const) {
      const decided = await seedsmithHere(['decide', '--session', session, flag, ...ids]);
      assert.equal(decided.code, 0, decided.stderr);
    }
    const status = await seedsmithHereJson<{ teachers: { model: string; accepted: number; rejected: number; acceptanceRate: number; teacherQueries: number; queriesPerAccepted: number }[]; teacherHint: string | null }>(['status', '--session', session]);
    const byModel = new Map(status.teachers.map((t) => [t.model, t]));
    assert.deepEqual(
      ['teacher-big', 'teacher-small'].map((m) => { const t = byModel.get(m)!; return [t.accepted, t.rejected, t.acceptanceRate, t.teacherQueries, t.queriesPerAccepted]; }),
      [[12, 3, 0.8, 30, 2.5], [4, 6, 0.4, 10, 2.5]],
    );
    assert.match(status.teacherHint ?? '', /teacher-small's samples are accepted 40% \(4 of 10 decided\), 40 points below teacher-big's 80% \(12 of 15 decided\)\. The teacher budget is spent; if you raise it, consider weighting teacher-big higher/);
    const text = await seedsmithHere(['status', '--session', session]);
    assert.match(text.stdout, /teacher {4}teacher-small: 10 samples, 10 queries, 40% accepted \(4 of 10 decided\), 2\.50 queries per accepted sample/);
    assert.match(text.stdout, /hint {7}teacher-small's samples/);
  });

  it('question rephrase: the teacher queries (not the augmenter calls) split 3:1', async () => {
    teacher.resetStats();
    const run = await seedsmith(['generate', seedFile, '--budget', '20', '--strategy', 'question-rephrase', '--teacher-model', 'qr-big,qr-small', '--teacher-weights', '3,1', '--augmenter-model', 'qr-augmenter', '--session', join(dir.path, 'qr'), '--json'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    const stats = teacher.stats().models;
    assert.deepEqual([stats['qr-big']?.completions, stats['qr-small']?.completions], [15, 5]);
    assert.ok((stats['qr-augmenter']?.completions ?? 0) > 0);
  });

  it('bad ensembles are usage errors', async () => {
    for (const [models, weights, message] of [['a,a', '1,1', /names a model twice/], ['a,b', '3', /gives 1 weight\(s\) for 2 teacher model/], ['a,b', '3,0', /whole numbers ≥ 1, got "0"/], ['a,,b', undefined, /empty name/]] as const) {
      const run = await seedsmithHere(['generate', seedFile, '--budget', '4', '--teacher-model', models, ...(weights ? ['--teacher-weights', weights] : [])], env());
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
    }
  });
});
