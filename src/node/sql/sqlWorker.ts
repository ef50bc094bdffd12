// The worker thread that runs SQL on SQLite (sql.js: SQLite compiled to WebAssembly, so it runs
// in any Node and in the extension host without a native build). A query in WASM cannot be
// interrupted from its own thread, so it runs here and the main thread terminates this worker
// when it takes too long (workerSqlExecutor.ts).
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic } from 'sql.js';
import type { SqlJob, SqlWorkerData, SqlWorkerMessage } from './sqlProtocol.ts';

const { wasmFile } = workerData as SqlWorkerData;
let engine: Promise<SqlJsStatic> | undefined;
/** One open copy per database file: loaded once, read from memory afterwards. */
const databases = new Map<string, { readonly mtimeMs: number; readonly db: Database }>();

function post(message: SqlWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function open(file: string, mtimeMs: number): Promise<Database> {
  const cached = databases.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.db;
  cached?.db.close();
  engine ??= initSqlJs({ wasmBinary: new Uint8Array(readFileSync(wasmFile)).buffer });
  const SQL = await engine;
  // A copy in memory: whatever a query does (DELETE, DROP), the user's file is never written.
  const db = new SQL.Database(readFileSync(file));
  databases.set(file, { mtimeMs, db });
  return db;
}

async function runJob(job: SqlJob): Promise<void> {
  for (let index = 0; index < job.queries.length; index++) {
    let db: Database;
    try {
      db = await open(job.database, job.mtimeMs);
    } catch (error) {
      post({ id: job.id, index, outcome: { status: 'error', message: `cannot open the database: ${messageOf(error)}` } });
      continue;
    }
    post({ id: job.id, index, started: true });
    // Each query runs inside a transaction that is rolled back, so one that writes (DELETE,
    // DROP) cannot change what the next one sees.
    db.exec('BEGIN');
    try {
      const results = db.exec(job.queries[index] as string);
      const last = results[results.length - 1];
      post({ id: job.id, index, outcome: { status: 'rows', columns: last?.columns ?? [], rows: last?.values ?? [] } });
    } catch (error) {
      post({ id: job.id, index, outcome: { status: 'error', message: messageOf(error) } });
    } finally {
      // A query that ended the transaction itself (COMMIT) leaves none to roll back: load the file again.
      if (!rollback(db)) {
        databases.delete(job.database);
        db.close();
      }
    }
  }
  post({ id: job.id, done: true });
}

/** false when there was no transaction left to roll back. */
function rollback(db: Database): boolean {
  try {
    db.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Jobs run one at a time, in order.
let queue = Promise.resolve();
parentPort?.on('message', (job: SqlJob) => {
  queue = queue.then(() => runJob(job));
});
