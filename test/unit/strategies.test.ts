// The three strategies against a fake ModelCaller that returns canned results: the requests they
// send (roles, models, Task lines, response formats, sampling), the drafts they make (lineage,
// flags, call records), what they spend, and what survives an error half-way through a unit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest, ChatResult } from '../../src/core/model/chat.ts';
import { BudgetExhaustedError, ChatError } from '../../src/core/model/errors.ts';
import { DEFAULT_PROMPTS, loadPromptOverrides } from '../../src/core/prompts/index.ts';
import type { PromptRef, SampleDraft } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { createStrategies, requestCacheKey } from '../../src/core/strategies/index.ts';
import type { CallReceipt, ModelCaller, PlanOptions, ReceiptModelCaller, WorkUnit } from '../../src/core/strategies/index.ts';

const TEACHER = 'teacher-model';
const AUGMENTER = 'augmenter-model';
const OPTIONS: PlanOptions = { teacherModel: TEACHER, augmenterModel: AUGMENTER };
const never = new AbortController().signal;
const strategies = createStrategies();

function seed(line: number, question: string, answer = `Work.\n#### ${line}`): Seed {
  return { line, question, answer, hash: seedHash(question, answer) };
}

const SEEDS: Seed[] = Array.from({ length: 10 }, (_, i) => seed(i + 2, `Seed question ${i}: Tom has ${i + 3} apples and buys ${i + 1} more. How many now?`));

function result(content: string, extra: Partial<ChatResult> = {}): ChatResult {
  return { content, refusal: null, finishReason: 'stop', usage: { promptTokens: 20, completionTokens: 8 }, model: 'served', requestId: 'r', attempts: 1, latencyMs: 3, ...extra };
}

interface Call {
  readonly request: ChatRequest;
  readonly prompt: PromptRef;
}

type Reply = (request: ChatRequest, index: number) => ChatResult | Error;

/** Answers with `reply`; the teacher by default solves anything with "#### 1". */
class FakeModels implements ModelCaller {
  readonly calls: Call[] = [];
  readonly #reply: Reply;

  constructor(reply: Reply = () => result('Step one.\n#### 1')) {
    this.#reply = reply;
  }

  async call(request: ChatRequest, prompt: PromptRef): Promise<ChatResult> {
    this.calls.push({ request, prompt });
    const out = this.#reply(request, this.calls.length - 1);
    if (out instanceof Error) throw out;
    return out;
  }

  byRole(role: 'teacher' | 'augmenter'): Call[] {
    return this.calls.filter((c) => c.request.role === role);
  }
}

const system = (r: ChatRequest): string => r.messages.find((m) => m.role === 'system')?.content ?? '';
const user = (r: ChatRequest): string => r.messages.find((m) => m.role === 'user')?.content ?? '';
/** What the test teacher reads as the question: the text after the last "Question:" line. */
const questionOf = (r: ChatRequest): string => /(?:^|\n)Question: ([^\n]*)(?![\s\S]*\nQuestion:)/.exec(user(r))?.[1] ?? '';
const taskLines = (r: ChatRequest): string[] => [...system(r).matchAll(/^Task: (\S+)$/gm)].map((m) => m[1]!);
const countLine = (r: ChatRequest): number | undefined => {
  const m = /^Count: (\d+)$/m.exec(user(r));
  return m ? Number(m[1]) : undefined;
};
const boughtCalls = (drafts: readonly SampleDraft[]): number => drafts.reduce((n, d) => n + d.calls.filter((c) => c.bought).length, 0);

function assertTeacherRequest(r: ChatRequest, question: string): void {
  assert.equal(r.role, 'teacher');
  assert.equal(r.model, TEACHER);
  assert.deepEqual(taskLines(r), ['answer']);
  assert.equal(r.responseFormat, undefined, 'answers are plain text');
  assert.equal(questionOf(r), question);
  assert.equal(r.sampling.temperature, 0.7);
  assert.deepEqual(r.messages.map((m) => m.role), ['system', 'user']);
}

