// Journal events → SessionState. One event at a time (applyEvent) so a live session stays
// current as events are appended, and a whole journal (reduceJournal) for a cold start.
//
// applyEvent updates the state in place: a long session has tens of thousands of events and
// copying maps per event would be quadratic. The state is owned by whoever reduces into it;
// everyone else treats it as read-only (the types say so).
import { limitInForce } from '../budget/limit.ts';
import type { ChatResult, ModelRole } from '../model/chat.ts';
import type { Sample, SampleFlag } from '../samples/sample.ts';
import { AttemptIdSet } from './attemptIdSet.ts';
import { ReviewMap } from './reviewMap.ts';
import { applyBatchEvent } from './batchState.ts';
import type { MutableBatchState } from './batchState.ts';
import type { DecisionEvent, JournalEvent, RunStartEvent, SettleEvent, WastedEvent } from './events.ts';
import { KEEP_ALL, MAX_WASTED_REASONS, PENDING_REVIEW } from './state.ts';
import type { RoleTotals, RunInfo, SampleCounts, SampleReview, SessionKeeps, SessionState, UnsettledAttempt, WastedReason } from './state.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface MutableRun extends Mutable<Omit<RunInfo, 'spent' | 'wasted'>> {
  spent: Record<ModelRole, number>;
  wasted: Record<ModelRole, number>;
}

/** The reducer's own view of a state (checkpoint.ts saves and restores all of it). */
export interface MutableState extends MutableBatchState {
  runs: Map<string, MutableRun>;
  budget: Record<ModelRole, Mutable<RoleTotals>>;
  unsettled: Map<string, UnsettledAttempt>;
  cache: Map<string, ChatResult>;
  samples: Map<string, Sample>;
  /** A Map, or a ReviewMap when the samples are not kept (a million of them cost little). */
  reviews: ReadonlyMap<string, SampleReview> & { set(id: string, review: SampleReview): unknown };
  history: Map<string, DecisionEvent[]>;
  counts: Mutable<SampleCounts>;
  flagCounts: Map<SampleFlag, number>;
  unitSamples: Map<string, string[]>;
  wasted: { teacher: number; augmenter: number; reasons: WastedReason[] };
  warnings: string[];
  events: number;
  keeps: SessionKeeps;
  /** Attempts already settled, so a repeated settle is not counted twice. */
  settled: Set<string>;
}

const MAX_WARNINGS = 100;

const emptyTotals = (): Mutable<RoleTotals> => ({ limit: 0, spent: 0, completed: 0, uncertain: 0, unsettled: 0, released: 0 });

/** The maps a state keeps samples and completions in: a checkpoint's leave the values in the journal (journalBackedMap.ts). */
export interface SessionStores {
  readonly samples?: Map<string, Sample>;
  readonly cache?: Map<string, ChatResult>;
}

export function createSessionState(keeps: SessionKeeps = KEEP_ALL, stores: SessionStores = {}): SessionState {
  const state: MutableState = {
    runs: new Map(),
    budget: { teacher: emptyTotals(), augmenter: emptyTotals() },
    unsettled: new Map(),
    cache: stores.cache ?? new Map(),
    samples: stores.samples ?? new Map(),
    reviews: keeps.samples ? new Map() : new ReviewMap(),
    history: new Map(),
    counts: { total: 0, pending: 0, accepted: 0, rejected: 0, flagged: 0 },
    flagCounts: new Map(),
    unitSamples: new Map(),
    wasted: { teacher: 0, augmenter: 0, reasons: [] },
    warnings: [],
    events: 0,
    keeps,
    settled: new AttemptIdSet(),
    batches: new Map(),
    batchLines: new Map(),
    batchAttempts: new Map(),
  };
  return state;
}

export function reduceJournal(events: Iterable<JournalEvent>, state: SessionState = createSessionState()): SessionState {
  for (const event of events) applyEvent(state, event);
  return state;
}

/** Applies one event to `state` (in place) and returns it. */
export function applyEvent(state: SessionState, event: JournalEvent): SessionState {
  const s = state as unknown as MutableState;
  s.events += 1;
  switch (event.type) {
    case 'run-start':
      onRunStart(s, event);
      break;
    case 'reserve':
      onReserve(s, event.attemptId, event.role, event.runId);
      break;
    case 'batch-prepared':
    case 'batch-line':
    case 'batch-submitted':
    case 'batch-settled': {
      // A batch line is a reservation like any other: spent until its settle says otherwise.
      const reserve = applyBatchEvent(s, event, (message) => warn(s, message));
      if (reserve) onReserve(s, reserve.attemptId, reserve.role, reserve.runId);
      break;
    }
    case 'settle':
      onSettle(s, event);
      break;
    case 'completion':
      // A completion may carry the settle of the attempt that bought it (one line, not two).
      if (event.settle) onSettle(s, { type: 'settle', at: event.at, attemptId: event.settle.attemptId, role: event.role, outcome: event.settle.outcome });
      // The first purchase stays: it is the one samples already cite.
      if (s.keeps.cache && !s.cache.has(event.cacheKey)) s.cache.set(event.cacheKey, event.result);
      break;
    case 'sample':
      onSample(s, event.sample);
      break;
    case 'decision':
      onDecision(s, event);
      break;
    case 'run-end': {
      const run = s.runs.get(event.runId);
      if (!run) warn(s, `run ${event.runId} ended without a start`);
      else if (run.end) warn(s, `run ${event.runId} ended twice; the first end counts`);
      else {
        run.end = event;
        run.outcome = event.reason;
      }
      break;
    }
    case 'wasted':
      onWasted(s, event);
      break;
    default:
      event satisfies never;
  }
  return state;
}

