// One GenerationRun in this process over a session folder, wired the way the CLI wires it (the
// real chat client, the file journal, the rebuilt ledger), with a fetch that counts the attempts
// in flight so a test can see the concurrency it asked for was reached.
import type { RunFinished } from '../../src/core/engine/engineEvents.ts';
import { GenerationRun } from '../../src/core/engine/runGeneration.ts';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { openSession } from '../../src/node/sessionFolder.ts';
import { createChatClient } from '../../src/teacher/index.ts';
import type { FetchLike, TeacherEventListener } from '../../src/teacher/index.ts';

export interface InProcessRunOptions {
  readonly sessionDir: string;
  readonly seedFile: string;
  readonly seeds: readonly Seed[];
  readonly strategy: StrategyId;
  readonly limits: { readonly teacher: number; readonly augmenter: number };
  readonly baseURL: string;
  readonly teacherModel: string;
  readonly augmenterModel: string;
  readonly concurrency: number;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly questionsPerCall?: number;
  /** The client's events (pauses, retries, window changes). */
  readonly onEvent?: TeacherEventListener;
}

export interface InProcessRun {
  readonly finished: RunFinished;
  /** Most HTTP attempts in flight at once (from send to response headers). */
  readonly maxInFlight: number;
  readonly retries: number;
  readonly unitFailures: number;
}

export async function runInProcess(options: InProcessRunOptions): Promise<InProcessRun> {
  let inFlight = 0;
  let maxInFlight = 0;
  const countingFetch: FetchLike = async (input, init) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  const session = await openSession(options.sessionDir);
  try {
    const client = createChatClient({
      baseURL: options.baseURL,
      apiKey: 'sk-engine-test',
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 2,
      maxConcurrency: options.concurrency,
      fetch: countingFetch,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const run = new GenerationRun(
      {
        seedFile: options.seedFile,
        seeds: options.seeds,
        strategy: options.strategy,
        limits: options.limits,
        teacher: { model: options.teacherModel, endpoint: options.baseURL },
        augmenter: { model: options.augmenterModel, endpoint: options.baseURL },
        concurrency: options.concurrency,
        ...(options.questionsPerCall !== undefined ? { questionsPerCall: options.questionsPerCall } : {}),
      },
      { clients: { teacher: client, augmenter: client }, session: { journal: session.journal, ledger: session.ledger } },
    );
    let retries = 0;
    let unitFailures = 0;
    run.events.on('retry', () => void retries++);
    run.events.on('unit-failed', () => void unitFailures++);
    const finished = await run.start();
    return { finished, maxInFlight, retries, unitFailures };
  } finally {
    await session.close();
  }
}
