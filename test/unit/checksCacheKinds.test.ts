// The review card's checks know the seed file's answer kind: the editor's checks worker gets the
// answer profile, so a card shows its kind's named results, and for SQL with a database set, the
// execution match against the seed's gold query, made on the real SQLite engine after the other
// results are out (a hanging query never holds them back).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CheckResult } from '../../src/core/checks/types.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { profileSeeds } from '../../src/core/profile/index.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { ChecksCache } from '../../src/host/checks/checksCache.ts';
import type { ChecksSetup } from '../../src/host/checks/checksJob.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import { SQL_SCHEMA } from '../support/kindFixtures.ts';
import { SQL_WASM_FILE, SQL_WORKER_FILE, writeSingerDatabase } from '../support/sqliteFixture.ts';

const WORKER = new URL('../../src/host/checks/checksWorker.ts', import.meta.url);
const SQL_FILES = { workerFile: SQL_WORKER_FILE, wasmFile: SQL_WASM_FILE };
const at = '2026-12-01T00:00:00.000Z';
const HANGING = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

function seedOf(line: number, question: string, answer: string, context?: string): Seed {
  return { line, question, answer, hash: seedHash(question, answer), ...(context ? { context } : {}) };
}

function sampleOf(id: string, seed: Seed, answer: string): Sample {
  return {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy: 'answer-augmentation', question: seed.question, answer, flags: [],
    seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [], calls: [], teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
  };
}

function stateOf(samples: readonly Sample[]) {
  return reduceJournal(samples.map((sample): JournalEvent => ({ type: 'sample', at, sample })));
}

/** Resolves once `test` holds after an update of the cache. */
function waiter(): { onUpdated: () => void; until: (test: () => boolean) => Promise<void> } {
  const waiting = new Set<() => void>();
  return {
    onUpdated: () => {
      for (const wake of [...waiting]) wake();
    },
    until: (test) =>
      new Promise<void>((resolve) => {
        const wake = () => {
          if (!test()) return;
          waiting.delete(wake);
          resolve();
        };
        waiting.add(wake);
        wake();
      }),
  };
}

const find = (results: readonly CheckResult[], check: string) => results.find((r) => r.check === check);

const sqlSeeds = [
  seedOf(1, 'How many singers are there?', 'SELECT count(*) FROM singer', SQL_SCHEMA),
  seedOf(2, 'Which singers are from France?', "SELECT name FROM singer WHERE country = 'France'", SQL_SCHEMA),
  seedOf(3, 'List the venues of 2014.', 'SELECT venue FROM concert WHERE year = 2014', SQL_SCHEMA),
];

