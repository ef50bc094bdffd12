// P7 (issue 14): a 100,000-query Answer Augmentation run on the test teacher's batch engine next
// to the same run on the online path: wall time, and the HTTP requests SeedSmith makes. The
// teacher runs in its own process, so its work on the batch (running every line) counts in the
// batch's wall time as a provider's fleet would, without sharing SeedSmith's event loop. The
// online path is the real engine at concurrency 64 against a teacher with no latency, so its
// wall time is SeedSmith's own cost per request, a lower bound for any real endpoint.
import { join } from 'node:path';
import { runBatchGeneration } from '../src/core/batch/batchRun.ts';
import { indexSeedText } from '../src/core/seeds/index.ts';
import { openSession } from '../src/node/sessionFolder.ts';
import { createBatchClient } from '../src/teacher/batchClient.ts';
import type { FetchLike } from '../src/teacher/index.ts';
import { makeTempDir, seedFileText } from '../test/support/seedFixtures.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import { runSeedSmith, TEACHER_MODEL } from './seedsmithRun.ts';
import { startBenchTeacher } from './teacherHost.ts';

export interface P7Options {
  readonly queries?: number;
  readonly seeds?: number;
  readonly concurrency?: number;
}

export async function p7Batch(log: Log, options: P7Options = {}): Promise<BenchResult> {
  const queries = options.queries ?? Number(process.env['SEEDSMITH_P7_QUERIES'] ?? 100_000);
  const seeds = indexSeedText(seedFileText(options.seeds ?? 1000)).seeds;
  const concurrency = options.concurrency ?? 64;

  const batchTeacher = await startBenchTeacher({});
  let batch: { ms: number; http: number; completions: number; samples: number; batches: number };
  try {
    const dir = await makeTempDir();
    try {
      let http = 0;
      const counting: FetchLike = (input, init) => {
        http++;
        return fetch(input, init);
      };
      const session = await openSession(join(dir.path, 'session'));
      try {
        const engine = createBatchClient({ baseURL: batchTeacher.url, apiKey: 'sk-bench', kind: 'openai', timeoutMs: 600_000, maxRetries: 2, fetch: counting });
        const model = { model: TEACHER_MODEL, endpoint: batchTeacher.url };
        log(`p7: batch run of ${queries} queries…`);
        const started = performance.now();
        const finished = await runBatchGeneration(
          { seedFile: join(dir.path, 'seeds.jsonl'), seeds, strategy: 'answer-augmentation', limits: { teacher: queries, augmenter: queries }, teacher: model, augmenter: model, engine: 'openai' },
          { journal: session.journal, engine, signal: new AbortController().signal, pollMs: 1000 },
        );
        const ms = performance.now() - started;
        batch = { ms, http, completions: (await batchTeacher.stats()).totals.completions, samples: session.journal.state.samples.size, batches: finished.batches };
      } finally {
        await session.close();
      }
    } finally {
      await dir.remove();
    }
  } finally {
    await batchTeacher.close();
  }
  log(`p7: batch ${(batch.ms / 1000).toFixed(1)} s, ${batch.http} HTTP requests, ${batch.batches} batches, ${batch.samples} samples`);

  const onlineTeacher = await startBenchTeacher({});
  let online: { ms: number; http: number; completions: number; samples: number };
  try {
    log(`p7: online run of ${queries} queries at concurrency ${concurrency}…`);
    const run = await runSeedSmith({ url: onlineTeacher.url, seeds, budget: queries, concurrency });
    const stats = await onlineTeacher.stats();
    online = { ms: run.wallMs, http: stats.totals.requests, completions: stats.totals.completions, samples: run.finished.samplesAdded };
  } finally {
    await onlineTeacher.close();
  }
  log(`p7: online ${(online.ms / 1000).toFixed(1)} s, ${online.http} HTTP requests`);

  return {
    rows: [
      { bench: 'P7', name: `batch run, ${queries} queries: wall time`, measured: Math.round(batch.ms), baseline: Math.round(online.ms), unit: 'ms', ratio: batch.ms / online.ms, goal: null, note: 'baseline: the online path' },
      { bench: 'P7', name: `batch run, ${queries} queries: HTTP requests by SeedSmith`, measured: batch.http, baseline: online.http, unit: 'requests', ratio: batch.http / online.http, goal: null, note: 'baseline: the online path' },
    ],
    details: { queries, concurrency, batch, online },
  };
}
