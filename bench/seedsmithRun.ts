// One SeedSmith generation run the way `seedsmith generate` wires it (same client settings as the
// CLI's defaults), over a fresh session folder in a temp dir that is removed afterwards, so no run
// finds another's purchases in its cache.
import { join } from 'node:path';
import type { RunFinished } from '../src/core/engine/engineEvents.ts';
import { GenerationRun } from '../src/core/engine/runGeneration.ts';
import type { GenerationSession } from '../src/core/engine/runGeneration.ts';
import type { Seed } from '../src/core/seeds/index.ts';
import type { FileJournalStats } from '../src/node/fileJournal.ts';
import type { JournalFileSystem } from '../src/node/journalFs.ts';
import { nodeJournalFs } from '../src/node/journalFs.ts';
import { openSession } from '../src/node/sessionFolder.ts';
import type { TeacherEvent } from '../src/teacher/index.ts';
import { createChatClient } from '../src/teacher/index.ts';
import type { FetchLike } from '../src/teacher/meteredFetch.ts';
import { makeTempDir } from '../test/support/seedFixtures.ts';

export const TEACHER_MODEL = 'seedsmith-teacher';

export interface SeedSmithRunOptions {
  readonly url: string;
  readonly seeds: readonly Seed[];
  readonly budget: number;
  readonly concurrency: number;
  readonly onEvent?: (event: TeacherEvent) => void;
  /** Called with the run just before it starts (to cancel it, or to watch its events). */
  readonly onRun?: (run: GenerationRun) => void;
  /**
   * Diagnostic only: false gives the journal a file system whose fdatasync does nothing, to
   * measure what the durable appends on the hot path cost. Never how SeedSmith runs.
   */
  readonly fsync?: boolean;
}

export interface SeedSmithRunResult {
  readonly finished: RunFinished;
  /** From start() to its resolution: planning, every request and every journal write. */
  readonly wallMs: number;
  /** This process's CPU (user + system) over the same span. */
  readonly cpuUs: number;
  readonly journal: FileJournalStats;
}

export async function runSeedSmith(options: SeedSmithRunOptions): Promise<SeedSmithRunResult> {
  const dir = await makeTempDir();
  try {
    const session = await openSession(join(dir.path, 'session'), { syncOnLoop: true, ...(options.fsync === false ? { fs: noFsyncFs } : {}) });
    try {
      const run = benchRun({ ...options, seedFile: join(dir.path, 'seeds.jsonl'), session: { journal: session.journal, ledger: session.ledger } });
      options.onRun?.(run);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const finished = await run.start();
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      return { finished, wallMs, cpuUs: cpu.user + cpu.system, journal: session.journalStats() };
    } finally {
      await session.close();
    }
  } finally {
    await dir.remove();
  }
}

export interface BenchRunOptions {
  readonly url: string;
  readonly seeds: readonly Seed[];
  readonly budget: number;
  readonly concurrency: number;
  readonly seedFile: string;
  readonly session: GenerationSession;
  readonly onEvent?: (event: TeacherEvent) => void;
  /** The fetch that sends; the chat client's own (node:http) unless given. */
  readonly fetch?: FetchLike;
}

/**
 * The Answer Augmentation run as the bench makes it, with the chat client as the CLI's defaults
 * make it. runSeedSmith and sentBodies both build theirs here, so the bodies the plain pool is
 * given are the ones a measured run sends.
 */
export function benchRun(options: BenchRunOptions): GenerationRun {
  const client = createChatClient({
    baseURL: options.url,
    apiKey: 'sk-bench',
    timeoutMs: 60_000,
    maxRetries: 2,
    maxConcurrency: options.concurrency,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const model = { model: TEACHER_MODEL, endpoint: options.url };
  return new GenerationRun(
    {
      seedFile: options.seedFile,
      seeds: options.seeds,
      strategy: 'answer-augmentation',
      limits: { teacher: options.budget, augmenter: options.budget },
      teacher: model,
      augmenter: model,
      concurrency: options.concurrency,
    },
    { clients: { teacher: client, augmenter: client }, session: options.session },
  );
}

/** The real file operations except fdatasync, which returns at once. */
const noFsyncFs: JournalFileSystem = {
  async openAppend(path: string) {
    return { ...(await nodeJournalFs.openAppend(path)), datasync: async () => {}, datasyncNow: () => {} };
  },
};
