// The task contract of test/teacher/README.md, through the real SDK: task choice, structured
// outputs that fit their schemas, rephrasings that keep the answer, invented questions whose
// answers come back right, and deterministic sampling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type OpenAI from 'openai';
import { schemaErrors } from '../teacher/schemaCheck.ts';
import { TASK_SCHEMAS } from '../teacher/schemas.ts';
import type { TestTeacher } from '../teacher/server.ts';
import { numberSignature } from '../teacher/text.ts';
import { clientFor, finalLine, TEST_MODEL, withTeacher } from '../teacher/testing.ts';

const SEED_Q = 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?';
const SEED_A = 'Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether in April and May.\n#### 72';

type Schema = Record<string, unknown>;
type Message = OpenAI.ChatCompletionMessageParam;

function schemaFormat(name: string, schema: Schema): OpenAI.ResponseFormatJSONSchema {
  return { type: 'json_schema', json_schema: { name, schema, strict: true } };
}

async function content(teacher: TestTeacher, messages: Message[], extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}): Promise<string> {
  const res = await clientFor(teacher).chat.completions.create({ model: TEST_MODEL, messages, ...extra });
  assert.equal(res.choices[0]!.finish_reason, 'stop');
  return res.choices[0]!.message.content ?? '';
}

const answerOf = async (teacher: TestTeacher, question: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  finalLine(await content(teacher, [{ role: 'user', content: `Question: ${question}` }], extra));

async function structured(teacher: TestTeacher, task: keyof typeof TASK_SCHEMAS, user: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}): Promise<unknown> {
  const schema = TASK_SCHEMAS[task] as Schema;
  const value = JSON.parse(await content(teacher, [{ role: 'user', content: user }], { response_format: schemaFormat(task, schema), ...extra })) as unknown;
  assert.deepEqual(schemaErrors(value, schema), [], `${task} output fits its schema`);
  return value;
}

/** Independent arithmetic for each question template, so invented answers are checked, not trusted. */
function solveTemplate(q: string): number | undefined {
  const n = (m: RegExpExecArray | null) => m?.slice(1).map(Number);
  let m: number[] | undefined;
  if ((m = n(/has (\d+) \w+\. \w+ buys (\d+) more \w+ and then gives (\d+) of them/.exec(q)))) return m[0]! + m[1]! - m[2]!;
  if ((m = n(/^Each \w+ holds (\d+) \w+\. \w+ fills (\d+) /.exec(q)))) return m[0]! * m[1]!;
  if ((m = n(/earns \$(\d+) per hour\. \w+ works (\d+) hours a day for (\d+) days/.exec(q)))) return m[0]! * m[1]! * m[2]!;
  if ((m = n(/^A book has (\d+) pages\. \w+ reads (\d+) pages on Monday and twice as many/.exec(q)))) return m[0]! - 3 * m[1]!;
  if ((m = n(/shares (\d+) \w+ equally among (\d+) friends/.exec(q)))) return m[0]! / m[1]!;
  if ((m = n(/buys (\d+) \w+ at \$(\d+) each and pays with a \$(\d+) bill/.exec(q)))) return m[2]! - m[0]! * m[1]!;
  return undefined;
}

