// Automatic check results for the review card, computed on a worker thread (checksWorker.ts):
// after the session's samples or the seeds changed and things went quiet for a moment, the new
// samples (only those) are sent in small parts, so the host's thread never holds still for long,
// and their results are merged in when the worker answers. New seeds, another session, samples
// gone, another answer profile or database start over. Decisions do not trigger a recomputation
// (results would barely move). SQL execution match arrives later, sample by sample, and replaces
// the "still to run" the batch's answer carries.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { currentText } from '../../core/checks/currentText.ts';
import type { SampleEntry } from '../../core/checks/incrementalChecks.ts';
import type { CheckResult } from '../../core/checks/index.ts';
import { EXECUTION_PENDING, withCheckResult } from '../../core/checks/kinds/sampleSqlExecution.ts';
import type { KindCheckResult } from '../../core/checks/kinds/types.ts';
import { runChecks } from '../../core/checks/runChecks.ts';
import type { SessionState } from '../../core/journal/state.ts';
import type { Seed } from '../../core/seeds/index.ts';
import { bundledSqlFiles } from '../../node/sql/bundledSqlFiles.ts';
import type { SqlWorkerFiles } from '../../node/sql/workerSqlExecutor.ts';
import { NO_SETUP } from './checksJob.ts';
import type { ChecksJob, ChecksReply, ChecksSetup } from './checksJob.ts';

const QUIET_MS = 400;
/** Samples per message: copying one part to the worker takes a few milliseconds of the host's thread. */
const PART = 500;

export class ChecksCache {
  private readonly results = new Map<string, readonly CheckResult[]>();
  /** Bumped each time results change, so views derived from them know to recompute. */
  version = 0;
  private readonly onUpdated: () => void;
  private readonly workerFile: string | URL;
  private readonly sqlFiles: SqlWorkerFiles;
  /** Execution matches of this generation's setup, with the answer each was made for. */
  private readonly executions = new Map<string, { readonly answer: string; readonly result: KindCheckResult }>();
  private setupKey: string | undefined;
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private seedVersion: string | undefined;
  /** Sample ids sent to the worker in this generation. */
  private readonly sent = new Set<string>();
  /** The answer each sample sent had, so an execution match is kept only for the answer it checked. */
  private readonly answers = new Map<string, string>();
  /** Batches sent and not answered yet (the worker is kept alive while there are any). */
  private outstanding = 0;
  /** Parts are posted one turn of the event loop apart, one batch after another. */
  private sending: Promise<void> = Promise.resolve();
  private disposed = false;
  /** `now` calls waiting for the outstanding batches. */
  private waiting: ((answered: boolean) => void)[] = [];
  /** `now` calls waiting for execution matches: each holds the samples still without one. */
  private executionWaits: { readonly missing: Set<string>; readonly resolve: (made: boolean) => void }[] = [];
  /** The results belong to an earlier generation: the next answer replaces them all. */
  private stale = false;
  /** Seed version and sample count of the results `now` computed on this thread, until the worker takes over again. */
  private checkedHere: string | undefined;

  constructor(extensionPath: string, onUpdated: () => void, workerFile: string | URL = path.join(extensionPath, 'dist', 'checksWorker.js'), sqlFiles: SqlWorkerFiles = bundledSqlFiles(path.join(extensionPath, 'dist'))) {
    this.onUpdated = onUpdated;
    this.workerFile = workerFile;
    // Sent to the worker, which can only receive plain data (no URL objects).
    this.sqlFiles = { workerFile: sqlFiles.workerFile instanceof URL ? fileURLToPath(sqlFiles.workerFile) : sqlFiles.workerFile, wasmFile: sqlFiles.wasmFile };
  }

  get(sampleId: string): readonly CheckResult[] {
    return this.results.get(sampleId) ?? [];
  }

  /** True when a check failed for the sample (warnings do not count). */
  fails(sampleId: string): boolean {
    return this.get(sampleId).some((result) => result.status === 'fail');
  }

  all(): ReadonlyMap<string, readonly CheckResult[]> {
    return this.results;
  }

