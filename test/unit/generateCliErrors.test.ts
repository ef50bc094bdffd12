// `seedsmith generate` when something is wrong: no key (bad input, exit 2), an endpoint that
// cannot be reached (exit 1, one sentence, nothing spent), and a seed file with bad lines (the
// valid ones are used).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedPort, readJournalLines, seedsmith, seedsmithHereJson } from '../support/engineCli.ts';
import { completionsIn, finalOf, lineageProblems, samplesIn } from '../support/engineLineage.ts';
import type { SeedText } from '../support/engineLineage.ts';
import { makeTempDir, writeBadSeedFile, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const SECRET = 'sk-generate-errors-test-9a8b7c6d';
const STACK_LINE = /^\s+at .+[(:]\d+/m;

describe('seedsmith generate on bad input and a bad endpoint', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seedFile: string;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 4 });
    teacher = await startTestTeacher({ seed: 5 });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  it('exits 2 with one sentence when OPENAI_API_KEY is missing, and sends and writes nothing', async () => {
    const session = join(dir.path, 'no-key');
    const args = ['generate', seedFile, '--budget', '3', '--teacher-model', 'teacher-nokey', '--session', session];
    for (const env of [{ OPENAI_BASE_URL: teacher.url }, { OPENAI_BASE_URL: teacher.url, OPENAI_API_KEY: '' }]) {
      const run = await seedsmith(args, { env });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^seedsmith generate: OPENAI_API_KEY is not set; [^\n]*\.\n$/, 'one line, one sentence');
      assert.doesNotMatch(run.stderr, STACK_LINE);
    }
    const json = await seedsmith([...args, '--json'], { env: { OPENAI_BASE_URL: teacher.url } });
    assert.equal(json.code, 2);
    const error = (JSON.parse(json.stdout) as { error: { message: string; exitCode: number } }).error;
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /OPENAI_API_KEY/);
    assert.equal(existsSync(session), false, 'no session folder');
    assert.equal(teacher.stats().models['teacher-nokey'], undefined, 'no request reached the teacher');
  });

  it('exits 1 with one sentence and no stack when the endpoint is a closed port, and spends nothing', async () => {
    const port = await closedPort();
    const session = join(dir.path, 'closed-port');
    const url = `http://127.0.0.1:${port}/v1`;
    const args = ['generate', seedFile, '--budget', '3', '--teacher-model', 'teacher-closed', '--base-url', url, '--max-retries', '1', '--session', session];
    const run = await seedsmith(args, { env: { OPENAI_API_KEY: SECRET } });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout + run.stderr, STACK_LINE);
    assert.ok(!(run.stdout + run.stderr).includes(SECRET));
    const failure = run.stdout.split('\n').filter((line) => / failed: /.test(line));
    assert.equal(failure.length, 1, run.stdout);
    const sentence = failure[0]?.slice(failure[0].indexOf(' failed: ') + ' failed: '.length) ?? '';
    assert.match(sentence, new RegExp(`^Could not reach ${url.replace(/[.]/g, '\\.')}: connection refused\\.`));
    assert.doesNotMatch(sentence, /\.\./, 'one sentence, one full stop');

    const json = await seedsmith([...args, '--json'], { env: { OPENAI_API_KEY: SECRET } });
    assert.equal(json.code, 1);
    const result = JSON.parse(json.stdout) as { reason: string; message: string; teacher: { spent: number; retries: number } };
    assert.equal(result.reason, 'failed');
    assert.match(result.message, /^[^\n]*connection refused\.$/);
    // Refused before sending: released (retries), never spent.
    const status = await seedsmithHereJson<{ teacher: { spent: number; retries: number } }>(['status', '--session', session]);
    assert.equal(status.teacher.spent, 0);
    assert.ok(status.teacher.retries >= 2, `retries ${status.teacher.retries}`);
  });

  it('exits 1 and spends nothing when fetch refuses the port itself (127.0.0.1:9 is on its blocked list)', async () => {
    // Port 9 is closed on any ordinary machine, but fetch (undici) rejects it as a "bad port"
    // before opening a connection: no request ever leaves, so nothing may be counted as spent.
    const session = join(dir.path, 'bad-port');
    const run = await seedsmith(['generate', seedFile, '--budget', '3', '--teacher-model', 'teacher-badport', '--base-url', 'http://127.0.0.1:9/v1', '--max-retries', '0', '--session', session, '--json'], {
      env: { OPENAI_API_KEY: SECRET },
    });
    const result = JSON.parse(run.stdout) as { reason: string; teacher: { spent: number } };
    assert.deepEqual([run.code, result.reason, result.teacher.spent], [1, 'failed', 0], run.stdout);
  });

  it('exits 1, not 0 "done", when every request fails (HTTP 500 after its retries) and nothing was generated', async () => {
    const failing = await startTestTeacher({ errorRate: 1 });
    try {
      const session = join(dir.path, 'all-500');
      const run = await seedsmith(['generate', seedFile, '--budget', '3', '--teacher-model', 'teacher-500', '--max-retries', '1', '--session', session, '--json'], {
        env: { OPENAI_API_KEY: SECRET, OPENAI_BASE_URL: failing.url },
      });
      const result = JSON.parse(run.stdout) as { reason: string; samplesAdded: number; failures: number; message: string | null; teacher: { spent: number } };
      assert.deepEqual([result.samplesAdded, result.failures, result.teacher.spent], [0, 3, 0], run.stdout);
      assert.deepEqual([run.code, result.reason], [1, 'failed'], `a run that generated nothing because every request failed: ${run.stdout}`);
      assert.match(result.message ?? '', /HTTP 500/);
    } finally {
      await failing.close();
    }
  });

  it('generates from the valid lines of a seed file with bad lines, and says which lines were skipped', async () => {
    const badFile = join(dir.path, 'bad.jsonl');
    const bad = await writeBadSeedFile(badFile);
    const lines = bad.text.split('\n');
    const valid = new Map<number, SeedText>(bad.validLines.map((line) => [line, JSON.parse(lines[line - 1] ?? '') as SeedText]));
    // The repeated question (a warning) normalizes to line 1's: the teacher learns line 1's gold only.
    const duplicates = new Set(bad.warnings.map((w) => w.line));
    const distinct = bad.validLines.filter((line) => !duplicates.has(line));
    teacher.learn(distinct.map((line) => valid.get(line) as SeedText));
    const session = join(dir.path, 'bad-lines');
    const run = await seedsmith(['generate', badFile, '--budget', '6', '--strategy', 'answer-augmentation', '--teacher-model', 'teacher-badlines', '--session', session, '--json'], {
      env: { OPENAI_API_KEY: SECRET, OPENAI_BASE_URL: teacher.url },
    });
    assert.equal(run.code, 0, run.stderr);
    for (const error of bad.errors) assert.ok(run.stderr.includes(`${badFile}:${error.line}:${error.column}: `), `line ${error.line} reported`);
    assert.match(run.stderr, new RegExp(`using the ${bad.validLines.length} valid seeds; ${bad.errors.length} bad lines are skipped`));
    const journal = await readJournalLines(session);
    const samples = samplesIn(journal.events);
    assert.equal(samples.length, 6);
    assert.equal(teacher.stats().models['teacher-badlines']?.completions, 6);
    const context = {
      seeds: valid, strategy: 'answer-augmentation' as const, secret: SECRET, teacher: { model: 'teacher-badlines', endpoint: teacher.url }, augmenter: null,
      completions: new Map(completionsIn(journal.events).map((e) => [e.cacheKey, e.result])),
    };
    assert.deepEqual(samples.flatMap((s) => lineageProblems(s, context)), []);
    // Every distinct valid question was used (the repeated one once), nothing from a bad line.
    assert.deepEqual([...new Set(samples.map((s) => s.seedLines[0]))].sort((a, b) => (a ?? 0) - (b ?? 0)), distinct);
    for (const sample of samples) assert.equal(finalOf(sample.answer), finalOf(valid.get(sample.seedLines[0] ?? 0)?.answer ?? ''));
  });
});
