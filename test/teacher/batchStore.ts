// The test teacher's batch engine: uploaded files and batches in memory, with OpenAI's life
// cycle (validating → in_progress → finalizing → completed | expired | failed, or cancelling →
// cancelled). Lines run when the processing delay ends, each by executeChat, so a batch's
// answers are the ones the online route would give; the knobs decide which lines fail, expire or
// go missing, whether validation fails, and whether `completed` shows before the file ids do.
import { randomUUID } from 'node:crypto';
import { executeChat } from './chatExecution.ts';
import type { BatchInputLine } from './batchInput.ts';
import { readBatchInput } from './batchInput.ts';
import type { BatchRecord } from './batchRecords.ts';
import { failedRecord, lineFate, ranRecord, shuffled, toJsonl, unrunRecord } from './batchRecords.ts';
import type { TeacherCore } from './teacherCore.ts';

export interface StoredFile {
  readonly id: string;
  readonly object: 'file';
  readonly bytes: number;
  readonly created_at: number;
  readonly filename: string;
  readonly purpose: string;
  readonly status: 'processed';
  readonly content: string;
}

export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

export interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id: string | null;
  error_file_id: string | null;
  errors: { object: 'list'; data: { code: string; message: string; param: string | null; line: number | null }[] } | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
}

/** What the batch engine did, for tests that compare a ledger with it. */
export interface BatchStats {
  batches: number;
  /** Lines that reached the model (200s and lines that then failed): what a provider bills. */
  executed: number;
  succeeded: number;
  failed: number;
  expired: number;
  cancelled: number;
  dropped: number;
  /** HTTP requests to /v1/files and /v1/batches. */
  httpRequests: number;
}

const DAY_SECONDS = 24 * 60 * 60;

export class BatchStore {
  readonly #core: TeacherCore;
  readonly #files = new Map<string, StoredFile>();
  readonly #batches = new Map<string, BatchObject>();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Bodies of requests that expired once: a resubmission of them runs. */
  readonly #expired = new Set<string>();
  /** Lines of batches not yet run, by batch id: a batch runs once, when its delay ends or it is cancelled. */
  readonly #pending = new Map<string, readonly BatchInputLine[]>();
  readonly #createdMs = new Map<string, number>();
  #stats: BatchStats = emptyStats();

  constructor(core: TeacherCore) {
    this.#core = core;
  }

