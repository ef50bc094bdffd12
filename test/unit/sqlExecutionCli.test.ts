// SQL execution match through the real CLI (issue 10): seedsmith.jsonc points "sql.database" at a
// real SQLite file the test writes, and `seedsmith check` and `samples --json` run every sample of
// a text-to-SQL session against it next to its seed's gold query. An equivalent query written
// differently passes, one with other rows fails, a hanging one is stopped at "sql.timeoutMs".
// Without a database the result is n/a with the reason; a bad path is bad input naming it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { seedsmith, seedsmithHereJson } from '../support/engineCli.ts';
import { sqlSeeds } from '../support/kindFixtures.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import { writeSingerDatabase } from '../support/sqliteFixture.ts';

const at = '2026-01-01T00:00:00.000Z';
const HANGING = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

interface CheckRow { readonly check: string; readonly status: string; readonly detail: string }
interface CheckJson { checks: Record<string, Record<string, number>>; problems: { id: string; check: string; status: string; detail: string }[] }
interface SamplesJson { samples: { id: string; checks: CheckRow[] }[] }

function sampleEvent(id: string, seed: Seed, answer: string): JournalEvent {
  const sample: Sample = {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy: 'answer-augmentation', question: seed.question, answer, flags: [],
    seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [],
    calls: [{ role: 'teacher', cacheKey: `k-${id}`, prompt: { id: 'answer.cot.v1', hash: 'ph', kind: 'sql' }, sampling: { temperature: 0.7, maxTokens: 200 }, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop', bought: true }],
    teacher: { model: 't', endpoint: 'http://127.0.0.1/v1' }, augmenter: null, createdAt: at,
  };
  return { type: 'sample', at, sample };
}

/** A project folder: seeds, a session with known answers, and seedsmith.jsonc as given. */
async function project(root: string, name: string, jsonc: string | null): Promise<{ seeds: string; session: string }> {
  const dir = join(root, name);
  await mkdir(join(dir, 'session'), { recursive: true });
  const seedsFile = join(dir, 'sql.jsonl');
  await writeFile(seedsFile, sqlSeeds());
  const index = await indexSeedText(sqlSeeds());
  const seed = (question: string) => index.seeds.find((s) => s.question.includes(question))!;
  const france = seed('from France');
  const count = seed('How many singers are there?');
  const events = [
    sampleEvent('equivalent', france, "select s.name from singer as s where s.country in ('France') and s.age > 0"),
    sampleEvent('other-rows', france, 'SELECT name FROM singer WHERE age > 30'),
    sampleEvent('hanging', count, HANGING),
  ];
  await writeFile(join(dir, 'session', 'journal.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  if (jsonc !== null) await writeFile(join(dir, 'seedsmith.jsonc'), jsonc);
  return { seeds: seedsFile, session: join(dir, 'session') };
}

const execution = (rows: readonly CheckRow[]) => rows.find((c) => c.check === 'sql-execution');

describe('sql-execution through seedsmith check and samples (real SQLite file)', { timeout: 120_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };

  before(async () => {
    dir = await makeTempDir();
    await mkdir(join(dir.path, 'withDb', 'db'), { recursive: true });
    await writeSingerDatabase(join(dir.path, 'withDb', 'db', 'concerts.sqlite'));
  });
  after(async () => dir?.remove());

  it('passes an equivalent query written differently, fails other rows, stops a hanging query at the timeout; check and samples agree', async () => {
    const { seeds, session } = await project(dir.path, 'withDb', '{\n  // the database beside the seeds\n  "sql": { "database": "db/concerts.sqlite", "timeoutMs": 400 }\n}\n');
    const report = await seedsmithHereJson<CheckJson>(['check', '--session', session, '--seeds', seeds]);
    assert.deepEqual(report.checks['sql-execution'], { pass: 1, fail: 2, warn: 0, 'n/a': 0 });
    const detail = (id: string) => report.problems.find((p) => p.id === id && p.check === 'sql-execution')?.detail ?? '';
    assert.match(detail('other-rows'), /3 rows, the gold query gives 2/);
    assert.match(detail('hanging'), /still running after 400 ms: stopped/);

    const listed = await seedsmithHereJson<SamplesJson>(['samples', '--session', session, '--seeds', seeds]);
    const byId = new Map(listed.samples.map((row) => [row.id, row.checks]));
    assert.equal(execution(byId.get('equivalent')!)?.status, 'pass');
    assert.match(execution(byId.get('equivalent')!)?.detail ?? '', /same 2 rows as the gold query/);
    assert.equal(execution(byId.get('other-rows')!)?.detail, detail('other-rows'));
    assert.equal(execution(byId.get('hanging')!)?.detail, detail('hanging'));
    // Named and in CHECK_IDS order: right after sql-parses.
    const names = byId.get('equivalent')!.map((c) => c.check);
    assert.equal(names.indexOf('sql-execution'), names.indexOf('sql-parses') + 1);
  });

  it('without a database: n/a with the reason', async () => {
    const { seeds, session } = await project(dir.path, 'noDb', '{ "answerKind": "sql" }\n');
    const listed = await seedsmithHereJson<SamplesJson>(['samples', '--session', session, '--seeds', seeds]);
    for (const row of listed.samples) {
      const result = execution(row.checks);
      assert.equal(result?.status, 'n/a', row.id);
      assert.match(result?.detail ?? '', /^n\/a, because no SQLite database is set \("sql": \{"database": …\} in seedsmith\.jsonc\)/);
    }
  });

  it('a database path that is not there, or not SQLite, is bad input naming the file and the setting', async () => {
    const missing = await project(dir.path, 'missingDb', '{ "sql": { "database": "nowhere/shop.sqlite" } }\n');
    for (const command of ['check', 'samples']) {
      const run = await seedsmith([command, '--session', missing.session, '--seeds', missing.seeds]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /missingDb\/seedsmith\.jsonc: "sql\.database" is "nowhere\/shop\.sqlite" \(.*missingDb\/nowhere\/shop\.sqlite\), which does not exist/);
    }
    const notSqlite = await project(dir.path, 'textDb', '{ "sql": { "database": "sql.jsonl" } }\n');
    const run = await seedsmith(['check', '--session', notSqlite.session, '--seeds', notSqlite.seeds]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /"sql\.database" is "sql\.jsonl" .*which is not a SQLite database/);
  });
});

describe('sql-execution from the shipped CLI bundle', { timeout: 120_000 }, () => {
  it('finds its SQL worker and sql-wasm.wasm beside dist/cli.js', async () => {
    const dir = await makeTempDir();
    try {
      const run = promisify(execFile);
      const out = join(dir.path, 'dist');
      const built = await run(process.execPath, ['scripts/build.mjs', '--production', '--only', 'cli,sqlWorker', '--outdir', out], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
      assert.equal(built.stderr, '', 'the build warns about nothing (import.meta in a CommonJS bundle)');
      await mkdir(join(dir.path, 'withDb', 'db'), { recursive: true });
      await writeSingerDatabase(join(dir.path, 'withDb', 'db', 'concerts.sqlite'));
      const { seeds, session } = await project(dir.path, 'withDb', '{ "sql": { "database": "db/concerts.sqlite", "timeoutMs": 400 } }');
      const { stdout } = await run(process.execPath, [join(out, 'cli.js'), 'check', '--session', session, '--seeds', seeds, '--json']);
      assert.deepEqual((JSON.parse(stdout) as CheckJson).checks['sql-execution'], { pass: 1, fail: 2, warn: 0, 'n/a': 0 });
    } finally {
      await dir.remove();
    }
  });
});

describe('withSqlExecution', () => {
  it('adds sql-execution into the compact store the streamed commands use, in place (no copy of every result)', async () => {
    const { CheckResultStore } = await import('../../src/core/checks/checkResultStore.ts');
    const { withSqlExecution } = await import('../../src/cli/sqlExecution.ts');
    const seeds = indexSeedText(sqlSeeds()).seeds;
    const seed = seeds[0]!;
    const samples = ['aaaaaaaaaaa1', 'aaaaaaaaaaa2'].map((id) => (sampleEvent(id, seed, seed.answer) as { sample: Sample }).sample);
    const store = new CheckResultStore();
    for (const sample of samples) store.set(sample.id, [{ check: 'sql-parses', status: 'pass', detail: 'one statement' }, { check: 'refusal', status: 'pass', detail: 'no refusal' }]);
    const report = await withSqlExecution({ results: store, seedsGiven: true }, async function* () {
      for (const sample of samples) yield { sample, review: undefined };
    }, seeds, { timeoutMs: 1000 });
    assert.equal(report.results, store);
    for (const sample of samples) assert.deepEqual(store.get(sample.id)?.map((r) => r.check), ['sql-parses', 'sql-execution', 'refusal']);
  });
});