  /** Schedules checking the samples not checked yet (all of them when the seeds changed). */
  refresh(state: SessionState, seeds: readonly Seed[] | null, seedsVersion: string, setup: ChecksSetup = NO_SETUP): void {
    const seedVersion = versionOf(seedsVersion, setup);
    // A send queued for an earlier state is moot either way: this state's results are already
    // here, or it gets its own. (Left queued, one for a file the person just left would replace
    // the results of the file shown.)
    clearTimeout(this.timer);
    // Samples are only ever appended (a session switch or a reload with other samples is caught in send).
    if (seedVersion === this.seedVersion && state.samples.size === this.sent.size) return;
    this.timer = setTimeout(() => this.send(state, seeds, seedVersion, setup), QUIET_MS);
  }

  /**
   * The results for the session as it is now. What decides on checks (auto-reject, export) must
   * not act on stale or missing ones: when the worker has not caught up, this sends it what is
   * missing at once (no quiet period) and waits for its answers, so the host's thread never
   * checks a large session itself. Only when the worker cannot answer (it crashed or failed) are
   * the checks computed here, the one time the host's thread waits on them. For SQL answers it
   * also waits for every execution match, which the worker makes after the other checks: acting
   * while they are "still to run" would pass over the samples they fail.
   */
  async now(state: SessionState, seeds: readonly Seed[] | null, seedsVersion: string, setup: ChecksSetup = NO_SETUP): Promise<ReadonlyMap<string, readonly CheckResult[]>> {
    const seedVersion = versionOf(seedsVersion, setup);
    if (state.samples.size === 0) return new Map();
    if (this.checkedHere === `${seedVersion}|${state.samples.size}`) return this.results;
    if (!this.answeredFor(state, seedVersion)) {
      clearTimeout(this.timer);
      this.send(state, seeds, seedVersion, setup);
    }
    if ((this.answeredFor(state, seedVersion) || ((await this.idle()) && this.answeredFor(state, seedVersion))) && (setup.profile?.kind !== 'sql' || (await this.executionsMade(state)))) return this.results;
    // Answers still on their way belong to the generation this replaces.
    this.generation += 1;
    this.seedVersion = undefined;
    this.sent.clear();
    this.answers.clear();
    this.outstanding = 0;
    this.stale = false;
    this.worker?.unref();
    this.results.clear();
    // Execution matches already made for this setup stay (they are not run on this thread); the
    // rest show as still to run until the worker makes them.
    if (this.setupKey !== seedVersion) this.executions.clear();
    this.setupKey = seedVersion;
    const sql = setup.profile?.kind === 'sql';
    for (const [id, results] of runChecks(state, seeds, setup.profile ? { profile: setup.profile } : {}).results) {
      const sample = state.samples.get(id);
      const known = this.executions.get(id);
      const current = sample && known && known.answer === currentText(sample, state.reviews.get(id)).answer ? known.result : EXECUTION_PENDING;
      this.results.set(id, sql ? withCheckResult(results, current) : results);
    }
    this.checkedHere = `${seedVersion}|${state.samples.size}`;
    this.version++;
    this.onUpdated();
    return this.results;
  }

  /** Resolves true once every sample of `state` has its execution match, false if the worker stops first. */
  private executionsMade(state: SessionState): Promise<boolean> {
    const missing = new Set<string>();
    for (const id of state.samples.keys()) {
      const known = this.executions.get(id);
      if (!known || known.answer !== this.answers.get(id)) missing.add(id);
    }
    if (missing.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => this.executionWaits.push({ missing, resolve }));
  }

  private executionMade(id: string): void {
    this.executionWaits = this.executionWaits.filter((wait) => {
      if (!wait.missing.delete(id) || wait.missing.size > 0) return true;
      wait.resolve(true);
      return false;
    });
  }

  /** True when every sample of `state` has its worker's answer for these seeds. */
  private answeredFor(state: SessionState, seedVersion: string): boolean {
    return seedVersion === this.seedVersion && !this.stale && this.outstanding === 0 && state.samples.size === this.sent.size && [...state.samples.keys()].every((id) => this.sent.has(id));
  }