describe('Answer Augmentation', () => {
  const aa = strategies['answer-augmentation'];

  it('plans one teacher query per unit, and each unit asks the seed question with its own sampling seed', async () => {
    const units = aa.plan(SEEDS.slice(0, 3), { teacherQueries: 7, augmenterCalls: 0 }, OPTIONS);
    assert.equal(units.length, 7);
    const models = new FakeModels((r) => result(`Reasoning for seed ${r.sampling.seed}.\n#### 4`));
    const drafts: SampleDraft[] = [];
    for (const unit of units) drafts.push(...(await aa.run(unit, models, OPTIONS, never)));
    assert.equal(models.calls.length, 7);
    for (const [i, { request, prompt }] of models.calls.entries()) {
      const s = units[i]!.seeds[0]!;
      assertTeacherRequest(request, s.question);
      assert.deepEqual(prompt, { id: 'answer.cot.v1', hash: DEFAULT_PROMPTS['answer.cot.v1'].hash, kind: 'numeric:####' });
    }
    // Seed 0 is asked in rounds 0, 1 and 2 (units 0, 3, 6): three distinct requests and keys.
    const seed0 = [0, 3, 6].map((i) => models.calls[i]!.request);
    assert.deepEqual(seed0.map((r) => r.sampling.seed), [0, 1, 2]);
    assert.equal(new Set(seed0.map(requestCacheKey)).size, 3);
    const d = drafts[3]!;
    assert.deepEqual(
      { outputKey: d.outputKey, strategy: d.strategy, question: d.question, answer: d.answer, flags: d.flags, seedLines: d.seedLines, seedHashes: d.seedHashes, exampleSampleIds: d.exampleSampleIds },
      { outputKey: 'a0', strategy: 'answer-augmentation', question: SEEDS[0]!.question, answer: 'Reasoning for seed 1.\n#### 4', flags: [], seedLines: [2], seedHashes: [SEEDS[0]!.hash], exampleSampleIds: [] },
    );
    assert.equal(d.notes, undefined);
    assert.deepEqual(d.calls, [
      {
        role: 'teacher',
        cacheKey: requestCacheKey(models.calls[3]!.request),
        prompt: { id: 'answer.cot.v1', hash: DEFAULT_PROMPTS['answer.cot.v1'].hash, kind: 'numeric:####' },
        sampling: models.calls[3]!.request.sampling,
        usage: { promptTokens: 20, completionTokens: 8 },
        finishReason: 'stop',
        bought: true,
      },
    ]);
    assert.equal(boughtCalls(drafts), models.calls.length);
  });

  it('keeps a flagged answer with its text and notes', async () => {
    const [unit] = aa.plan(SEEDS, { teacherQueries: 1, augmenterCalls: 0 }, OPTIONS);
    const refused = await aa.run(unit!, new FakeModels(() => result('', { refusal: 'Not allowed.' })), OPTIONS, never);
    assert.deepEqual(refused.map((d) => [d.flags, d.answer, d.notes]), [[['refusal'], '', ['The teacher refused: Not allowed.']]]);
    const cut = await aa.run(unit!, new FakeModels(() => result('Half an answ', { finishReason: 'length' })), OPTIONS, never);
    assert.deepEqual(cut.map((d) => [d.flags, d.answer, d.calls[0]!.finishReason]), [[['truncated', 'no-final-answer'], 'Half an answ', 'length']]);
  });

  it('uses the engine receipt (cache key, bought) when the caller gives one', async () => {
    const [unit] = aa.plan(SEEDS, { teacherQueries: 1, augmenterCalls: 0 }, OPTIONS);
    const receipts: CallReceipt[] = [];
    const models: ReceiptModelCaller = {
      call: () => Promise.reject(new Error('callWithReceipt should be used')),
      callWithReceipt: (request) => {
        const receipt = { cacheKey: `engine:${request.sampling.seed}`, bought: false };
        receipts.push(receipt);
        return Promise.resolve({ result: result('ok\n#### 1'), receipt });
      },
    };
    const [draft] = await aa.run(unit!, models, OPTIONS, never);
    assert.equal(receipts.length, 1);
    assert.equal(draft!.calls[0]!.cacheKey, 'engine:0');
    assert.equal(draft!.calls[0]!.bought, false);
  });

  it('uses overridden prompts and their hash', async () => {
    const { prompts, errors } = loadPromptOverrides('{"prompts": {"answer.cot.v1": {"user": "Solve: {{question}}"}}}');
    assert.deepEqual(errors, []);
    const custom = createStrategies(prompts)['answer-augmentation'];
    const [unit] = custom.plan(SEEDS, { teacherQueries: 1, augmenterCalls: 0 }, OPTIONS);
    const models = new FakeModels();
    const [draft] = await custom.run(unit!, models, OPTIONS, never);
    assert.equal(user(models.calls[0]!.request), `Solve: ${SEEDS[0]!.question}`);
    assert.equal(draft!.calls[0]!.prompt.hash, prompts['answer.cot.v1'].hash);
    assert.notEqual(prompts['answer.cot.v1'].hash, DEFAULT_PROMPTS['answer.cot.v1'].hash);
  });

  it('an aborted signal stops before any call, as a ChatError "aborted"; a unit of another strategy is refused', async () => {
    const [unit] = aa.plan(SEEDS, { teacherQueries: 1, augmenterCalls: 0 }, OPTIONS);
    const controller = new AbortController();
    controller.abort();
    const models = new FakeModels();
    await assert.rejects(aa.run(unit!, models, OPTIONS, controller.signal), (e: unknown) => e instanceof ChatError && e.kind === 'aborted');
    const [qrUnit] = strategies['question-rephrase'].plan(SEEDS, { teacherQueries: 3, augmenterCalls: 1 }, OPTIONS);
    await assert.rejects(aa.run(qrUnit!, models, OPTIONS, never), /question-rephrase/);
    assert.equal(models.calls.length, 0);
  });
});

