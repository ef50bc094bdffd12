// Estimates: the counts are the real planner's (for any seeds, budget, augmenter limit and
// options), the tokens come from the real rendered prompts, sampled units scale to the whole
// plan, model output is capped at the request's max_tokens, and money needs a price per model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatTokens, costOf, ESTIMATE_ASSUMPTIONS as A, estimateStrategies, estimateStrategy, evenlySpread, TOKENS_PER_MESSAGE, TOKENS_PER_REPLY } from '../../src/core/advisor/index.ts';
import type { EstimateRequest, TokenCounter } from '../../src/core/advisor/index.ts';
import { tokenCounterFor } from '../../src/core/advisor/tokenizers.ts';
import { planRun } from '../../src/core/planner/index.ts';
import { DEFAULT_PROMPTS, formatExamples, NEW_QUESTIONS_FORMAT, renderPrompt, REPHRASE_FORMAT } from '../../src/core/prompts/index.ts';
import { STRATEGY_IDS } from '../../src/core/samples/sample.ts';
import { answerRequest, seedShot } from '../../src/core/strategies/index.ts';
import { seedHash } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import type { PlanOptions, WorkUnit } from '../../src/core/strategies/index.ts';
import { gsm8kSeed } from '../support/seedFixtures.ts';

/** One token per character: makes every expected number a length the test can compute itself. */
const CHARS: TokenCounter = { name: 'chars', count: (text) => text.length };
const OPTIONS: PlanOptions = { teacherModel: 'teacher-x', augmenterModel: 'aug-y' };

function fixtureSeeds(count: number): Seed[] {
  return Array.from({ length: count }, (_, i) => {
    const { question, answer } = gsm8kSeed(i);
    return { line: i + 1, question, answer, hash: seedHash(question, answer) };
  });
}

/** Seeds whose questions and answers all have the same lengths, so any sample of them is exact. */
function evenSeeds(count: number): Seed[] {
  return Array.from({ length: count }, (_, i) => {
    const question = `How many apples are in basket ${String(i).padStart(4, '0')}?`;
    const answer = `There are ${String(i).padStart(4, '0')} apples.\n#### ${String(i).padStart(4, '0')}`;
    return { line: i + 1, question, answer, hash: seedHash(question, answer) };
  });
}

function request(seeds: readonly Seed[], teacherQueries: number, augmenterCalls = teacherQueries, options: PlanOptions = OPTIONS): EstimateRequest {
  return { seeds, limits: { teacherQueries, augmenterCalls }, options, counters: { teacher: CHARS, augmenter: CHARS } };
}

const chars = (messages: readonly { content: string }[]) => TOKENS_PER_REPLY + messages.reduce((n, m) => n + TOKENS_PER_MESSAGE + m.content.length, 0);
// The answer prompt as the strategies send it: the question after the unit's few-shot seeds.
const answerPrompt = (question: string, fewShot: readonly Seed[] = []) => chars(answerRequest(DEFAULT_PROMPTS['answer.cot.v1'], question, OPTIONS, 0, seedShot(undefined, fewShot, undefined)).messages);
const sum = (units: readonly WorkUnit[], f: (u: WorkUnit) => number) => units.reduce((n, u) => n + f(u), 0);
const param = (u: WorkUnit, name: string) => u.params[name] as number;

describe('estimate counts are the planner’s', () => {
  it('equal planRun for every strategy over many seed counts, budgets, augmenter limits and options', () => {
    const withRepeat = [...fixtureSeeds(12), { ...fixtureSeeds(1)[0]!, line: 13 }]; // a repeated question counts once
    const cases: [Seed[], number, number, Partial<PlanOptions>][] = [
      [fixtureSeeds(7), 1, 1, {}],
      [fixtureSeeds(7), 20, 20, {}],
      [fixtureSeeds(37), 333, 333, {}],
      [fixtureSeeds(37), 333, 5, {}],
      [fixtureSeeds(37), 100, 0, {}],
      [fixtureSeeds(10), 95, 95, { questionsPerCall: 7 }],
      [fixtureSeeds(10), 95, 95, { samplesPerSeed: 3 }],
      [fixtureSeeds(10), 95, 30, { fewShotSize: 3, questionsPerCall: 2 }],
      [withRepeat, 50, 50, {}],
    ];
    for (const [seeds, q, a, extra] of cases) {
      const options = { ...OPTIONS, ...extra };
      const estimates = estimateStrategies(request(seeds, q, a, options));
      for (const strategy of STRATEGY_IDS) {
        const plan = planRun(strategy, seeds, { teacherQueries: q, augmenterCalls: a }, options);
        const e = estimates[strategy];
        const context = `${strategy} |S|=${seeds.length} Q=${q} A=${a} ${JSON.stringify(extra)}`;
        assert.equal(e.teacherQueries, plan.teacherQueries, context);
        assert.equal(e.augmenterCalls, plan.augmenterCalls, context);
        assert.equal(e.units, plan.units.length, context);
        assert.equal(e.samples, plan.teacherQueries, context);
        assert.equal(e.teacher.calls, plan.teacherQueries, context);
        assert.equal(e.augmenter.calls, plan.augmenterCalls, context);
      }
    }
  });
});

