// The automatic checks' own thread (bundled as dist/checksWorker.js). Checking a large session
// takes seconds, and none of it may run on the extension host's thread, which serves every
// extension and every keystroke. The worker keeps its indexes between batches, so each batch
// costs only its new samples. For SQL answers with a database set, execution match follows each
// batch, sample by sample, on the SQL engine's own worker (src/node/sql), which this thread
// stops when a query hangs.
import { parentPort } from 'node:worker_threads';
import { IncrementalChecks } from '../../core/checks/incrementalChecks.ts';
import type { SampleEntry } from '../../core/checks/incrementalChecks.ts';
import { EXECUTION_PENDING, SampleSqlExecution, withCheckResult } from '../../core/checks/kinds/sampleSqlExecution.ts';
import { workerSqlExecutor } from '../../node/sql/workerSqlExecutor.ts';
import type { ClosableSqlExecutor } from '../../node/sql/workerSqlExecutor.ts';
import type { ChecksJob, ChecksReply } from './checksJob.ts';

const port = parentPort;
if (!port) throw new Error('checksWorker runs as a worker thread');

/** Results per reply message (see the reply below). */
const REPLY_PART = 500;

let generation = -1;
let checks = new IncrementalChecks(null);
let execution: SampleSqlExecution | null = null;
let executor: ClosableSqlExecutor | null = null;
/** Aborted when a reset makes the queries still waiting moot. */
let stopQueries = new AbortController();
/** Execution checks run one batch after another. */
let queries: Promise<void> = Promise.resolve();
let parts: SampleEntry[] = [];

port.on('message', (job: ChecksJob) => {
  if (job.kind === 'reset') {
    generation = job.generation;
    const { profile, sql } = job.setup;
    checks = new IncrementalChecks(job.seeds, profile ? { profile } : {});
    stopQueries.abort();
    stopQueries = new AbortController();
    execution = null;
    if (profile?.kind === 'sql') {
      if (sql) executor ??= workerSqlExecutor(job.sqlFiles);
      // Without a database the check still says what it can (the seed's own query, a statement
      // that is not a query) and otherwise why it is n/a.
      execution = new SampleSqlExecution(job.seeds, { ...(sql && executor ? { database: sql.database, executor, ...(sql.timeoutMs ? { timeoutMs: sql.timeoutMs } : {}) } : {}), signal: stopQueries.signal });
    }
    parts = [];
    return;
  }
  // Parts of a generation that was reset since are stale.
  if (job.generation !== generation) return;
  for (const entry of job.entries) parts.push(entry);
  if (!job.last) return;
  const batch = parts;
  parts = [];
  try {
    let results = [...checks.add(batch)];
    if (execution) results = results.map(([id, list]) => [id, withCheckResult(list, EXECUTION_PENDING)] as const);
    // In parts: the host reads each message on its own thread, and one message of 100,000
    // samples' results held it for tens of milliseconds (a keystroke's frame, several times over).
    for (let start = 0; start < results.length || start === 0; start += REPLY_PART) {
      port.postMessage({ generation, results: results.slice(start, start + REPLY_PART), last: start + REPLY_PART >= results.length } satisfies ChecksReply);
    }
  } catch (error) {
    port.postMessage({ generation, error: error instanceof Error ? error.message : String(error) } satisfies ChecksReply);
    return;
  }
  if (execution) queueExecution(execution, batch, generation, stopQueries.signal);
});

function queueExecution(checker: SampleSqlExecution, batch: readonly SampleEntry[], of: number, signal: AbortSignal): void {
  queries = queries.then(async () => {
    for (const { sample, review } of batch) {
      if (signal.aborted) return;
      try {
        const result = await checker.check(sample, review);
        if (signal.aborted) return;
        port?.postMessage({ generation: of, execution: [sample.id, result] } satisfies ChecksReply);
      } catch (error) {
        if (signal.aborted) return;
        port?.postMessage({ generation: of, execution: [sample.id, { check: 'sql-execution', status: 'n/a', detail: `n/a, because the SQL engine failed: ${error instanceof Error ? error.message : String(error)}` }] } satisfies ChecksReply);
      }
    }
  });
}
