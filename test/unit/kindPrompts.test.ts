// Issue 10, "Done when": for a seed file of each answer kind, a run of each strategy through the
// real CLI sends the teacher few-shot prompts with the kind's format instruction, never with the
// seed being augmented among the examples; the context goes with the question (rephrased
// questions keep it unchanged). Asserted on what the test teacher received, not on what
// SeedSmith meant to send.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AnswerKind } from '../../src/core/profile/index.ts';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import { seedsmith, seedsmithHereJson } from '../support/engineCli.ts';
import { SQL_SCHEMA, writeKindFixtures } from '../support/kindFixtures.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import { readExamples } from '../teacher/fewShot.ts';
import type { ReceivedPrompt } from '../teacher/received.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const SECRET = 'sk-kind-prompts-test';
const STRATEGIES: readonly StrategyId[] = ['answer-augmentation', 'question-rephrase', 'new-question'];

/** A phrase of each kind's format instruction that no other kind's has. */
const FORMAT_MARK: Readonly<Record<AnswerKind, RegExp>> = {
  numeric: /^#### <final answer>$/m,
  label: /exactly one of these labels and nothing else: "positive", "negative", "neutral"/,
  json: /one JSON value only that fits this JSON Schema:\n\{"type":"object"/,
  sql: /one SQL query that answers the question, using only the tables and columns of the schema/,
  code: /one fenced code block in python/,
  text: /register, tone and form of the examples, of \d+–\d+ words/,
};

interface SeedQA {
  question: string;
  context?: string;
}

/** The fixture's questions as the kinds' fixtures write them (read here without the product's parser). */
function seedQuestions(text: string): SeedQA[] {
  return text.trim().split('\n').map((line) => {
    const r = JSON.parse(line) as Record<string, unknown>;
    if (typeof r.instruction === 'string') return { question: r.instruction, context: String(r.input) };
    if (typeof r.prompt === 'string') return { question: r.prompt };
    if (Array.isArray(r.messages)) {
      const turns = r.messages as { role: string; content: string }[];
      return { question: turns.find((t) => t.role === 'user')!.content, context: turns.find((t) => t.role === 'system')!.content };
    }
    return { question: String(r.question), ...(typeof r.context === 'string' ? { context: r.context } : {}) };
  });
}

/** Whether the example of `question` is shown with `context` (its own Context: line). */
function sameContextShown(message: string, question: string, context: string): boolean {
  return message.includes(`Context:\n${context.trim()}\nQuestion: ${question}`);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const system = (p: ReceivedPrompt) => p.messages.find((m) => m.role === 'system')?.content ?? '';
const user = (p: ReceivedPrompt) => p.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';

describe('prompts per answer kind, few-shot from the seeds (real CLI, test teacher)', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let files: Record<AnswerKind, string>;

  before(async () => {
    dir = await makeTempDir();
    files = await writeKindFixtures(dir.path);
    teacher = await startTestTeacher({ seed: 3 });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  for (const kind of ['numeric', 'label', 'json', 'sql', 'code', 'text'] as const) {
    for (const strategy of STRATEGIES) {
      it(`${kind} seeds, ${strategy}: the kind's format, 3–5 seed examples without the augmented seed, the context with the question`, async () => {
        const seeds = seedQuestions(await readFile(files[kind], 'utf8'));
        const session = join(dir.path, `session-${kind}-${strategy}`);
        teacher.resetStats();
        const run = await seedsmith(['generate', files[kind], '--budget', '6', '--strategy', strategy, '--teacher-model', `t-${kind}`, '--session', session, '--concurrency', '2', '--json'], {
          env: { OPENAI_API_KEY: SECRET, OPENAI_BASE_URL: teacher.url },
        });
        assert.equal(run.code, 0, run.stderr + run.stdout);
        const received = teacher.received();
        const answers = received.filter((p) => p.task === 'answer');
        assert.ok(answers.length >= 1, 'the teacher was asked for answers');

        const { samples } = await seedsmithHereJson<{ samples: { seedLine: number; question: string; answer: string }[] }>(['samples', '--session', session]);
        for (const prompt of answers) {
          assert.match(system(prompt), FORMAT_MARK[kind], `${kind}: the format instruction of the kind`);
          for (const other of Object.keys(FORMAT_MARK) as AnswerKind[]) {
            if (other !== kind && !(kind === 'numeric' && other === 'text')) assert.doesNotMatch(system(prompt), FORMAT_MARK[other], `no ${other} instruction in a ${kind} prompt`);
          }
          const examples = readExamples(user(prompt));
          assert.ok(examples.length >= 3 && examples.length <= 5, `3–5 examples, got ${examples.length}`);
          for (const example of examples) {
            assert.ok(seeds.some((s) => oneLine(s.question) === oneLine(example.question)), `every example is one of the user's seeds: ${example.question}`);
          }
          if (strategy !== 'new-question') {
            // The sample this request answered, and so the seed being augmented.
            const asked = (line: number) => {
              const context = seeds[line - 1]?.context;
              return context === undefined || kind === 'text' || user(prompt).includes(`Context:\n${context.trim()}\n\nQuestion: `);
            };
            const sample = samples.find((s) => oneLine(s.question).startsWith(prompt.question) && asked(s.seedLine));
            assert.ok(sample, `a sample answers "${prompt.question}"`);
            const augmented = seeds[sample.seedLine - 1]!;
            // Seeds may share a question and differ by their context (Alpaca inputs): a seed is (question, context).
            const shown = (e: { question: string }) => oneLine(e.question) === oneLine(augmented.question) && (augmented.context === undefined || sameContextShown(user(prompt), e.question, augmented.context));
            assert.ok(!examples.some(shown), 'the augmented seed is not among the examples');
            if (augmented.context !== undefined && kind !== 'text') assert.ok(user(prompt).includes(`Context:\n${augmented.context.trim()}\n\nQuestion: `), 'the seed context goes with the question');
          }
          if (kind === 'sql') assert.ok(user(prompt).includes(`Context:\n${SQL_SCHEMA}\n\nQuestion: `), 'the SQL schema is given with every question');
        }
        if (strategy === 'question-rephrase' && (kind === 'sql' || kind === 'json')) {
          for (const prompt of received.filter((p) => p.task === 'rephrase')) {
            assert.match(user(prompt), /Keep the context as it is: rephrase only the question/);
            assert.ok(!/Context:/.test(prompt.question) && !prompt.question.includes('CREATE TABLE'), 'only the question is to be rephrased');
          }
        }
        if (strategy === 'new-question' && kind === 'sql') {
          for (const prompt of received.filter((p) => p.task === 'new_questions')) {
            assert.ok(user(prompt).includes(SQL_SCHEMA), 'new questions are written against the same schema');
            assert.match(user(prompt), /answerable by one SQL query over the same schema/);
          }
        }
      });
    }
  }

  it('GSM8K-style seeds: the answer prompt still asks for reasoning ending in "#### <final answer>", and answers end so', async () => {
    const session = join(dir.path, 'session-gsm8k');
    teacher.resetStats();
    const run = await seedsmith(['generate', files.numeric, '--budget', '4', '--strategy', 'answer-augmentation', '--teacher-model', 't-gsm', '--session', session, '--json'], {
      env: { OPENAI_API_KEY: SECRET, OPENAI_BASE_URL: teacher.url },
    });
    assert.equal(run.code, 0, run.stderr);
    for (const prompt of teacher.received()) {
      assert.match(system(prompt), /step by step/);
      assert.match(system(prompt), /^#### <final answer>$/m);
    }
    const { samples } = await seedsmithHereJson<{ samples: { answer: string; flags: string[] }[] }>(['samples', '--session', session]);
    assert.equal(samples.length, 4);
    for (const s of samples) {
      assert.match(s.answer, /\n#### \S+$/);
      assert.deepEqual(s.flags, []);
    }
  });
});