describe('estimate tokens', () => {
  it('answer augmentation: the exact rendered answer prompt of every unit, answers 0.75–2× the seeds’', () => {
    const seeds = fixtureSeeds(9);
    const plan = planRun('answer-augmentation', seeds, { teacherQueries: 30, augmenterCalls: 30 }, OPTIONS);
    const e = estimateStrategy('answer-augmentation', request(seeds, 30));
    assert.equal(e.unitsSampled, 30);
    const input = sum(plan.units, (u) => answerPrompt(u.seeds[0]!.question, u.fewShot));
    assert.deepEqual(e.teacher.inputTokens, { low: input, high: input });
    const answers = sum(plan.units, (u) => u.seeds[0]!.answer.length);
    assert.deepEqual(e.teacher.outputTokens, { low: Math.round(answers * A.answerLength.low), high: Math.round(answers * A.answerLength.high) });
    assert.deepEqual(e.augmenter.inputTokens, { low: 0, high: 0 });
    assert.deepEqual(e.inputTokens, e.teacher.inputTokens);
  });

  it('question rephrase: the exact augmenter prompt (+ its schema in the high estimate) and a teacher frame per question', () => {
    const seeds = fixtureSeeds(6);
    const plan = planRun('question-rephrase', seeds, { teacherQueries: 20, augmenterCalls: 20 }, OPTIONS);
    const e = estimateStrategy('question-rephrase', request(seeds, 20));
    const prompts = sum(plan.units, (u) => chars(renderPrompt(DEFAULT_PROMPTS['rephrase.v1'], { count: param(u, 'count'), question: u.seeds[0]!.question })));
    const schema = JSON.stringify(REPHRASE_FORMAT.schema).length;
    assert.deepEqual(e.augmenter.inputTokens, { low: prompts, high: prompts + plan.units.length * schema });
    const frames = sum(plan.units, (u) => param(u, 'count') * answerPrompt('', u.fewShot));
    const questions = sum(plan.units, (u) => param(u, 'count') * u.seeds[0]!.question.length);
    const teacherIn = (f: number) => Math.round(frames + questions * f);
    assert.deepEqual(e.teacher.inputTokens, { low: teacherIn(A.questionLength.low), high: teacherIn(A.questionLength.high) });
    assert.ok(e.augmenter.outputTokens.low > 0 && e.augmenter.outputTokens.low < e.augmenter.outputTokens.high);
  });

  it('new question: the exact prompt with its few-shot seeds', () => {
    const seeds = fixtureSeeds(10);
    const plan = planRun('new-question', seeds, { teacherQueries: 24, augmenterCalls: 24 }, OPTIONS);
    const e = estimateStrategy('new-question', request(seeds, 24));
    const prompts = sum(plan.units, (u) => chars(renderPrompt(DEFAULT_PROMPTS['new-question.v1'], { count: param(u, 'count'), examples: formatExamples(u.seeds) })));
    const schema = JSON.stringify(NEW_QUESTIONS_FORMAT.schema).length;
    assert.deepEqual(e.augmenter.inputTokens, { low: prompts, high: prompts + plan.units.length * schema });
    assert.equal(e.augmenter.calls, plan.units.length);
  });

  it('scales a sample of 50 units to the whole plan', () => {
    const seeds = evenSeeds(40);
    // Seeds of one length: every unit's prompt, with any four other seeds as examples, is as long.
    const one = answerPrompt(seeds[0]!.question, seeds.slice(1, 5));
    const e = estimateStrategy('answer-augmentation', request(seeds, 1000));
    assert.equal(e.units, 1000);
    assert.equal(e.unitsSampled, 50);
    assert.deepEqual(e.teacher.inputTokens, { low: 1000 * one, high: 1000 * one });
    const fewer = estimateStrategy('answer-augmentation', { ...request(seeds, 1000), unitsSampled: 7 });
    assert.equal(fewer.unitsSampled, 7);
    assert.deepEqual(fewer.teacher.inputTokens, e.teacher.inputTokens);
  });

  it('never counts more output than the request’s max_tokens', () => {
    const question = 'Write it all out?';
    const answer = `${'step '.repeat(800)}\n#### 1`; // 4,000+ characters: ×0.75 and ×2 both pass 1,024
    const seeds = [{ line: 1, question, answer, hash: seedHash(question, answer) }];
    const e = estimateStrategy('answer-augmentation', request(seeds, 3));
    assert.deepEqual(e.teacher.outputTokens, { low: 3 * 1024, high: 3 * 1024 });
  });

  it('samples units evenly and always the same ones', () => {
    const units = Array.from({ length: 10 }, (_, i) => ({ key: `u${i}` }) as WorkUnit);
    assert.deepEqual(evenlySpread(units, 4).map((u) => u.key), ['u0', 'u2', 'u5', 'u7']);
    assert.equal(evenlySpread(units, 50).length, 10);
    assert.equal(evenlySpread([], 50).length, 0);
  });

  it('counts chat framing the OpenAI way: 3 per message and 3 for the reply', () => {
    assert.equal(chatTokens(CHARS, [{ role: 'system', content: 'ab' }, { role: 'user', content: 'cde' }]), 3 + 3 + 2 + 3 + 3);
  });
});

