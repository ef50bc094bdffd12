// The prompts and strategies against the project's test teacher (test/teacher), through the real
// openai SDK: proof that the Task lines, Count lines, "Question:" placement and response formats
// are the ones the teacher understands, and that its faults come back as the right flags. The
// ModelCaller here is a minimal stand-in for the engine's (no budget, no cache).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest, ChatResult, FinishReason } from '../../src/core/model/chat.ts';
import { planRun } from '../../src/core/planner/index.ts';
import type { PromptRef, SampleDraft } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { createStrategies, finalAnswerOf } from '../../src/core/strategies/index.ts';
import type { ModelCaller, PlanOptions } from '../../src/core/strategies/index.ts';
import type { TestTeacher } from '../teacher/server.ts';
import { clientFor, TEST_MODEL, withTeacher } from '../teacher/testing.ts';

const SEEDS: Seed[] = [
  ['Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?', 'Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether in April and May.\n#### 72'],
  ['Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?', 'Weng earns 12/60 = $0.2 per minute.\nWorking 50 minutes, she earned 0.2 x 50 = $10.\n#### 10'],
  ['James writes a 3-page letter to 2 different friends twice a week. How many pages does he write a year?', 'He writes each friend 3*2=6 pages a week.\nSo he writes 6*2=12 pages every week.\nThat means he writes 12*52=624 pages a year.\n#### 624'],
].map(([question, answer], i) => ({ line: i + 1, question: question!, answer: answer!, hash: seedHash(question!, answer!) }));

const OPTIONS: PlanOptions = { teacherModel: TEST_MODEL, augmenterModel: 'seedsmith-augmenter', questionsPerCall: 2, fewShotSize: 3 };
const never = new AbortController().signal;

function sdkCaller(teacher: TestTeacher): ModelCaller {
  const client = clientFor(teacher);
  return {
    async call(request: ChatRequest, _prompt: PromptRef): Promise<ChatResult> {
      const started = Date.now();
      const response = await client.chat.completions.create({
        model: request.model,
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
        temperature: request.sampling.temperature,
        max_tokens: request.sampling.maxTokens,
        ...(request.sampling.seed === undefined ? {} : { seed: request.sampling.seed }),
        ...(request.responseFormat === undefined
          ? {}
          : { response_format: { type: 'json_schema' as const, json_schema: { name: request.responseFormat.name, schema: { ...request.responseFormat.schema }, strict: request.responseFormat.strict ?? null } } }),
      });
      const choice = response.choices[0]!;
      const finish = choice.finish_reason;
      return {
        content: choice.message.content ?? '',
        refusal: choice.message.refusal ?? null,
        finishReason: (['stop', 'length', 'content_filter', 'tool_calls'].includes(finish) ? finish : 'other') as FinishReason,
        usage: { promptTokens: response.usage?.prompt_tokens ?? 0, completionTokens: response.usage?.completion_tokens ?? 0 },
        model: response.model,
        requestId: null,
        attempts: 1,
        latencyMs: Date.now() - started,
      };
    },
  };
}

async function runAll(teacher: TestTeacher, strategy: 'answer-augmentation' | 'question-rephrase' | 'new-question', budget: number): Promise<SampleDraft[]> {
  const plan = planRun(strategy, SEEDS, { teacherQueries: budget, augmenterCalls: budget }, OPTIONS);
  const runner = createStrategies()[strategy];
  const models = sdkCaller(teacher);
  const drafts: SampleDraft[] = [];
  for (const unit of plan.units) drafts.push(...(await runner.run(unit, models, OPTIONS, never)));
  return drafts;
}

const gold = (line: number): string => finalAnswerOf(SEEDS[line - 1]!.answer)!;