  /** Resolves when no batch is outstanding: true when the worker answered them, false when it failed or stopped. */
  private idle(): Promise<boolean> {
    if (this.outstanding === 0) return Promise.resolve(this.seedVersion !== undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private settle(ok: boolean): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(ok);
    // Execution matches of a generation that failed or stopped will not come.
    if (ok) return;
    const executionWaits = this.executionWaits;
    this.executionWaits = [];
    for (const wait of executionWaits) wait.resolve(false);
  }

  dispose(): void {
    this.disposed = true;
    this.settle(false);
    clearTimeout(this.timer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private send(state: SessionState, seeds: readonly Seed[] | null, seedVersion: string, setup: ChecksSetup): void {
    if (this.disposed) return;
    let known = 0;
    for (const id of state.samples.keys()) if (this.sent.has(id)) known += 1;
    if (seedVersion !== this.seedVersion || known < this.sent.size) this.reset(seeds, seedVersion, setup);
    const entries: SampleEntry[] = [];
    for (const [id, sample] of state.samples) {
      if (this.sent.has(id)) continue;
      this.sent.add(id);
      const review = state.reviews.get(id);
      entries.push({ sample, review });
      this.answers.set(id, currentText(sample, review).answer);
    }
    if (entries.length === 0) return;
    const generation = this.generation;
    this.outstanding += 1;
    this.started().ref();
    this.sending = this.sending.then(async () => {
      for (let start = 0; start < entries.length; start += PART) {
        if (generation !== this.generation || this.disposed) return;
        if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        this.post({ kind: 'samples', generation, entries: entries.slice(start, start + PART), last: start + PART >= entries.length });
      }
    }).catch(() => this.stopped(this.worker));
  }

  private reset(seeds: readonly Seed[] | null, seedVersion: string, setup: ChecksSetup): void {
    this.generation += 1;
    this.checkedHere = undefined;
    this.seedVersion = seedVersion;
    if (this.setupKey !== seedVersion) this.executions.clear();
    this.setupKey = seedVersion;
    this.sent.clear();
    this.answers.clear();
    this.outstanding = 0;
    this.worker?.unref();
    // The old results stay on show until the new ones arrive.
    this.stale = true;
    this.post({ kind: 'reset', generation: this.generation, seeds, setup, sqlFiles: this.sqlFiles });
  }

  private post(job: ChecksJob): void {
    this.started().postMessage(job);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile);
    // An idle worker does not hold the process open.
    worker.unref();
    worker.on('message', (reply: ChecksReply) => this.answered(reply));
    worker.on('error', () => this.stopped(worker));
    worker.on('exit', () => this.stopped(worker));
    this.worker = worker;
    return worker;
  }

  private answered(reply: ChecksReply): void {
    if (reply.generation !== this.generation) return;
    if ('execution' in reply) {
      const [id, result] = reply.execution;
      const answer = this.answers.get(id);
      if (answer !== undefined) {
        this.executions.set(id, { answer, result });
        this.executionMade(id);
      }
      // Not shown while the first answer of a new generation is awaited: it replaces all.
      if (this.stale) return;
      this.results.set(id, withCheckResult(this.results.get(id) ?? [], result));
      this.version++;
      this.onUpdated();
      return;
    }
    if ('error' in reply || reply.last) {
      this.outstanding -= 1;
      if (this.outstanding === 0) this.worker?.unref();
    }
    // A failed batch keeps the results it had; the next change starts over.
    if ('error' in reply) {
      this.seedVersion = undefined;
      if (this.outstanding === 0) this.settle(false);
      return;
    }
    if (this.stale) this.results.clear();
    this.stale = false;
    for (const [id, results] of reply.results) {
      // An execution match made before for the same answer stands; the worker runs it again all the same.
      const known = this.executions.get(id);
      this.results.set(id, known && known.answer === this.answers.get(id) ? withCheckResult(results, known.result) : results);
    }
    // One repaint per batch, when its last part is in.
    if (!reply.last) return;
    this.version++;
    this.onUpdated();
    if (this.outstanding === 0) this.settle(this.seedVersion !== undefined);
  }

  /** A crashed worker loses its indexes: the next refresh starts over with a fresh one. */
  private stopped(worker: Worker | undefined): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.seedVersion = undefined;
    this.outstanding = 0;
    this.settle(false);
  }
}

/** The seeds' version and what else the checks depend on, as one key: a change of either starts over. */
function versionOf(seedsVersion: string, setup: ChecksSetup): string {
  return `${seedsVersion}\u0000${JSON.stringify(setup)}`;
}
