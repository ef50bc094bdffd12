// The recommender and the estimates use the answer profile (issue 10, item 5): prompts are counted
// as rendered for the seeds' kind (format instruction, context, a label enum), answers run as long
// as that kind's answers (a label is not a worked math answer), and the reason says when the
// paper's figures come from another kind of task than the user's.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { answerLengthAssumption, chatTokens, ESTIMATE_ASSUMPTIONS as A, estimateStrategy, recommendStrategy } from '../../src/core/advisor/index.ts';
import type { EstimateRequest, TokenCounter } from '../../src/core/advisor/index.ts';
import { planRun } from '../../src/core/planner/index.ts';
import { profileSeeds } from '../../src/core/profile/index.ts';
import type { AnswerProfile } from '../../src/core/profile/index.ts';
import { DEFAULT_PROMPTS, questionParts } from '../../src/core/prompts/index.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { answerRequest, seedShot } from '../../src/core/strategies/index.ts';
import type { PlanOptions, WorkUnit } from '../../src/core/strategies/index.ts';
import { seedsmithHereJson } from '../support/engineCli.ts';
import { labelSeeds, sqlSeeds, writeKindFixtures } from '../support/kindFixtures.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import type { AnswerKind } from '../../src/core/profile/index.ts';

const CHARS: TokenCounter = { name: 'chars', count: (text) => text.length };
const OPTIONS: PlanOptions = { teacherModel: 't', augmenterModel: 'a' };
const request = (seeds: readonly Seed[], q: number, profile?: AnswerProfile): EstimateRequest => ({ seeds, limits: { teacherQueries: q, augmenterCalls: q }, options: OPTIONS, counters: { teacher: CHARS, augmenter: CHARS }, ...(profile ? { profile } : {}) });
const sum = (units: readonly WorkUnit[], f: (u: WorkUnit) => number) => units.reduce((n, u) => n + f(u), 0);
/** The answer request the strategies send for a unit, with the profile. */
const sent = (u: WorkUnit, profile: AnswerProfile) => {
  const parts = questionParts(u.seeds[0]!);
  return answerRequest(DEFAULT_PROMPTS['answer.cot.v1'], parts.question, OPTIONS, 0, seedShot(profile, u.fewShot ?? [], parts.context));
};

describe('estimates per answer kind', () => {
  it('label seeds: the label prompt and its enum are counted, and an answer is as long as a label, not 0.75–2× a worked answer', () => {
    const seeds = indexSeedText(labelSeeds()).seeds;
    const profile = profileSeeds(seeds);
    assert.equal(profile.kind, 'label');
    const plan = planRun('answer-augmentation', seeds, { teacherQueries: 30, augmenterCalls: 30 }, OPTIONS);
    const e = estimateStrategy('answer-augmentation', request(seeds, 30, profile));
    const prompts = sum(plan.units, (u) => chatTokens(CHARS, sent(u, profile).messages));
    const schema = sum(plan.units, (u) => JSON.stringify(sent(u, profile).responseFormat?.schema).length);
    assert.ok(schema > 0, 'a label request carries its enum');
    assert.deepEqual(e.teacher.inputTokens, { low: prompts, high: prompts + schema });
    const labels = sum(plan.units, (u) => u.seeds[0]!.answer.length);
    assert.deepEqual(e.teacher.outputTokens, { low: labels, high: labels });
    // Without the profile the same seeds were estimated as worked math answers.
    const plain = estimateStrategy('answer-augmentation', request(seeds, 30));
    assert.deepEqual(plain.teacher.outputTokens, { low: Math.round(labels * A.answerLength.low), high: Math.round(labels * A.answerLength.high) });
    assert.ok(!sent(plan.units[0]!, profile).messages.some((m) => m.content.includes('####')), 'no math instruction in a label prompt');
  });

  it('SQL seeds: the schema in their context field is counted with every question, and a query is 0.75–1.5× the seed\'s', () => {
    const seeds = indexSeedText(sqlSeeds()).seeds;
    const profile = profileSeeds(seeds);
    const plan = planRun('answer-augmentation', seeds, { teacherQueries: 20, augmenterCalls: 20 }, OPTIONS);
    const e = estimateStrategy('answer-augmentation', request(seeds, 20, profile));
    const prompts = sum(plan.units, (u) => chatTokens(CHARS, sent(u, profile).messages));
    assert.deepEqual(e.teacher.inputTokens, { low: prompts, high: prompts });
    assert.ok(sent(plan.units[0]!, profile).messages.some((m) => m.content.includes('CREATE TABLE singer')), 'the schema is in the prompt counted');
    const queries = sum(plan.units, (u) => u.seeds[0]!.answer.length);
    const sql = answerLengthAssumption(profile);
    assert.deepEqual({ low: sql.low, high: sql.high }, { low: 0.75, high: 1.5 });
    assert.deepEqual(e.teacher.outputTokens, { low: Math.round(queries * 0.75), high: Math.round(queries * 1.5) });
  });
});

