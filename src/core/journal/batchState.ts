// What the batch events add up to (reduce.ts applies them through applyBatchEvent). A batch is
// in flight from its `batch-prepared` until its `batch-settled`; its lines stay reserved (spent)
// until each is settled by the ordinary settle/completion events.
import type { ModelRole } from '../model/chat.ts';
import type { BatchEngineKind, BatchLineEvent, BatchPreparedEvent, BatchSettledEvent, BatchSubmittedEvent } from './batchEvents.ts';

export interface BatchInfo {
  readonly batchKey: string;
  readonly runId: string;
  readonly role: ModelRole;
  readonly model: string;
  readonly engine: BatchEngineKind;
  readonly preparedAt: string;
  readonly customIds: readonly string[];
  /** Null until the engine accepted it (a crash in between leaves it prepared only). */
  readonly submitted: BatchSubmittedEvent | null;
  readonly settled: BatchSettledEvent | null;
}

export interface BatchLineInfo {
  readonly batchKey: string;
  readonly role: ModelRole;
  readonly runId: string;
  readonly cacheKey: string;
  readonly unitKeys: readonly string[];
}

export interface MutableBatchState {
  batches: Map<string, BatchInfo & { customIds: string[]; submitted: BatchSubmittedEvent | null; settled: BatchSettledEvent | null }>;
  batchLines: Map<string, BatchLineInfo>;
  batchAttempts: Map<string, number>;
}

export type BatchEvent = BatchPreparedEvent | BatchLineEvent | BatchSubmittedEvent | BatchSettledEvent;

/**
 * Applies a batch event; returns the reserve a `batch-line` makes (the caller books it like a
 * `reserve`), or null. Oddities (a line of an unknown batch, a second settle) go to `warn`.
 */
export function applyBatchEvent(s: MutableBatchState, event: BatchEvent, warn: (message: string) => void): { attemptId: string; role: ModelRole; runId: string } | null {
  switch (event.type) {
    case 'batch-prepared':
      if (s.batches.has(event.batchKey)) warn(`batch ${event.batchKey} was prepared twice; the first counts`);
      else s.batches.set(event.batchKey, { batchKey: event.batchKey, runId: event.runId, role: event.role, model: event.model, engine: event.engine, preparedAt: event.at, customIds: [], submitted: null, settled: null });
      return null;
    case 'batch-line': {
      if (s.batchLines.has(event.customId)) {
        warn(`batch line ${event.customId} was journaled twice; counted once`);
        return null;
      }
      const batch = s.batches.get(event.batchKey);
      if (batch) batch.customIds.push(event.customId);
      else warn(`batch line ${event.customId} names unknown batch ${event.batchKey}`);
      s.batchLines.set(event.customId, { batchKey: event.batchKey, role: event.role, runId: event.runId, cacheKey: event.cacheKey, unitKeys: event.unitKeys });
      s.batchAttempts.set(event.cacheKey, (s.batchAttempts.get(event.cacheKey) ?? 0) + 1);
      return { attemptId: event.customId, role: event.role, runId: event.runId };
    }
    case 'batch-submitted': {
      const batch = s.batches.get(event.batchKey);
      if (!batch) warn(`batch ${event.batchKey} was submitted without being prepared`);
      else if (batch.submitted === null) batch.submitted = event;
      return null;
    }
    case 'batch-settled': {
      const batch = s.batches.get(event.batchKey);
      if (!batch) warn(`batch ${event.batchKey} was settled without being prepared`);
      else if (batch.settled !== null) warn(`batch ${event.batchKey} was settled twice; the first counts`);
      else batch.settled = event;
      return null;
    }
  }
}

/** Batches not yet settled: submitted and running, or prepared and perhaps never submitted. */
export function batchesInFlight(batches: ReadonlyMap<string, BatchInfo>): BatchInfo[] {
  return [...batches.values()].filter((b) => b.settled === null);
}