describe('Question Rephrase', () => {
  const qr = strategies['question-rephrase'];
  const rephraser = (texts: (q: string) => string[]): Reply => (r) =>
    r.role === 'augmenter' ? result(JSON.stringify({ rephrasings: texts(questionOf(r)) })) : result(`Answer to "${questionOf(r)}"\n#### 9`);

  it('one augmenter call for n rephrasings, then one teacher call per rephrasing; lineage is the seed', async () => {
    const units = qr.plan(SEEDS.slice(0, 2), { teacherQueries: 12, augmenterCalls: 12 }, { ...OPTIONS, questionsPerCall: 3 });
    assert.deepEqual(units.map((u) => [u.seeds[0]!.line, u.params.round, u.teacherQueries, u.augmenterCalls]), [[2, 0, 3, 1], [3, 0, 3, 1], [2, 1, 3, 1], [3, 1, 3, 1]]);
    const unit = units[2]!; // seed line 2, round 1
    const models = new FakeModels(rephraser((q) => [1, 2, 3].map((i) => `${q} (version ${i})`)));
    const seen: string[] = [];
    const drafts = await qr.runUnit(unit, models, OPTIONS, never, (d) => void seen.push(d.outputKey));
    assert.deepEqual(models.calls.map((c) => c.request.role), ['augmenter', 'teacher', 'teacher', 'teacher']);
    const aug = models.calls[0]!;
    assert.equal(aug.request.model, AUGMENTER);
    assert.deepEqual(taskLines(aug.request), ['rephrase']);
    assert.equal(aug.request.responseFormat?.name, 'rephrase');
    assert.equal(aug.request.responseFormat?.strict, true);
    assert.equal(countLine(aug.request), 3);
    assert.equal(questionOf(aug.request), SEEDS[0]!.question);
    assert.equal(aug.request.sampling.seed, 1, 'round 1 asks a different request from round 0');
    assert.deepEqual(aug.prompt, { id: 'rephrase.v1', hash: DEFAULT_PROMPTS['rephrase.v1'].hash, kind: 'numeric:####' });
    for (let i = 1; i <= 3; i++) assertTeacherRequest(models.calls[i]!.request, `${SEEDS[0]!.question} (version ${i})`);

    assert.deepEqual(seen, ['r0', 'r1', 'r2']);
    assert.deepEqual(drafts.map((d) => d.outputKey), ['r0', 'r1', 'r2']);
    for (const [i, d] of drafts.entries()) {
      assert.equal(d.strategy, 'question-rephrase');
      assert.equal(d.question, `${SEEDS[0]!.question} (version ${i + 1})`);
      assert.equal(d.answer, `Answer to "${d.question}"\n#### 9`);
      assert.deepEqual(d.flags, []);
      assert.deepEqual([d.seedLines, d.seedHashes, d.exampleSampleIds], [[2], [SEEDS[0]!.hash], []]);
      assert.deepEqual(d.calls.map((c) => [c.role, c.prompt.id, c.bought]), [['augmenter', 'rephrase.v1', i === 0], ['teacher', 'answer.cot.v1', true]]);
      assert.equal(d.calls[0]!.cacheKey, requestCacheKey(aug.request));
      assert.equal(d.calls[1]!.cacheKey, requestCacheKey(models.calls[i + 1]!.request));
    }
    assert.equal(boughtCalls(drafts), models.calls.length);
  });

  it('when the budget runs out mid-unit, finished samples have been handed over and the error propagates unchanged', async () => {
    const [unit] = qr.plan(SEEDS, { teacherQueries: 3, augmenterCalls: 1 }, OPTIONS);
    const exhausted = new BudgetExhaustedError('teacher', 2);
    const models = new FakeModels((r, i) => (i === 3 ? exhausted : rephraser((q) => [`${q} A`, `${q} B`, `${q} C`])(r, i)));
    const handed: SampleDraft[] = [];
    await assert.rejects(qr.runUnit(unit!, models, OPTIONS, never, (d) => void handed.push(d)), (e: unknown) => e === exhausted);
    assert.deepEqual(handed.map((d) => d.outputKey), ['r0', 'r1']);
    assert.equal(boughtCalls(handed), 3, 'the augmenter call and two teacher answers');
    await assert.rejects(qr.run(unit!, new FakeModels((r, i) => (i === 3 ? exhausted : rephraser((q) => [`${q} A`, `${q} B`, `${q} C`])(r, i))), OPTIONS, never), (e: unknown) => e === exhausted);
  });

  it('onSample is awaited before the next call is made', async () => {
    const [unit] = qr.plan(SEEDS, { teacherQueries: 2, augmenterCalls: 1 }, OPTIONS);
    const models = new FakeModels(rephraser((q) => [`${q} A`, `${q} B`]));
    const log: string[] = [];
    await qr.runUnit(unit!, models, OPTIONS, never, async (d) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`${d.outputKey} recorded after ${models.calls.length} calls`);
    });
    assert.deepEqual(log, ['r0 recorded after 2 calls', 'r1 recorded after 3 calls']);
  });

  it('malformed augmenter output is one flagged sample that keeps the augmenter call, and buys no answer', async () => {
    const [unit] = qr.plan(SEEDS, { teacherQueries: 3, augmenterCalls: 1 }, OPTIONS);
    const models = new FakeModels(() => result("{'rephrasings': ['a']}"));
    const drafts = await qr.run(unit!, models, OPTIONS, never);
    assert.equal(models.calls.length, 1);
    assert.deepEqual(drafts.map((d) => [d.outputKey, d.flags, d.question, d.answer]), [['r0', ['malformed'], '', '']]);
    assert.deepEqual(drafts[0]!.calls.map((c) => [c.role, c.bought]), [['augmenter', true]]);
    assert.match(drafts[0]!.notes?.[0] ?? '', /rephrasings/);
  });

  it('reads fenced JSON, uses only as many rephrasings as asked, and buys no answer for an empty one', async () => {
    const [unit] = qr.plan(SEEDS, { teacherQueries: 3, augmenterCalls: 1 }, OPTIONS);
    const fenced = '```json\n{"rephrasings": ["One?", "", "Three?", "Four?", "Five?",]}\n```';
    const models = new FakeModels((r) => (r.role === 'augmenter' ? result(fenced) : result('ok\n#### 1')));
    const drafts = await qr.run(unit!, models, OPTIONS, never);
    assert.deepEqual(models.calls.map((c) => (c.request.role === 'teacher' ? questionOf(c.request) : 'aug')), ['aug', 'One?', 'Three?']);
    assert.deepEqual(drafts.map((d) => [d.outputKey, d.question, d.flags]), [['r0', 'One?', []], ['r1', '', ['empty']], ['r2', 'Three?', []]]);
    assert.ok(drafts[0]!.notes?.some((n) => /first 3/.test(n)));
    assert.ok(drafts[0]!.notes?.some((n) => /surrounding text/.test(n)));
    assert.equal(boughtCalls(drafts), 3);
  });

  it('the tail unit asks for fewer rephrasings', async () => {
    const units = qr.plan(SEEDS.slice(0, 2), { teacherQueries: 4, augmenterCalls: 10 }, OPTIONS);
    assert.deepEqual(units.map((u) => u.params.count), [2, 2]);
    const models = new FakeModels(rephraser((q) => [`${q} A`, `${q} B`]));
    await qr.run(units[1]!, models, OPTIONS, never);
    assert.equal(countLine(models.calls[0]!.request), 2);
  });
});

