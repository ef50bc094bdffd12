// Labels through structured output (issue 10): the teacher's answer requests for a label file carry
// response_format json_schema with an enum of the seeds' labels, and the sample keeps the bare
// label. An endpoint that refuses response_format (400) gets the same request without it, once:
// the client remembers it for the run, and the 400 costs nothing. Real CLI, real test teacher.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedsmith, seedsmithHereJson } from '../support/engineCli.ts';
import { labelSeeds } from '../support/kindFixtures.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import { writeFile } from 'node:fs/promises';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const LABELS = ['positive', 'negative', 'neutral'];
interface Row { id: string; answer: string; checks: { check: string; status: string }[] }
interface StatusJson { teacher: { spent: number; retries: number } }

describe('label answers with an enum of the labels (structured output)', { timeout: 120_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seeds = '';

  before(async () => {
    dir = await makeTempDir();
    seeds = join(dir.path, 'label.jsonl');
    await writeFile(seeds, labelSeeds());
    teacher = await startTestTeacher({ seed: 3 });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  const generate = async (session: string) => {
    const run = await seedsmith(['generate', seeds, '--budget', '4', '--strategy', 'answer-augmentation', '--teacher-model', 't', '--concurrency', '1', '--session', session, '--json'], {
      env: { OPENAI_API_KEY: 'sk-labels', OPENAI_BASE_URL: teacher.url },
    });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    return (await seedsmithHereJson<{ samples: Row[] }>(['samples', '--session', session])).samples;
  };

  it('asks for {"label": one of the labels} and keeps the bare label as the answer', async () => {
    teacher.resetStats();
    const samples = await generate(join(dir.path, 'structured'));
    const answers = teacher.received().filter((r) => r.task === 'answer');
    assert.equal(answers.length, 4);
    for (const request of answers) {
      assert.equal(request.responseFormat.type, 'json_schema');
      const schema = request.responseFormat.type === 'json_schema' ? request.responseFormat.schema : null;
      assert.deepEqual(schema?.properties, { label: { type: 'string', enum: LABELS } });
    }
    assert.equal(samples.length, 4);
    for (const sample of samples) {
      assert.ok(LABELS.includes(sample.answer), `"${sample.answer}" is a bare label`);
      assert.equal(sample.checks.find((c) => c.check === 'label-in-set')?.status, 'pass');
    }
  });

  it('an endpoint that refuses response_format gets the request without it, once per run; the refusal costs nothing', async () => {
    teacher.resetStats();
    teacher.configure({ rejectResponseFormat: true });
    try {
      const session = join(dir.path, 'refused');
      const samples = await generate(session);
      assert.deepEqual(teacher.stats().totals.errors, { 400: 1 }, 'one refusal, then the run stops sending response_format');
      assert.ok(teacher.received().every((r) => r.responseFormat.type === 'text'));
      assert.equal(samples.length, 4);
      for (const sample of samples) assert.equal(sample.checks.find((c) => c.check === 'label-in-set')?.status, 'pass', sample.answer);
      const status = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      assert.equal(status.teacher.spent, 4, 'the refused request was released, not spent');
    } finally {
      teacher.configure({ rejectResponseFormat: false });
    }
  });

  it('wrong-shape answers stay wrong (an endpoint that ignores the schema) and fail label-in-set', async () => {
    teacher.configure({ wrongShapeRate: 1 });
    try {
      const samples = await generate(join(dir.path, 'wrong'));
      for (const sample of samples) assert.equal(sample.checks.find((c) => c.check === 'label-in-set')?.status, 'fail', sample.answer);
    } finally {
      teacher.configure({ wrongShapeRate: 0 });
    }
  });
});