describe('strategies against the test teacher', () => {
  it('AA: sampled answers to the seed questions, round-robin, ending in the gold answer', async () => {
    await withTeacher({}, async (teacher) => {
      teacher.learn(SEEDS.map((s) => ({ question: s.question, answer: s.answer })));
      const drafts = await runAll(teacher, 'answer-augmentation', 6);
      assert.equal(drafts.length, 6);
      for (const d of drafts) {
        assert.deepEqual(d.flags, [], d.answer);
        assert.equal(finalAnswerOf(d.answer), gold(d.seedLines[0]!));
      }
      assert.equal(teacher.stats().models[TEST_MODEL]?.requests, 6);
      assert.equal(drafts.filter((d) => d.seedLines[0] === 1).length, 2, 'two rounds per seed');
    });
  });

  it('QR: rephrasings that keep the meaning, answered with the seed\'s gold answer', async () => {
    await withTeacher({}, async (teacher) => {
      teacher.learn(SEEDS.map((s) => ({ question: s.question, answer: s.answer })));
      const drafts = await runAll(teacher, 'question-rephrase', 6);
      assert.equal(drafts.length, 6);
      assert.equal(teacher.stats().models['seedsmith-augmenter']?.requests, 3, 'one augmenter call per seed for two rephrasings');
      for (const d of drafts) {
        assert.deepEqual(d.flags, [], JSON.stringify(d));
        const seed = SEEDS[d.seedLines[0]! - 1]!;
        assert.notEqual(d.question, seed.question);
        assert.deepEqual(d.question.match(/\d+/g), seed.question.match(/\d+/g), 'numbers kept');
        assert.equal(finalAnswerOf(d.answer), gold(seed.line));
      }
    });
  });

  it('NQ: new questions with a self-check, each answered with a final answer', async () => {
    await withTeacher({}, async (teacher) => {
      const drafts = await runAll(teacher, 'new-question', 4);
      assert.equal(drafts.length, 4);
      const seedQuestions = new Set(SEEDS.map((s) => s.question));
      for (const d of drafts) {
        assert.deepEqual(d.flags, [], JSON.stringify(d));
        assert.ok(!seedQuestions.has(d.question));
        assert.equal(finalAnswerOf(d.answer), teacher.goldFor(d.question));
        assert.equal(d.seedLines.length, 3);
      }
    });
  });

  it('the teacher\'s faults come back as flags, never as lost samples', async () => {
    await withTeacher({ malformedJsonRate: 1 }, async (teacher) => {
      // Two queries over three seeds: two calls of one rephrasing each, both unreadable.
      const qr = await runAll(teacher, 'question-rephrase', 2);
      assert.deepEqual(qr.map((d) => d.flags), [['malformed'], ['malformed']]);
      assert.equal(teacher.stats().models[TEST_MODEL]?.requests ?? 0, 0, 'no answer bought for an unreadable batch');
      // The teacher's broken answers lack the "####" line; some still end "… the answer is N.",
      // which counts as a final answer line, so only the others are flagged.
      const aa = await runAll(teacher, 'answer-augmentation', 6);
      assert.equal(aa.length, 6);
      for (const d of aa) {
        assert.doesNotMatch(d.answer, /####/);
        assert.deepEqual(d.flags, /answer is \S+\.$/.test(d.answer) ? [] : ['no-final-answer'], d.answer);
      }
      assert.ok(aa.some((d) => d.flags.includes('no-final-answer')), 'at least one answer without any final line');
    });
    await withTeacher({ refusalRate: 1 }, async (teacher) => {
      assert.deepEqual((await runAll(teacher, 'new-question', 2)).map((d) => d.flags), [['refusal']]);
      assert.deepEqual((await runAll(teacher, 'answer-augmentation', 1)).map((d) => d.flags), [['refusal']]);
    });
    await withTeacher({ truncateRate: 1 }, async (teacher) => {
      const aa = await runAll(teacher, 'answer-augmentation', 1);
      assert.ok(aa[0]!.flags.includes('truncated'), JSON.stringify(aa[0]));
    });
    await withTeacher({ emptyRate: 1 }, async (teacher) => {
      assert.deepEqual((await runAll(teacher, 'answer-augmentation', 1)).map((d) => d.flags), [['empty']]);
    });
  });
});