  stats(): BatchStats {
    return { ...this.#stats };
  }

  countHttp(): void {
    this.#stats.httpRequests++;
  }

  resetStats(): void {
    this.#stats = emptyStats();
  }

  addFile(filename: string, purpose: string, content: string): StoredFile {
    const file: StoredFile = { id: `file-${randomUUID().replace(/-/g, '')}`, object: 'file', bytes: Buffer.byteLength(content), created_at: now(), filename, purpose, status: 'processed', content };
    this.#files.set(file.id, file);
    return file;
  }

  file(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  /** A batch whose processing delay has passed under the knobs now runs when it is looked at (a test may shorten the delay). */
  batch(id: string): BatchObject | undefined {
    const batch = this.#batches.get(id);
    const created = this.#createdMs.get(id);
    if (batch && created !== undefined && this.#pending.has(id) && Date.now() - created >= this.#core.knobs.batchDelayMs) this.#run(batch);
    return batch;
  }

  list(): BatchObject[] {
    return [...this.#batches.values()].reverse();
  }

  create(input: StoredFile, endpoint: string, window: string, metadata: Record<string, string> | null): BatchObject {
    const created = now();
    const batch: BatchObject = {
      id: `batch_${randomUUID().replace(/-/g, '')}`,
      object: 'batch',
      endpoint,
      input_file_id: input.id,
      completion_window: window,
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      errors: null,
      created_at: created,
      in_progress_at: null,
      expires_at: created + DAY_SECONDS,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      metadata,
    };
    this.#batches.set(batch.id, batch);
    this.#stats.batches++;
    const knobs = this.#core.knobs;
    const read = readBatchInput(input.content, endpoint);
    if (knobs.batchValidationError !== null || !read.ok) {
      const problem = read.ok ? { code: 'invalid_request', message: knobs.batchValidationError ?? '', line: 1, param: null } : read.problem;
      batch.status = 'failed';
      batch.failed_at = now();
      batch.errors = { object: 'list', data: [problem] };
      return { ...batch };
    }
    batch.status = 'in_progress';
    batch.in_progress_at = now();
    batch.request_counts.total = read.lines.length;
    this.#pending.set(batch.id, read.lines);
    this.#createdMs.set(batch.id, Date.now());
    this.#later(knobs.batchDelayMs, () => this.#run(batch));
    return { ...batch };
  }

  cancel(batch: BatchObject): BatchObject {
    if (batch.status !== 'in_progress' && batch.status !== 'validating') return { ...batch };
    batch.status = 'cancelling';
    batch.cancelling_at = now();
    this.#later(0, () => this.#run(batch));
    return { ...batch };
  }

  /** Stops every pending timer (the server is closing). */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  #run(batch: BatchObject): void {
    const lines = this.#pending.get(batch.id);
    if (lines === undefined) return;
    this.#pending.delete(batch.id);
    const knobs = this.#core.knobs;
    const output: BatchRecord[] = [];
    const errors: BatchRecord[] = [];
    const cancelled = batch.status === 'cancelling';
    let expiredAny = false;
    for (const line of lines) {
      if (cancelled) {
        errors.push(unrunRecord(line.customId, 'batch_cancelled'));
        this.#stats.cancelled++;
        continue;
      }
      const bodyKey = JSON.stringify(line.body);
      const fate = lineFate(knobs, line.customId, this.#expired.has(bodyKey));
      if (fate === 'drop') {
        this.#stats.dropped++;
        continue;
      }
      if (fate === 'expire') {
        this.#expired.add(bodyKey);
        expiredAny = true;
        errors.push(unrunRecord(line.customId, 'batch_expired'));
        this.#stats.expired++;
        continue;
      }
      // A failing line reached the model and then broke: reported in the error file, not a completion.
      const executed = fate === 'error' ? null : executeChat(this.#core, knobs, line.body);
      if (executed === null || executed.statusCode !== 200) {
        errors.push(executed === null ? failedRecord(line.customId) : ranRecord(line.customId, executed));
        this.#stats.executed++;
        this.#stats.failed++;
        batch.request_counts.failed++;
        continue;
      }
      output.push(ranRecord(line.customId, executed));
      this.#stats.executed++;
      this.#stats.succeeded++;
      batch.request_counts.completed++;
    }
    const order = <T>(records: readonly T[], salt: string): T[] => (knobs.batchShuffle ? shuffled(records, knobs.seed, `${batch.id}:${salt}`) : [...records]);
    const outputFile = output.length > 0 ? this.addFile(`${batch.id}_output.jsonl`, 'batch_output', toJsonl(order(output, 'output'))) : null;
    const errorFile = errors.length > 0 ? this.addFile(`${batch.id}_error.jsonl`, 'batch_output', toJsonl(order(errors, 'error'))) : null;
    const finished = now();
    batch.finalizing_at = finished;
    if (cancelled) {
      batch.status = 'cancelled';
      batch.cancelled_at = finished;
    } else if (expiredAny) {
      batch.status = 'expired';
      batch.expired_at = finished;
    } else {
      batch.status = 'completed';
      batch.completed_at = finished;
    }
    // A provider may show the terminal status a moment before it fills in the file ids.
    const publish = (): void => {
      batch.output_file_id = outputFile?.id ?? null;
      batch.error_file_id = errorFile?.id ?? null;
    };
    if (knobs.batchFileDelayMs > 0) this.#later(knobs.batchFileDelayMs, publish);
    else publish();
  }
}

function emptyStats(): BatchStats {
  return { batches: 0, executed: 0, succeeded: 0, failed: 0, expired: 0, cancelled: 0, dropped: 0, httpRequests: 0 };
}

const now = (): number => Math.floor(Date.now() / 1000);
