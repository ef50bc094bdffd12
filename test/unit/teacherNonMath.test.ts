// The test teacher writes rephrasings and new questions in the form of non-math seeds (issue 10,
// item 6): no word-problem preambles ("Try this word problem.") on a classification, a text-to-SQL
// or a code seed, new SQL questions about the schema's own tables, new classification questions
// that stay classifications. Through the real pipeline: `seedsmith generate` with Question
// Rephrase and New Question against the test teacher, then `seedsmith samples --json`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AnswerKind } from '../../src/core/profile/index.ts';
import { seedsmith, seedsmithHereJson } from '../support/engineCli.ts';
import { writeKindFixtures } from '../support/kindFixtures.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const MATH_PREAMBLE = /word problem|problem to solve|Consider the following problem|Here is what we know|Use the following information|The details are these/i;
interface Row { question: string; strategy: string; flags: string[] }

describe('rephrasings and new questions in the form of non-math seeds (test teacher)', { timeout: 180_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let files: Record<AnswerKind, string>;

  before(async () => {
    dir = await makeTempDir();
    files = await writeKindFixtures(dir.path);
    teacher = await startTestTeacher({ seed: 9 });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  const generate = async (kind: AnswerKind, strategy: string): Promise<Row[]> => {
    const session = join(dir.path, `${kind}-${strategy}`);
    const run = await seedsmith(['generate', files[kind], '--budget', '6', '--strategy', strategy, '--teacher-model', 't', '--session', session, '--json'], {
      env: { OPENAI_API_KEY: 'sk-non-math', OPENAI_BASE_URL: teacher.url },
    });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const rows = (await seedsmithHereJson<{ samples: Row[] }>(['samples', '--session', session])).samples;
    assert.ok(rows.length >= 3, `${kind} ${strategy}: ${rows.length} samples`);
    return rows;
  };

  for (const kind of ['label', 'sql', 'code', 'json', 'text'] as const) {
    it(`${kind}: rephrasings carry no word-problem preamble and never copy the context in`, async () => {
      for (const row of await generate(kind, 'question-rephrase')) {
        assert.doesNotMatch(row.question, MATH_PREAMBLE, row.question);
        assert.ok(!row.question.includes('CREATE TABLE'), row.question);
        assert.deepEqual(row.flags, [], row.question);
      }
    });
  }

  it('sql: new questions are about the schema\'s own tables, not word problems', async () => {
    for (const row of await generate('sql', 'new-question')) {
      assert.match(row.question, /\b(singer|concert)\b/, row.question);
      assert.doesNotMatch(row.question, /apples|stickers|marbles|\$\d|pages/, row.question);
    }
  });

  it('label and code: new questions keep the examples\' form', async () => {
    for (const row of await generate('label', 'new-question')) assert.match(row.question, /^Classify the sentiment of this review: /, row.question);
    for (const row of await generate('code', 'new-question')) assert.match(row.question, /^Write a Python function add_\d+\(x\) that returns x plus \d+\.$/, row.question);
  });

  it('numeric (GSM8K): new questions are still the teacher\'s own word problems', async () => {
    const rows = await generate('numeric', 'new-question');
    for (const row of rows) assert.match(row.question, /\b(Maya|Liam|Priya|Jonah|Sofia|Mateo|Aisha|Kenji)\b.*\d|\d.*\b(Maya|Liam|Priya|Jonah|Sofia|Mateo|Aisha|Kenji)\b/, row.question);
  });
});
