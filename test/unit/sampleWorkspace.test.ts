// The sample workspace of `npm start` has a seed file of each kind it advertises: math, SQL with
// the database its project file points the checks at (every gold query runs on it and returns
// rows), and labels; and a person's own files are left alone on the next start.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import initSqlJs from 'sql.js';
import { profileSeeds, readProfileSettings } from '../../src/core/profile/index.ts';
import { indexSeedText } from '../../src/core/seeds/indexSeeds.ts';
import { LABEL_SEED_FILE, SQL_SEED_FILE, writeSampleWorkspace } from '../../scripts/support/sampleWorkspace.ts';
import { makeTempDir } from '../support/seedFixtures.ts';

describe('the sample workspace', () => {
  it('writes a SQL seed file with its own SQLite database, and a label seed file', async () => {
    const dir = await makeTempDir();
    try {
      const written = await writeSampleWorkspace(dir.path);
      assert.deepEqual(written.sort(), ['math-seeds.jsonl', 'needs-fixing.jsonl', 'seedsmith.jsonc', 'shop.sqlite', LABEL_SEED_FILE, SQL_SEED_FILE].sort());

      const sql = indexSeedText(await readFile(path.join(dir.path, SQL_SEED_FILE), 'utf8'));
      assert.equal(sql.errors.length, 0);
      const profile = profileSeeds(sql.seeds);
      assert.equal(profile.kind, 'sql');
      assert.equal(profile.share, 1);
      assert.ok(sql.seeds.every((seed) => seed.context?.includes('CREATE TABLE customer')), 'the schema travels in each seed’s context');

      const settings = readProfileSettings(await readFile(path.join(dir.path, 'seedsmith.jsonc'), 'utf8'));
      assert.deepEqual(settings.errors, []);
      assert.equal(settings.answerKind, 'auto', 'the project file leaves the kind to detection (the math file stays numeric)');
      const SQL = await initSqlJs();
      const db = new SQL.Database(await readFile(path.join(dir.path, settings.sqlDatabase ?? 'missing')));
      for (const seed of sql.seeds) {
        const [result] = db.exec(seed.answer);
        assert.ok(result && result.values.length > 0, `the gold query of line ${seed.line} returns rows: ${seed.answer}`);
      }
      db.close();

      const labels = profileSeeds(indexSeedText(await readFile(path.join(dir.path, LABEL_SEED_FILE), 'utf8')).seeds);
      assert.equal(labels.kind, 'label');
      assert.deepEqual([...(labels.labels ?? [])].sort(), ['account', 'billing', 'shipping', 'technical']);
      assert.equal(profileSeeds(indexSeedText(await readFile(path.join(dir.path, 'math-seeds.jsonl'), 'utf8')).seeds).kind, 'numeric');

      await writeFile(path.join(dir.path, 'seedsmith.jsonc'), '{ "answerKind": "text" }\n');
      assert.deepEqual(await writeSampleWorkspace(dir.path), [], 'nothing is written again');
      assert.equal(await readFile(path.join(dir.path, 'seedsmith.jsonc'), 'utf8'), '{ "answerKind": "text" }\n');
    } finally {
      await dir.remove();
    }
  });
});