describe('the recommendation names the kind of task behind the figures', () => {
  it('labels, JSON and code are none of the paper\'s tasks: the reason says so', () => {
    for (const kind of ['label', 'json', 'code'] as const) {
      const r = recommendStrategy({ seedCount: 100, teacherQueries: 1000, answerKind: kind });
      assert.equal(r.taskKind?.measured, false, kind);
      assert.match(r.reason, /none of the tasks behind these figures \(the paper measured math word problems \(GSM8K\), text-to-SQL \(Spider\) and a generative task whose answers are free sentences\)/, kind);
    }
  });

  it('numeric, SQL and text are kinds the paper measured; without a kind the reason is as before', () => {
    const sql = recommendStrategy({ seedCount: 100, teacherQueries: 1000, answerKind: 'sql' });
    assert.equal(sql.taskKind?.measured, true);
    assert.match(sql.reason, /a kind of task the paper measured \(text-to-SQL \(Spider\)\)/);
    assert.doesNotMatch(sql.reason, /none of the tasks/);
    const none = recommendStrategy({ seedCount: 100, teacherQueries: 1000 });
    assert.equal(none.taskKind, null);
    assert.equal(none.reason, sql.reason.slice(0, none.reason.length));
    assert.ok(!none.reason.includes('Your seeds'));
  });
});

describe('seedsmith recommend uses the seeds\' profile', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let files: Record<AnswerKind, string>;
  before(async () => {
    dir = await makeTempDir();
    files = await writeKindFixtures(dir.path);
  });
  after(async () => dir?.remove());

  interface Json { answerKind: string; reason: string; taskKind: { measured: boolean } | null; assumptions: string[]; estimates: Record<string, { teacher: { outputTokens: { low: number; high: number } } }> }

  it('a label file: the reason says the paper measured other tasks, and the answer-length assumption is the label\'s', async () => {
    const label = await seedsmithHereJson<Json>(['recommend', files.label, '--budget', '100']);
    assert.equal(label.answerKind, 'label');
    assert.equal(label.taskKind?.measured, false);
    assert.match(label.reason, /Your seeds' answers are labels \(classification\), none of the tasks behind these figures/);
    assert.ok(label.assumptions.some((a) => a.includes('as long as the seeds\' labels')), label.assumptions.join('\n'));
    assert.ok(!label.assumptions.includes(A.answerLength.text));
    const aa = label.estimates['answer-augmentation']!.teacher.outputTokens;
    assert.equal(aa.low, aa.high, 'a label is as long as the seeds\' labels');
    // --answer-kind overrides, as for the other commands.
    const asText = await seedsmithHereJson<Json>(['recommend', join(files.label), '--budget', '100', '--answer-kind', 'text']);
    assert.equal(asText.taskKind?.measured, true);
  });

  it('a GSM8K file: numeric, measured, the worked-answer assumption as before', async () => {
    const numeric = await seedsmithHereJson<Json>(['recommend', files.numeric, '--budget', '100']);
    assert.equal(numeric.answerKind, 'numeric');
    assert.equal(numeric.taskKind?.measured, true);
    assert.ok(numeric.assumptions.includes(A.answerLength.text));
  });
});
