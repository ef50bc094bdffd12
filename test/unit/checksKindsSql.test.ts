// SQL execution match on a real SQLite file (sql.js in a worker thread): Spider's rules, the
// timeout of a hanging query, and the user's database never written.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { sqlExecutionCheck, sqlParsesCheck } from '../../src/core/checks/kinds/index.ts';
import type { KindCheckInput } from '../../src/core/checks/kinds/index.ts';
import { bundledSqlFiles } from '../../src/node/sql/bundledSqlFiles.ts';
import { workerSqlExecutor } from '../../src/node/sql/workerSqlExecutor.ts';
import type { ClosableSqlExecutor } from '../../src/node/sql/workerSqlExecutor.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import { SQL_WASM_FILE, SQL_WORKER_FILE, writeSingerDatabase } from '../support/sqliteFixture.ts';

const HANGING = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

describe('sql checks', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let database: string;
  let executor: ClosableSqlExecutor;
  const check = (input: KindCheckInput, timeoutMs = 5000) => sqlExecutionCheck(input, { database, executor, timeoutMs });

  before(async () => {
    dir = await makeTempDir();
    database = join(dir.path, 'concerts.sqlite');
    await writeSingerDatabase(database);
    executor = workerSqlExecutor({ workerFile: SQL_WORKER_FILE, wasmFile: SQL_WASM_FILE });
  });
  after(async () => {
    await executor.close();
    await dir.remove();
  });

  it('an equivalent query written differently passes', async () => {
    const result = await check({ gold: "SELECT name FROM singer WHERE country = 'France'", answer: "select s.name from singer as s where s.country in ('France') and s.age > 0" });
    assert.equal(result.status, 'pass', result.detail);
    assert.match(result.detail, /same 2 rows as the gold query \(as a multiset\)/);
  });

  it('a query with different rows fails', async () => {
    const result = await check({ gold: "SELECT name FROM singer WHERE country = 'France'", answer: 'SELECT name FROM singer WHERE age > 30' });
    assert.equal(result.status, 'fail');
    assert.match(result.detail, /3 rows, the gold query gives 2/);
    const sameCount = await check({ gold: "SELECT name FROM singer WHERE country = 'France'", answer: 'SELECT name FROM singer WHERE age > 40 OR age < 30' });
    assert.equal(sameCount.status, 'fail');
    assert.match(sameCount.detail, /different rows/);
  });

  it('order counts only when the gold query has ORDER BY', async () => {
    const unordered = await check({ gold: 'SELECT name FROM singer', answer: 'SELECT name FROM singer ORDER BY name DESC' });
    assert.equal(unordered.status, 'pass', unordered.detail);
    const ordered = await check({ gold: 'SELECT name FROM singer ORDER BY age DESC', answer: 'SELECT name FROM singer ORDER BY age' });
    assert.equal(ordered.status, 'fail');
    assert.match(ordered.detail, /same rows in another order/);
    const inOrder = await check({ gold: 'SELECT name FROM singer ORDER BY age DESC', answer: 'SELECT name FROM singer ORDER BY -age' });
    assert.equal(inOrder.status, 'pass', inOrder.detail);
  });

  it('columns in another order still match; another column count does not', async () => {
    const permuted = await check({ gold: 'SELECT name, age FROM singer', answer: 'SELECT age, name FROM singer' });
    assert.equal(permuted.status, 'pass', permuted.detail);
    assert.match(permuted.detail, /columns in another order/);
    const wider = await check({ gold: 'SELECT name FROM singer', answer: 'SELECT name, age FROM singer' });
    assert.equal(wider.status, 'fail');
    assert.match(wider.detail, /2 columns, the gold query gives 1/);
  });

  it('a hanging query times out and fails, and the next query runs on a fresh engine', async () => {
    const hanging = await check({ gold: 'SELECT count(*) FROM singer', answer: HANGING }, 300);
    assert.equal(hanging.status, 'fail');
    assert.match(hanging.detail, /still running after 300 ms: stopped/);
    const next = await check({ gold: 'SELECT count(*) FROM singer', answer: 'SELECT count(name) FROM singer' });
    assert.equal(next.status, 'pass', next.detail);
  });

  it('a hanging gold query makes the match n/a, not a failure of the answer', async () => {
    const result = await check({ gold: HANGING, answer: 'SELECT 1' }, 300);
    assert.equal(result.status, 'n/a');
    assert.match(result.detail, /^n\/a, because the seed's gold query timed out after 300 ms$/);
  });

  it('a query that fails on the database fails; without a gold query a query that runs passes as running only', async () => {
    const broken = await check({ gold: 'SELECT name FROM singer', answer: 'SELECT nickname FROM singer' });
    assert.equal(broken.status, 'fail');
    assert.match(broken.detail, /fails on the database: no such column: nickname/);
    const newQuestion = await check({ answer: 'SELECT venue FROM concert' });
    assert.equal(newQuestion.status, 'pass');
    assert.match(newQuestion.detail, /runs on the database \(4 rows\); a new question has no gold answer/);
  });

  it('never writes the database file, whatever the answer does', async () => {
    const digest = async () => createHash('sha256').update(await readFile(database)).digest('hex');
    const before = await digest();
    const result = await check({ gold: 'SELECT name FROM singer', answer: 'DELETE FROM singer' });
    assert.equal(result.status, 'fail');
    assert.match(result.detail, /a DELETE statement, not a query/);
    assert.equal(await digest(), before);
    // Nor the engine's copy: a later check sees every row (even if a statement that writes gets past the check).
    await executor.run(database, ['DELETE FROM concert; COMMIT', 'DROP TABLE singer'], { timeoutMs: 5000 });
    const [rows] = await executor.run(database, ['SELECT (SELECT count(*) FROM singer), (SELECT count(*) FROM concert)'], { timeoutMs: 5000 });
    assert.deepEqual(rows, { status: 'rows', columns: ['(SELECT count(*) FROM singer)', '(SELECT count(*) FROM concert)'], rows: [[4, 4]] });
  });

  it('without a database: n/a with the reason, except that the seed\'s own query is correct', async () => {
    const none = await sqlExecutionCheck({ gold: 'SELECT 1', answer: 'SELECT 2' }, {});
    assert.equal(none.status, 'n/a');
    assert.match(none.detail, /^n\/a, because no SQLite database is set/);
    const same = await sqlExecutionCheck({ gold: 'SELECT name FROM singer', answer: 'select  name\nfrom singer;' }, {});
    assert.equal(same.status, 'pass');
  });

  it('sql-parses: one statement by a real parser; prose, two statements and broken SQL fail', () => {
    assert.equal(sqlParsesCheck({ answer: 'SELECT T1.name FROM singer AS T1 JOIN concert AS T2 ON T1.id = T2.singer_id' }).status, 'pass');
    assert.equal(sqlParsesCheck({ answer: '```sql\nSELECT 1\n```' }).status, 'pass');
    assert.equal(sqlParsesCheck({ answer: 'The query counts the singers.\n#### 4' }).status, 'fail');
    assert.match(sqlParsesCheck({ answer: 'SELECT 1; SELECT 2' }).detail, /2 statements; one query expected/);
    assert.equal(sqlParsesCheck({ answer: 'SELECT name FROM WHERE age > 3' }).status, 'fail');
  });
});

describe('the shipped SQL worker', () => {
  it('builds into its own bundle with sql-wasm.wasm beside it, and runs queries from there', async () => {
    const dir = await makeTempDir();
    const executor = workerSqlExecutor(bundledSqlFiles(dir.path));
    try {
      const root = fileURLToPath(new URL('../..', import.meta.url));
      await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--production', '--only', 'sqlWorker', '--outdir', dir.path], { cwd: root });
      const database = join(dir.path, 'concerts.sqlite');
      await writeSingerDatabase(database);
      const result = await sqlExecutionCheck({ gold: 'SELECT count(*) FROM concert', answer: 'SELECT count(venue) FROM concert' }, { database, executor });
      assert.equal(result.status, 'pass', result.detail);
    } finally {
      await executor.close();
      await dir.remove();
    }
  });
});
