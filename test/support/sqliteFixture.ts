// A small SQLite database file made by the tests (with sql.js, the engine the checks use), in the
// schema of kindFixtures' SQL seeds.
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import initSqlJs from 'sql.js';
import { SQL_SCHEMA } from './kindFixtures.ts';

const require = createRequire(import.meta.url);

/** sql.js's WebAssembly file, as installed. */
export const SQL_WASM_FILE = require.resolve('sql.js/dist/sql-wasm.wasm');

/** The worker script run unbundled (Node 24 strips its types). */
export const SQL_WORKER_FILE = new URL('../../src/node/sql/sqlWorker.ts', import.meta.url);

export async function writeSingerDatabase(path: string): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(SQL_SCHEMA);
  db.exec(`INSERT INTO singer VALUES (1, 'Ana', 'France', 31), (2, 'Bo', 'Sweden', 24), (3, 'Cleo', 'France', 45), (4, 'Dan', 'Chile', 38);
           INSERT INTO concert VALUES (1, 1, 2014, 'Olympia'), (2, 1, 2015, 'Zenith'), (3, 2, 2014, 'Globen'), (4, 3, 2016, 'Olympia');`);
  await writeFile(path, db.export());
  db.close();
}