function onReserve(s: MutableState, attemptId: string, role: ModelRole, runId: string): void {
  if (s.unsettled.has(attemptId) || s.settled.has(attemptId)) {
    warn(s, `attempt ${attemptId} was reserved twice; counted once`);
    return;
  }
  s.unsettled.set(attemptId, { role, runId });
  const totals = s.budget[role];
  totals.unsettled += 1;
  totals.spent += 1;
  const run = s.runs.get(runId);
  if (run) run.spent[role] += 1;
}

function onRunStart(s: MutableState, event: RunStartEvent): void {
  if (s.runs.has(event.runId)) {
    warn(s, `run ${event.runId} started twice; the first start counts`);
    return;
  }
  s.runs.set(event.runId, { runId: event.runId, start: event, end: null, outcome: 'interrupted', spent: { teacher: 0, augmenter: 0 }, samples: 0, samplesBefore: s.counts.total, wasted: { teacher: 0, augmenter: 0 } });
  s.budget.teacher.limit = limitInForce(event.limits.teacher, s.budget.teacher.limit);
  s.budget.augmenter.limit = limitInForce(event.limits.augmenter, s.budget.augmenter.limit);
}

function onWasted(s: MutableState, event: WastedEvent): void {
  s.wasted[event.role] += event.attempts;
  const run = s.runs.get(event.runId);
  if (run) run.wasted[event.role] += event.attempts;
  // One entry per (role, reason), moved to the end when it happens again: the latest reasons show.
  const reasons = s.wasted.reasons;
  const index = reasons.findIndex((r) => r.role === event.role && r.reason === event.reason);
  const attempts = (index >= 0 ? (reasons[index]?.attempts ?? 0) : 0) + event.attempts;
  if (index >= 0) reasons.splice(index, 1);
  reasons.push({ role: event.role, reason: event.reason, attempts, at: event.at });
  if (reasons.length > MAX_WASTED_REASONS) reasons.shift();
}

function onSample(s: MutableState, sample: Sample): void {
  // First write wins: a resumed run may regenerate a sample id that is already here. (Every
  // sample has a review, so this holds also when the samples themselves are not kept.)
  if (s.reviews.has(sample.id)) return;
  if (s.keeps.samples) s.samples.set(sample.id, sample);
  s.reviews.set(sample.id, PENDING_REVIEW);
  s.counts.total += 1;
  s.counts.pending += 1;
  if (sample.flags.length > 0) s.counts.flagged += 1;
  for (const flag of sample.flags) s.flagCounts.set(flag, (s.flagCounts.get(flag) ?? 0) + 1);
  if (s.keeps.units) {
    const unit = s.unitSamples.get(sample.unitKey);
    if (unit) unit.push(sample.id);
    else s.unitSamples.set(sample.unitKey, [sample.id]);
  }
  const run = s.runs.get(sample.runId);
  if (run) run.samples += 1;
}

/** A sample's review once a decision is applied. */
export function reviewAfter(event: DecisionEvent): SampleReview {
  return event.decision === 'reset'
    ? PENDING_REVIEW
    : {
        state: event.decision === 'accept' ? 'accepted' : 'rejected',
        edited: event.decision === 'accept' && event.edited ? { question: event.edited.question, answer: event.edited.answer } : null,
        reason: event.reason ?? null,
        decidedAt: event.at,
        source: event.source,
      };
}

function onDecision(s: MutableState, event: DecisionEvent): void {
  const before = s.reviews.get(event.sampleId);
  if (!before) {
    warn(s, `decision for unknown sample ${event.sampleId} ignored`);
    return;
  }
  const after = reviewAfter(event);
  s.reviews.set(event.sampleId, after);
  s.counts[before.state] -= 1;
  s.counts[after.state] += 1;
  if (!s.keeps.history) return;
  const history = s.history.get(event.sampleId);
  if (history) history.push(event);
  else s.history.set(event.sampleId, [event]);
}

function warn(s: MutableState, message: string): void {
  if (s.warnings.length < MAX_WARNINGS) s.warnings.push(message);
}

function onSettle(s: MutableState, event: SettleEvent): void {
  if (s.settled.has(event.attemptId)) {
    warn(s, `attempt ${event.attemptId} was settled twice; the first settle counts`);
    return;
  }
  s.settled.add(event.attemptId);
  const reserved = s.unsettled.get(event.attemptId);
  // Count against the role it was reserved under; a settle's own role field is only a fallback.
  const role = reserved?.role ?? event.role;
  const totals = s.budget[role];
  if (reserved) {
    s.unsettled.delete(event.attemptId);
    totals.unsettled -= 1;
    totals.spent -= 1;
  } else {
    warn(s, `attempt ${event.attemptId} was settled without a reserve`);
  }
  switch (event.outcome.kind) {
    case 'completed':
      totals.completed += 1;
      totals.spent += 1;
      break;
    case 'uncertain':
      totals.uncertain += 1;
      totals.spent += 1;
      break;
    case 'released': {
      totals.released += 1;
      const run = reserved ? s.runs.get(reserved.runId) : undefined;
      if (run) run.spent[role] -= 1;
      break;
    }
  }
}