describe('the tokenizer', () => {
  it('counts o200k_base tokens, and treats special-token text in seeds as text', () => {
    const counter = tokenCounterFor('gpt-4o');
    assert.equal(counter.name, 'o200k_base');
    assert.equal(counter.count('Hello, world!'), 4);
    assert.ok(counter.count('a <|endoftext|> b') > 3);
    assert.equal(tokenCounterFor(undefined).name, 'o200k_base');
  });

  it('gives real-tokenizer estimates in a sensible range for GSM8K-like seeds', () => {
    const counter = tokenCounterFor('gpt-4o');
    const e = estimateStrategy('answer-augmentation', { ...request(fixtureSeeds(20), 100), counters: { teacher: counter, augmenter: counter } });
    const perQuery = e.teacher.inputTokens.low / 100;
    // The instruction, four worked seed examples and the question.
    assert.ok(perQuery > 300 && perQuery < 800, `answer prompt ≈ ${perQuery} tokens`);
    assert.equal(e.teacher.tokenizer, 'o200k_base');
  });
});

describe('money', () => {
  const pricing = { 'teacher-x': { inputPerMillion: 2, outputPerMillion: 8 }, 'aug-y': { inputPerMillion: 0.5, outputPerMillion: 1 } };

  it('prices each model’s tokens at its own price', () => {
    const seeds = fixtureSeeds(6);
    const e = estimateStrategy('question-rephrase', { ...request(seeds, 20), pricing });
    const cost = (side: 'low' | 'high') =>
      (e.teacher.inputTokens[side] * 2 + e.teacher.outputTokens[side] * 8 + e.augmenter.inputTokens[side] * 0.5 + e.augmenter.outputTokens[side] * 1) / 1e6;
    assert.ok(e.cost.priced);
    assert.ok(Math.abs(e.cost.low - cost('low')) < 1e-12 && Math.abs(e.cost.high - cost('high')) < 1e-12);
    assert.ok(e.cost.low < e.cost.high);
  });

  it('says which model has no price instead of a number, and does not need one for an unused augmenter', () => {
    const seeds = fixtureSeeds(6);
    const teacherOnly = { 'teacher-x': pricing['teacher-x'] };
    const qr = estimateStrategy('question-rephrase', { ...request(seeds, 20), pricing: teacherOnly });
    assert.deepEqual(qr.cost, { priced: false, missing: ['aug-y'], message: 'no price set for aug-y' });
    const aa = estimateStrategy('answer-augmentation', { ...request(seeds, 20), pricing: teacherOnly });
    assert.equal(aa.cost.priced, true);
    const unnamed = costOf([{ role: 'teacher', model: '', inputTokens: { low: 1, high: 1 }, outputTokens: { low: 1, high: 1 } }], pricing);
    assert.deepEqual(unnamed, { priced: false, missing: ['the teacher model (none named)'], message: 'no price set for the teacher model (none named)' });
  });
});