describe('test teacher: task choice', () => {
  it('takes the task from the schema name, else from a "Task:" line, else answers', async () => {
    await withTeacher({}, async (teacher) => {
      const marked = JSON.parse(await content(teacher, [
        { role: 'system', content: 'You rewrite questions.\nTask: rephrase' },
        { role: 'user', content: `Question: ${SEED_Q}\nCount: 2` },
      ])) as { rephrasings: string[] };
      assert.equal(marked.rephrasings.length, 2);

      const jsonObject = JSON.parse(await content(teacher, [
        { role: 'system', content: 'Task: self_check' },
        { role: 'user', content: `Question: ${SEED_Q}` },
      ], { response_format: { type: 'json_object' } })) as Record<string, unknown>;
      assert.deepEqual(Object.keys(jsonObject).sort(), ['answerable', 'reason', 'well_formed']);

      const schemaWins = JSON.parse(await content(teacher, [
        { role: 'system', content: 'Task: self_check' },
        { role: 'user', content: `Question: ${SEED_Q}` },
      ], { response_format: schemaFormat('rephrase', TASK_SCHEMAS.rephrase) })) as { rephrasings: string[] };
      assert.equal(schemaWins.rephrasings.length, 1, 'Count defaults to 1');

      const plain = await content(teacher, [{ role: 'system', content: 'You are a careful math tutor.' }, { role: 'user', content: SEED_Q }]);
      assert.ok(finalLine(plain) !== undefined, 'no marker: the answer task, with a #### line');
    });
  });
});

describe('test teacher: structured outputs fit their schemas', () => {
  it('answer, rephrase, new_questions and self_check', async () => {
    await withTeacher({}, async (teacher) => {
      teacher.learn([{ question: SEED_Q, answer: SEED_A }]);
      const answer = (await structured(teacher, 'answer', `Question: ${SEED_Q}`)) as { solution: string; final_answer: string };
      assert.equal(answer.final_answer, '72');
      assert.equal(finalLine(answer.solution), '72');

      const { rephrasings } = (await structured(teacher, 'rephrase', `Rewrite this.\nQuestion: ${SEED_Q}\nCount: 4`)) as { rephrasings: string[] };
      assert.equal(rephrasings.length, 4);
      assert.equal(new Set(rephrasings).size, 4, 'distinct rephrasings');
      for (const r of rephrasings) {
        assert.notEqual(r, SEED_Q);
        assert.equal(numberSignature(r), numberSignature(SEED_Q), `keeps every number: ${r}`);
      }

      const { questions } = (await structured(teacher, 'new_questions', `Examples:\nQuestion: ${SEED_Q}\nAnswer: 72\n\nCount: 3`)) as {
        questions: Array<{ question: string; answerable: boolean; reason: string }>;
      };
      assert.equal(questions.length, 3);
      assert.ok(questions.every((q) => q.answerable && q.reason.length > 0 && q.question !== SEED_Q));

      const known = (await structured(teacher, 'self_check', `Question: ${SEED_Q}`)) as { answerable: boolean; well_formed: boolean };
      assert.deepEqual([known.answerable, known.well_formed], [true, true]);
      const vague = (await structured(teacher, 'self_check', 'Question: Tell me about clips')) as { answerable: boolean; well_formed: boolean };
      assert.deepEqual([vague.answerable, vague.well_formed], [false, false]);
      const leaky = (await structured(teacher, 'self_check', 'Question: Tom has 3 cats and 2 dogs. How many pets? #### 5')) as { answerable: boolean; well_formed: boolean; reason: string };
      assert.deepEqual([leaky.answerable, leaky.well_formed], [true, false]);
      assert.match(leaky.reason, /scaffolding/);
    });
  });

  it('fits a schema that differs from the canonical one (fewer fields, maxItems, $ref)', async () => {
    await withTeacher({}, async (teacher) => {
      const schema: Schema = {
        type: 'object',
        $defs: { item: { type: 'object', properties: { question: { type: 'string' }, difficulty: { type: 'integer' } }, required: ['question', 'difficulty'], additionalProperties: false } },
        properties: { questions: { type: 'array', items: { $ref: '#/$defs/item' }, maxItems: 2 }, note: { type: ['string', 'null'] } },
        required: ['questions', 'note'],
        additionalProperties: false,
      };
      const value = JSON.parse(await content(teacher, [{ role: 'user', content: 'Count: 5' }], { response_format: schemaFormat('new_questions', schema) })) as {
        questions: Array<{ question: string }>;
      };
      assert.deepEqual(schemaErrors(value, schema), []);
      assert.equal(value.questions.length, 2);
      assert.ok(value.questions.every((q) => q.question.endsWith('?')));
    });
  });
});

