// What a run plans with: the budget it may spend and the units done before it. A run-start records
// the budget and names the run whose start marks "before" (a few bytes), never a copy of the
// finished unit keys, which grew every run-start with the session (issue 12). A resumed run
// rebuilds the same basis from its run-start and the journal, so it plans exactly the same units.
// One definition for every kind of run: generation runs and batch runs alike.
import type { RunStartEvent } from '../journal/events.ts';
import type { SessionState } from '../journal/state.ts';

/**
 * The basis as a run-start records it. `doneBeforeRun` names the run at whose start the done units
 * were taken (the samples journaled before it). Journals written before carry `doneKeys` instead.
 */
export interface RecordedBasis {
  readonly teacherQueries: number;
  readonly augmenterCalls: number;
  readonly doneBeforeRun?: string;
  readonly doneKeys?: readonly string[];
}

export interface PlanBasis {
  readonly teacherQueries: number;
  readonly augmenterCalls: number;
  readonly doneKeys: ReadonlySet<string>;
  /** What the run-start records to plan the same again. */
  readonly recorded: RecordedBasis;
}

/** A new run's basis: the budget left, around every unit done so far (`runId`: the new run's). */
export function freshPlanBasis(state: SessionState, teacherQueries: number, augmenterCalls: number, runId: string): PlanBasis {
  return { teacherQueries, augmenterCalls, doneKeys: new Set(state.unitSamples.keys()), recorded: { teacherQueries, augmenterCalls, doneBeforeRun: runId } };
}

/** The basis a run-start recorded, or undefined when it recorded none that can be rebuilt. */
export function recordedPlanBasis(start: RunStartEvent, state: SessionState): PlanBasis | undefined {
  const basis = start.options['planBasis'] as Partial<RecordedBasis> | undefined;
  if (!basis || typeof basis.teacherQueries !== 'number' || typeof basis.augmenterCalls !== 'number') return undefined;
  const { teacherQueries, augmenterCalls } = basis;
  if (Array.isArray(basis.doneKeys)) {
    // An older journal: the keys are copied once more so a continuation plans exactly the same.
    const doneKeys = basis.doneKeys.filter((key): key is string => typeof key === 'string');
    return { teacherQueries, augmenterCalls, doneKeys: new Set(doneKeys), recorded: { teacherQueries, augmenterCalls, doneKeys } };
  }
  const before = typeof basis.doneBeforeRun === 'string' ? state.runs.get(basis.doneBeforeRun) : undefined;
  if (!before) return undefined;
  return { teacherQueries, augmenterCalls, doneKeys: unitKeysOfFirst(state, before.samplesBefore), recorded: { teacherQueries, augmenterCalls, doneBeforeRun: before.runId } };
}

/**
 * The unit keys of the session's first `count` samples (in journal order). From the ids and the
 * units' lists, not the samples themselves: a session opened from its checkpoint would read every
 * sample back from the journal for its unit key.
 */
function unitKeysOfFirst(state: SessionState, count: number): Set<string> {
  const keys = new Set<string>();
  if (count <= 0) return keys;
  const first = new Set<string>();
  for (const id of state.samples.keys()) {
    first.add(id);
    if (first.size >= count) break;
  }
  for (const [unitKey, ids] of state.unitSamples) if (ids.some((id) => first.has(id))) keys.add(unitKey);
  return keys;
}
