// A journal cut into the runs that wrote it (one writer at a time, so an event belongs to the
// last run-start before it), with what each run bought by the journal's own account. The crash
// test compares these with what the teacher served while each run was alive.
import type { JournalEvent } from '../../src/core/journal/events.ts';
import type { ModelRole } from '../../src/core/model/chat.ts';

export type PerRole = Record<ModelRole, number>;

export interface RunSegment {
  readonly runId: string;
  /** Attempts settled as completed: the teacher served each of them. */
  readonly completedSettles: PerRole;
  /** Reserved and never settled: the process died with them out (served or not). */
  readonly unsettled: PerRole;
  /** Completion events written (what the cache holds from this run). */
  readonly completionEvents: PerRole;
  readonly samples: number;
}

const zero = (): PerRole => ({ teacher: 0, augmenter: 0 });

export function runSegments(events: readonly JournalEvent[]): RunSegment[] {
  const segments: Array<RunSegment & { completedSettles: PerRole; unsettled: PerRole; completionEvents: PerRole; samples: number }> = [];
  const reserved = new Map<string, { role: ModelRole; segment: number }>();
  const settle = (attemptId: string, completed: boolean): void => {
    const reservedBy = reserved.get(attemptId);
    reserved.delete(attemptId);
    if (completed && reservedBy) {
      const segment = segments[reservedBy.segment];
      if (segment) segment.completedSettles[reservedBy.role]++;
    }
  };
  for (const event of events) {
    if (event.type === 'run-start') {
      segments.push({ runId: event.runId, completedSettles: zero(), unsettled: zero(), completionEvents: zero(), samples: 0 });
      continue;
    }
    const current = segments[segments.length - 1];
    if (event.type === 'reserve') {
      reserved.set(event.attemptId, { role: event.role, segment: segments.findIndex((s) => s.runId === event.runId) });
    } else if (event.type === 'settle') {
      settle(event.attemptId, event.outcome.kind === 'completed');
    } else if (event.type === 'completion' && current) {
      // A completion may carry its attempt's settle instead of a settle line.
      if (event.settle) settle(event.settle.attemptId, true);
      current.completionEvents[event.role]++;
    } else if (event.type === 'sample' && current) {
      current.samples++;
    }
  }
  for (const { role, segment } of reserved.values()) {
    const owner = segments[segment];
    if (owner) owner.unsettled[role]++;
  }
  return segments;
}