describe('the editor’s checks with an answer profile', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let database: string;
  before(async () => {
    dir = await makeTempDir();
    database = join(dir.path, 'concerts.sqlite');
    await writeSingerDatabase(database);
  });
  after(() => dir.remove());

  it('label seeds: the card gets label-in-set and label-gold, and no numeric gold match', async () => {
    const seeds = ['positive', 'negative', 'positive', 'negative', 'neutral', 'positive'].map((label, i) => seedOf(i + 1, `Review number ${i}: what is its sentiment?`, label));
    const profile = profileSeeds(seeds);
    assert.equal(profile.kind, 'label');
    const { onUpdated, until } = waiter();
    const cache = new ChecksCache('/nowhere', onUpdated, WORKER, SQL_FILES);
    try {
      const state = stateOf([sampleOf('right', seeds[0] as Seed, 'positive'), sampleOf('wrong', seeds[1] as Seed, 'furious')]);
      cache.refresh(state, seeds, 'v1', { profile, sql: null });
      await until(() => cache.get('wrong').length > 0);
      assert.equal(find(cache.get('right'), 'label-in-set')?.status, 'pass');
      assert.equal(find(cache.get('right'), 'label-gold')?.status, 'pass');
      assert.equal(find(cache.get('wrong'), 'label-in-set')?.status, 'fail');
      assert.equal(find(cache.get('wrong'), 'gold-match')?.status, 'n/a');
      // Without the profile (as before) there are only the math checks.
      const plain = new ChecksCache('/nowhere', () => undefined, WORKER, SQL_FILES);
      assert.equal(find((await plain.now(state, seeds, 'v1')).get('right') ?? [], 'label-in-set'), undefined);
      assert.equal(find((await plain.now(state, seeds, 'v1')).get('right') ?? [], 'gold-match')?.status, 'warn', 'the math check is what a card had before');
      plain.dispose();
    } finally {
      cache.dispose();
    }
  });

  it('SQL with a database: execution match against the gold query follows the other checks, pass and fail as the answer runs', async () => {
    const profile = profileSeeds(sqlSeeds);
    assert.equal(profile.kind, 'sql');
    const { onUpdated, until } = waiter();
    const cache = new ChecksCache('/nowhere', onUpdated, WORKER, SQL_FILES);
    const setup: ChecksSetup = { profile, sql: { database, timeoutMs: 2000 } };
    try {
      const state = stateOf([
        // Written differently from the gold, same rows.
        sampleOf('same-rows', sqlSeeds[1] as Seed, "select s.name from singer as s where s.country in ('France')"),
        sampleOf('other-rows', sqlSeeds[0] as Seed, 'SELECT * FROM singer LIMIT 2'),
        sampleOf('hangs', sqlSeeds[2] as Seed, HANGING),
        sampleOf('prose', sqlSeeds[2] as Seed, 'To answer this we count the rows.\n#### 3'),
      ]);
      cache.refresh(state, sqlSeeds, 'v1', setup);
      await until(() => cache.get('same-rows').length > 0);
      assert.equal(find(cache.get('same-rows'), 'sql-parses')?.status, 'pass');
      assert.equal(find(cache.get('prose'), 'sql-parses')?.status, 'fail');
      await until(() => ['same-rows', 'other-rows', 'hangs', 'prose'].every((id) => !/still to run/.test(find(cache.get(id), 'sql-execution')?.detail ?? 'still to run')));
      const execution = (id: string) => find(cache.get(id), 'sql-execution');
      assert.equal(execution('same-rows')?.status, 'pass', execution('same-rows')?.detail);
      assert.match(execution('same-rows')?.detail ?? '', /same 2 rows as the gold query/);
      assert.equal(execution('other-rows')?.status, 'fail', execution('other-rows')?.detail);
      assert.equal(execution('hangs')?.status, 'fail');
      assert.match(execution('hangs')?.detail ?? '', /still running after 2000 ms/);
      assert.equal(execution('prose')?.status, 'n/a');
      // In CHECK_IDS order: right after sql-parses.
      const ids = cache.get('same-rows').map((r) => r.check);
      assert.equal(ids.indexOf('sql-execution'), ids.indexOf('sql-parses') + 1);
      // The results the commands act on keep the execution matches made.
      assert.equal(find((await cache.now(state, sqlSeeds, 'v1', setup)).get('other-rows') ?? [], 'sql-execution')?.status, 'fail');
    } finally {
      cache.dispose();
    }
  });

  it('what acts on the checks (auto-reject, export) waits for every execution match, a slow query included', async () => {
    const profile = profileSeeds(sqlSeeds);
    const cache = new ChecksCache('/nowhere', () => undefined, WORKER, SQL_FILES);
    const setup: ChecksSetup = { profile, sql: { database, timeoutMs: 2000 } };
    try {
      const state = stateOf([sampleOf('hangs', sqlSeeds[2] as Seed, HANGING), sampleOf('other-rows', sqlSeeds[0] as Seed, 'SELECT * FROM singer LIMIT 2'), sampleOf('same', sqlSeeds[0] as Seed, 'select count(*) from singer')]);
      const results = await cache.now(state, sqlSeeds, 'v1', setup);
      const execution = (id: string) => find(results.get(id) ?? [], 'sql-execution');
      assert.deepEqual(['hangs', 'other-rows', 'same'].map((id) => execution(id)?.status), ['fail', 'fail', 'pass'], JSON.stringify(['hangs', 'other-rows', 'same'].map((id) => execution(id)?.detail)));
    } finally {
      cache.dispose();
    }
  });

  it('SQL without a database: execution match is n/a and says why; the seed’s own query passes', async () => {
    const profile = profileSeeds(sqlSeeds);
    const { onUpdated, until } = waiter();
    const cache = new ChecksCache('/nowhere', onUpdated, WORKER, SQL_FILES);
    try {
      const state = stateOf([sampleOf('other', sqlSeeds[0] as Seed, 'SELECT count(id) FROM singer'), sampleOf('gold', sqlSeeds[0] as Seed, 'select count(*) from singer;')]);
      cache.refresh(state, sqlSeeds, 'v1', { profile, sql: null });
      await until(() => ['other', 'gold'].every((id) => !/still to run/.test(find(cache.get(id), 'sql-execution')?.detail ?? 'still to run')));
      assert.equal(find(cache.get('other'), 'sql-execution')?.status, 'n/a');
      assert.match(find(cache.get('other'), 'sql-execution')?.detail ?? '', /no SQLite database is set/);
      assert.equal(find(cache.get('gold'), 'sql-execution')?.status, 'pass');
    } finally {
      cache.dispose();
    }
  });
});
