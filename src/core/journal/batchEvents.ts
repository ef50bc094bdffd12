// Journal events of a batch run (the provider's batch engine or an offline runner). A batch's
// lines are reserved like any request, one `batch-line` each, durably and BEFORE the input file
// is uploaded; the line also records which request and units it feeds (the id→unit map), so a
// killed process can settle the batch later. Settlement reuses the ordinary `settle`,
// `completion`, `sample` and `wasted` events, keyed by the line's custom_id as its attempt id.
import type { ModelRole } from '../model/chat.ts';

/** Which engine runs a batch: the OpenAI Batch API, Azure OpenAI's global batch, or a file for an offline runner (vLLM run-batch). */
export type BatchEngineKind = 'openai' | 'azure' | 'offline';

/** A batch about to be reserved and submitted; its lines follow. */
export interface BatchPreparedEvent {
  readonly type: 'batch-prepared';
  readonly at: string;
  /** SeedSmith's own id for the batch, sent as metadata so a batch created just before a crash can be found. */
  readonly batchKey: string;
  readonly runId: string;
  readonly role: ModelRole;
  readonly model: string;
  readonly engine: BatchEngineKind;
  readonly lines: number;
}

/** One line of a batch: a reservation (counted as spent until settled) and its place in the id→unit map. */
export interface BatchLineEvent {
  readonly type: 'batch-line';
  readonly at: string;
  readonly batchKey: string;
  /** run:sample:attempt — unique in the session, and the attempt id its settle names. */
  readonly customId: string;
  readonly role: ModelRole;
  readonly runId: string;
  /** The request's cache key: a 200 becomes the completion cached under it. */
  readonly cacheKey: string;
  /** Work units the request feeds (identical requests of several units share one line). */
  readonly unitKeys: readonly string[];
}

/** The engine accepted the batch (or the input file was written for an offline runner). */
export interface BatchSubmittedEvent {
  readonly type: 'batch-submitted';
  readonly at: string;
  readonly batchKey: string;
  /** The provider's batch id; for an offline runner, the file written. */
  readonly batchId: string;
  readonly inputFileId: string | null;
  /** When the provider will expire what has not run (ISO), if it said. */
  readonly expiresAt?: string | null;
}

/** The batch reached a terminal status and every line of it is settled. */
export interface BatchSettledEvent {
  readonly type: 'batch-settled';
  readonly at: string;
  readonly batchKey: string;
  readonly batchId: string | null;
  /** completed, expired, cancelled, failed, imported, or not-submitted (found nowhere after a crash). */
  readonly status: string;
  readonly completed: number;
  readonly released: number;
  readonly uncertain: number;
  /** Submitted custom ids in neither the output nor the error file (counted as spent). */
  readonly unaccounted: readonly string[];
  /** The provider's error when the batch failed (validation), with its line. */
  readonly error?: string;
}
