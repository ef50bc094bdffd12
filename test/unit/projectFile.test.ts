// The project file seedsmith.jsonc: found beside the seeds or above, its prompt overrides used by
// `generate`, and a broken one refused before anything is sent.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findProjectFile, readProjectPrompts } from '../../src/node/projectFile.ts';
import { startTestTeacher, type TestTeacher } from '../teacher/server.ts';
import { seedsmith } from '../support/engineCli.ts';

const seeds = [
  { question: 'Tom has 3 boxes of 12 pencils. How many pencils does he have?', answer: 'He has 3 * 12 = 36 pencils.\n#### 36' },
  { question: 'A train goes 60 km per hour for 2 hours. How far does it go?', answer: 'It goes 60 * 2 = 120 km.\n#### 120' },
];

describe('seedsmith.jsonc', () => {
  let dir: string;
  let teacher: TestTeacher;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ss-project-'));
    await mkdir(path.join(dir, 'data', 'math'), { recursive: true });
    await writeFile(path.join(dir, 'data', 'math', 'seeds.jsonl'), seeds.map((s) => JSON.stringify(s)).join('\n') + '\n');
    teacher = await startTestTeacher();
  });
  after(async () => {
    await teacher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is found beside the seed file or in a folder above it, and is optional', async () => {
    const seedFile = path.join(dir, 'data', 'math', 'seeds.jsonl');
    assert.equal(findProjectFile(seedFile, dir), undefined);
    await writeFile(path.join(dir, 'seedsmith.jsonc'), '{}');
    assert.equal(findProjectFile(seedFile, dir), path.join(dir, 'seedsmith.jsonc'));
    const none = await readProjectPrompts(undefined);
    assert.deepEqual([none.file, none.overridden, none.errors], [undefined, [], []]);
  });

  it('generate sends the overridden prompt, and its template hash is in the lineage', async () => {
    const override = 'Work it out step by step; end with #### and the number.\nQuestion: {{question}}';
    await writeFile(path.join(dir, 'seedsmith.jsonc'), `{\n  // house style\n  "prompts": { "answer.cot.v1": { "user": ${JSON.stringify(override)} } }\n}\n`);
    const session = path.join(dir, 'session-a');
    const run = await seedsmith(['generate', path.join(dir, 'data', 'math', 'seeds.jsonl'), '--budget', '2', '--teacher-model', 'm', '--strategy', 'answer-augmentation', '--session', session, '--base-url', teacher.url], { env: { OPENAI_API_KEY: 'x' } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /prompts: answer\.cot\.v1 from .*seedsmith\.jsonc/);
    const samples = JSON.parse((await seedsmith(['samples', '--session', session, '--json'])).stdout) as { samples: unknown[] };
    assert.equal(samples.samples.length, 2);
    const defaults = await readProjectPrompts(undefined);
    const used = await readProjectPrompts(path.join(dir, 'seedsmith.jsonc'));
    assert.notEqual(used.prompts['answer.cot.v1'].hash, defaults.prompts['answer.cot.v1'].hash, 'the override changes the template hash');
    const journal = await import('node:fs/promises').then((fs) => fs.readFile(path.join(session, 'journal.jsonl'), 'utf8'));
    assert.ok(journal.includes(used.prompts['answer.cot.v1'].hash), 'samples name the overriding template');
  });

  it('a broken override is bad input with file:line:col, and nothing is sent', async () => {
    await writeFile(path.join(dir, 'seedsmith.jsonc'), '{\n  "prompts": { "answer.cot.v1": { "user": "no placeholder" } }\n}\n');
    const before = teacher.stats().totals.requests;
    const run = await seedsmith(['generate', path.join(dir, 'data', 'math', 'seeds.jsonl'), '--budget', '2', '--teacher-model', 'm', '--session', path.join(dir, 'session-b'), '--base-url', teacher.url], { env: { OPENAI_API_KEY: 'x' } });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /seedsmith\.jsonc:2:\d+: .*\{\{question\}\}/);
    assert.equal(teacher.stats().totals.requests, before);
  });
});
