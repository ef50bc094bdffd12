// Runs estimate jobs on a worker thread (estimateWorker.ts), one at a time. A job asked for while
// another is still being computed replaces it: the busy worker is stopped (its answer would be
// stale anyway) and a fresh one takes the new job, so a slow estimate never delays the next.
import { Worker } from 'node:worker_threads';
import type { EstimateView } from '../../shared/protocol.ts';
import type { EstimateJob, EstimateReply } from './estimateJob.ts';

/** The promise of a job that a newer job replaced resolves to this. */
export const SUPERSEDED = Symbol('superseded');

interface Pending {
  readonly id: number;
  readonly resolve: (estimates: readonly EstimateView[] | typeof SUPERSEDED) => void;
  readonly reject: (error: Error) => void;
}

export class EstimateThread {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private readonly workerFile: string | URL;

  constructor(workerFile: string | URL) {
    this.workerFile = workerFile;
  }

  run(job: Omit<EstimateJob, 'id'>): Promise<readonly EstimateView[] | typeof SUPERSEDED> {
    if (this.pending) {
      this.pending.resolve(SUPERSEDED);
      this.pending = undefined;
      void this.worker?.terminate();
      this.worker = undefined;
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject };
      const worker = this.started();
      // Kept alive while it works; an idle worker does not hold the process open.
      worker.ref();
      worker.postMessage({ ...job, id } satisfies EstimateJob);
    });
  }

  dispose(): void {
    this.pending?.resolve(SUPERSEDED);
    this.pending = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile);
    worker.on('message', (reply: EstimateReply) => {
      const pending = this.pending;
      if (!pending || pending.id !== reply.id) return;
      this.pending = undefined;
      worker.unref();
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.estimates);
    });
    worker.on('error', (error) => this.failed(worker, error));
    worker.on('exit', (code) => this.failed(worker, new Error(`the estimate worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return; // a worker stopped on purpose
    this.worker = undefined;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