describe('test teacher: gold answers', () => {
  it('answers learnt questions with their gold, and rephrasings of them too', async () => {
    await withTeacher({}, async (teacher) => {
      assert.equal(teacher.learn([{ question: SEED_Q, answer: SEED_A }]), 1);
      assert.equal(await answerOf(teacher, SEED_Q), '72');
      assert.equal(await answerOf(teacher, `  ${SEED_Q.toUpperCase()}  `), '72', 'case and spacing do not matter');
      const { rephrasings } = (await structured(teacher, 'rephrase', `Question: ${SEED_Q}\nCount: 3`, { seed: 5 })) as { rephrasings: string[] };
      for (const r of rephrasings) assert.equal(await answerOf(teacher, r, { temperature: 0.7 }), '72', r);
    });
  });

  it('a rephrasing of an unknown question gets the same answer as the question', async () => {
    await withTeacher({}, async (teacher) => {
      const q = 'A farmer has 17 cows and buys 9 more cows at the market. How many cows does the farmer have now?';
      const original = await answerOf(teacher, q);
      assert.equal(original, '26');
      const { rephrasings } = (await structured(teacher, 'rephrase', `Question: ${q}\nCount: 2`)) as { rephrasings: string[] };
      for (const r of rephrasings) assert.equal(await answerOf(teacher, r), original, r);
    });
  });

  it('invented questions are answered with the answer they were built with', async () => {
    await withTeacher({}, async (teacher) => {
      const client = clientFor(teacher);
      const res = await client.chat.completions.create({
        model: TEST_MODEL,
        messages: [{ role: 'system', content: 'Task: new_questions' }, { role: 'user', content: `Question: ${SEED_Q}\nCount: 12` }],
        n: 2,
        temperature: 0.9,
      });
      const questions = res.choices.flatMap((c) => (JSON.parse(c.message.content!) as { questions: Array<{ question: string }> }).questions.map((q) => q.question));
      assert.equal(questions.length, 24);
      for (const q of questions) {
        const expected = solveTemplate(q);
        assert.ok(expected !== undefined && Number.isInteger(expected) && expected >= 0, `a sensible grade-school answer for: ${q}`);
        assert.equal(teacher.goldFor(q), String(expected));
        assert.equal(await answerOf(teacher, q), String(expected), q);
      }
    });
  });
});

describe('test teacher: deterministic sampling', () => {
  const ask = [{ role: 'user' as const, content: `Question: ${SEED_Q}` }];

  it('temperature 0 or a fixed seed repeats exactly, across servers too', async () => {
    const run = () =>
      withTeacher({}, async (teacher) => [
        await content(teacher, ask, { temperature: 0 }),
        await content(teacher, ask, { temperature: 0 }),
        await content(teacher, ask, { temperature: 0.7, seed: 42 }),
        await content(teacher, ask, { temperature: 0.7, seed: 42 }),
      ]);
    const [a, b] = [await run(), await run()];
    assert.deepEqual(a, b);
    assert.equal(a[0], a[1]);
    assert.equal(a[2], a[3]);
  });

  it('other seeds, or repeats without a seed, reword the reasoning but keep the final number', async () => {
    await withTeacher({}, async (teacher) => {
      teacher.learn([{ question: SEED_Q, answer: SEED_A }]);
      const seeded = await Promise.all([1, 2, 3, 4, 5].map((seed) => content(teacher, ask, { temperature: 0.7, seed })));
      const unseeded: string[] = [];
      for (let i = 0; i < 5; i++) unseeded.push(await content(teacher, ask, { temperature: 0.7 }));
      for (const group of [seeded, unseeded]) {
        assert.ok(new Set(group).size >= 3, `varied wording: ${new Set(group).size} distinct of 5`);
        assert.deepEqual(new Set(group.map(finalLine)), new Set(['72']));
      }
    });
  });
});