describe('New Question', () => {
  const nq = strategies['new-question'];
  const ACCEPTED = [
    { id: 'sample-a', question: 'Accepted question A?', answer: 'A.\n#### 1' },
    { id: 'sample-b', question: 'Accepted question B?', answer: 'B.\n#### 2' },
    { id: 'sample-c', question: 'Accepted question C?', answer: 'C.\n#### 3' },
  ];
  const NQ_OPTIONS: PlanOptions = { ...OPTIONS, fewShotSize: 6, questionsPerCall: 3, acceptedExamples: ACCEPTED };
  /** The example questions the augmenter prompt shows, in order. */
  const shown = (r: ChatRequest): string[] => [...user(r).matchAll(/^Question: (.*)$/gm)].map((m) => m[1]!);

  it('shows 6 seeds + 2 accepted samples, rotating so every seed is shown before any twice', () => {
    const units = nq.plan(SEEDS, { teacherQueries: 30, augmenterCalls: 30 }, NQ_OPTIONS);
    assert.equal(units.length, 10);
    for (const u of units) {
      assert.equal(u.seeds.length, 6);
      assert.equal(new Set(u.seeds.map((s) => s.line)).size, 6, 'no seed twice in one call');
    }
    const firstTwo = new Set(units.slice(0, 2).flatMap((u) => u.seeds.map((s) => s.line)));
    assert.equal(firstTwo.size, 10, 'all 10 seeds within the first ceil(10/6) = 2 calls');
    const ids = units.slice(0, 3).map((u) => (u.params.examples as { id: string }[]).map((e) => e.id));
    assert.deepEqual(ids, [['sample-a', 'sample-b'], ['sample-c', 'sample-a'], ['sample-b', 'sample-c']]);
  });

  it('asks the augmenter with the examples and a count, then answers only the answerable questions', async () => {
    const units = nq.plan(SEEDS, { teacherQueries: 30, augmenterCalls: 30 }, NQ_OPTIONS);
    const unit = units[1]!;
    const models = new FakeModels((r) =>
      r.role === 'augmenter'
        ? result(JSON.stringify({ questions: [
            { question: 'New Q one?', answerable: true, reason: 'all numbers given' },
            { question: 'New Q two?', answerable: false, reason: 'the price is missing' },
            { question: 'New Q three?', answerable: true, reason: 'clear' },
          ] }))
        : result(`Solved "${questionOf(r)}"\n#### 5`),
    );
    const drafts = await nq.run(unit, models, NQ_OPTIONS, never);
    const aug = models.calls[0]!.request;
    assert.equal(aug.role, 'augmenter');
    assert.equal(aug.model, AUGMENTER);
    assert.deepEqual(taskLines(aug), ['new_questions']);
    assert.equal(aug.responseFormat?.name, 'new_questions');
    assert.equal(countLine(aug), 3);
    assert.equal(aug.sampling.seed, 1);
    assert.deepEqual(shown(aug), [...unit.seeds.map((s) => s.question), 'Accepted question C?', 'Accepted question A?']);
    assert.deepEqual(models.calls[0]!.prompt, { id: 'new-question.v1', hash: DEFAULT_PROMPTS['new-question.v1'].hash, kind: 'numeric:####' });

    assert.deepEqual(models.byRole('teacher').map((c) => questionOf(c.request)), ['New Q one?', 'New Q three?'], 'no teacher query for the unanswerable one');
    for (const c of models.byRole('teacher')) assertTeacherRequest(c.request, questionOf(c.request));
    assert.deepEqual(drafts.map((d) => [d.outputKey, d.question, d.flags, d.answer]), [
      ['q0', 'New Q one?', [], 'Solved "New Q one?"\n#### 5'],
      ['q1', 'New Q two?', ['unanswerable'], ''],
      ['q2', 'New Q three?', [], 'Solved "New Q three?"\n#### 5'],
    ]);
    assert.deepEqual(drafts[1]!.calls.map((c) => [c.role, c.bought]), [['augmenter', false]]);
    assert.ok(drafts[1]!.notes?.some((n) => /price is missing/.test(n)));
    assert.ok(drafts[1]!.notes?.some((n) => /No teacher answer/.test(n)));
    assert.ok(drafts[0]!.notes?.some((n) => /answerable: all numbers given/.test(n)));
    for (const d of drafts) {
      assert.equal(d.strategy, 'new-question');
      assert.deepEqual(d.seedLines, unit.seeds.map((s) => s.line));
      assert.deepEqual(d.seedHashes, unit.seeds.map((s) => s.hash));
      assert.deepEqual(d.exampleSampleIds, ['sample-c', 'sample-a']);
    }
    assert.equal(boughtCalls(drafts), models.calls.length);
  });

  it('a batch of only unanswerable questions costs no teacher query and still accounts for the augmenter call', async () => {
    const [unit] = nq.plan(SEEDS, { teacherQueries: 2, augmenterCalls: 1 }, NQ_OPTIONS);
    assert.equal(unit!.params.count, 2, 'the tail asks for what is left');
    const models = new FakeModels(() => result('[{"question": "X?", "answerable": false, "reason": "vague"}, {"question": "Y?", "answerable": "no", "reason": "vague"}]'));
    const drafts = await nq.run(unit!, models, NQ_OPTIONS, never);
    assert.equal(models.byRole('teacher').length, 0);
    assert.deepEqual(drafts.map((d) => d.flags), [['unanswerable'], ['unanswerable']]);
    assert.equal(boughtCalls(drafts), 1);
  });

  it('with fewer seeds than the few-shot size, shows each seed once; without accepted samples shows only seeds', async () => {
    const units = nq.plan(SEEDS.slice(0, 3), { teacherQueries: 3, augmenterCalls: 5 }, OPTIONS);
    assert.equal(units.length, 1);
    const models = new FakeModels((r) => (r.role === 'augmenter' ? result('{"questions": []}') : result('x\n#### 1')));
    const drafts = await nq.run(units[0]!, models, OPTIONS, never);
    assert.deepEqual(new Set(shown(models.calls[0]!.request)), new Set(SEEDS.slice(0, 3).map((s) => s.question)));
    assert.deepEqual(drafts.map((d) => [d.outputKey, d.flags, d.exampleSampleIds]), [['q0', ['empty'], []]]);
    assert.ok(drafts[0]!.notes?.some((n) => /wrote 0/.test(n)));
  });

  it('a refused augmenter call is one flagged sample and no teacher call', async () => {
    const [unit] = nq.plan(SEEDS, { teacherQueries: 3, augmenterCalls: 1 }, OPTIONS);
    const models = new FakeModels(() => result('', { refusal: 'I cannot write these.' }));
    const drafts = await nq.run(unit!, models, OPTIONS, never);
    assert.equal(models.calls.length, 1);
    assert.deepEqual(drafts.map((d) => [d.flags, d.calls.map((c) => c.bought)]), [[['refusal'], [true]]]);
  });

  it('a teacher error after an unanswerable question still hands the finished samples over', async () => {
    const [unit] = nq.plan(SEEDS, { teacherQueries: 3, augmenterCalls: 1 }, OPTIONS);
    const aborted = new ChatError('aborted', 'cancelled');
    const models = new FakeModels((r) =>
      r.role === 'augmenter'
        ? result(JSON.stringify({ questions: [{ question: 'A?', answerable: true, reason: '' }, { question: 'B?', answerable: false, reason: '' }, { question: 'C?', answerable: true, reason: '' }] }))
        : questionOf(r) === 'C?' ? aborted : result('x\n#### 1'),
    );
    const handed: string[] = [];
    await assert.rejects(nq.runUnit(unit!, models, OPTIONS, never, (d) => void handed.push(d.outputKey)), (e: unknown) => e === aborted);
    assert.deepEqual(handed, ['q0', 'q1']);
  });
});

describe('work units from a journal', () => {
  it('bad params are refused before any call', async () => {
    const [unit] = strategies['question-rephrase'].plan(SEEDS, { teacherQueries: 3, augmenterCalls: 1 }, OPTIONS);
    const broken: WorkUnit = { ...unit!, params: { ...unit!.params, count: 0 } };
    const models = new FakeModels();
    await assert.rejects(strategies['question-rephrase'].run(broken, models, OPTIONS, never), /params\.count/);
    assert.equal(models.calls.length, 0);
  });
});
