// SqlExecutor on a worker thread running sql.js. One worker serves every call, one call at a
// time; when a query runs past the timeout the worker is terminated (the only way to stop a query
// inside WebAssembly) and the next call starts a fresh one. The clock of each query starts when
// the worker starts it, so starting the engine and loading the file never count against it.
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { SqlExecutor, SqlOutcome, SqlRunOptions } from '../../core/checks/kinds/sqlExecutor.ts';
import type { SqlJob, SqlWorkerData, SqlWorkerMessage } from './sqlProtocol.ts';

export interface SqlWorkerFiles {
  /** The worker's script: src/node/sql/sqlWorker.ts unbundled, dist/sqlWorker.js bundled. */
  readonly workerFile: string | URL;
  /** sql.js's sql-wasm.wasm. */
  readonly wasmFile: string;
}

export interface ClosableSqlExecutor extends SqlExecutor {
  close(): Promise<void>;
}

export function workerSqlExecutor(files: SqlWorkerFiles): ClosableSqlExecutor {
  let worker: Worker | undefined;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): Worker => {
    const data: SqlWorkerData = { wasmFile: files.wasmFile };
    const created = new Worker(files.workerFile, { workerData: data });
    // An idle worker must not keep a CLI process alive.
    created.unref();
    return created;
  };

  const runNow = async (database: string, queries: readonly string[], options: SqlRunOptions): Promise<SqlOutcome[]> => {
    options.signal?.throwIfAborted();
    const outcomes: (SqlOutcome | undefined)[] = queries.map(() => undefined);
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(database)).mtimeMs;
    } catch (error) {
      const message = `cannot read the database ${database}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
      return queries.map(() => ({ status: 'error', message }));
    }
    const current = (worker ??= start());
    const id = nextId++;
    const job: SqlJob = { id, database, mtimeMs, queries };
    let running = -1;
    let started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      const finish = (stop: boolean) => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
        current.unref();
        if (stop) {
          // The query still running blocks the worker's thread: only terminating it stops the query.
          if (worker === current) worker = undefined;
          void current.terminate();
        }
        resolve();
      };
      const stopAt = (outcome: SqlOutcome) => {
        for (let i = 0; i < outcomes.length; i++) if (outcomes[i] === undefined) outcomes[i] = i === running ? outcome : { status: 'not-run' };
        finish(true);
      };
      const onMessage = (message: SqlWorkerMessage) => {
        if (message.id !== id) return;
        if ('started' in message) {
          running = message.index;
          started = Date.now();
          clearTimeout(timer);
          timer = setTimeout(() => stopAt({ status: 'timeout', afterMs: Date.now() - started }), options.timeoutMs);
        } else if ('outcome' in message) outcomes[message.index] = message.outcome;
        else finish(false);
      };
      const onError = (error: Error) => stopAt({ status: 'error', message: `the SQL engine failed: ${error.message}` });
      const onExit = () => stopAt({ status: 'error', message: 'the SQL engine stopped' });
      const onAbort = () => stopAt({ status: 'error', message: 'cancelled' });
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      // Keep the process alive while a call waits for its answer.
      current.ref();
      current.postMessage(job);
    });
    return outcomes.map((outcome) => outcome ?? { status: 'not-run' });
  };

  return {
    run(database, queries, options) {
      const result = queue.then(() => runNow(database, queries, options));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      const current = worker;
      worker = undefined;
      await current?.terminate();
    },
  };
}
