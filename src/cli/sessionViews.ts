// Session state → what `status` and `samples` print. JSON field names follow the CLI contract of
// architecture.md; scripts rely on them.
import type { CheckResult } from '../core/checks/types.ts';
import type { RoleTotals, SampleReview, SessionState } from '../core/journal/state.ts';
import type { Sample, SampleFlag } from '../core/samples/sample.ts';
import { teacherFeedback } from '../core/advisor/teacherFeedback.ts';
import type { EnsembleFeedback } from '../core/advisor/teacherFeedback.ts';

export type SampleFilter = 'pending' | 'accepted' | 'rejected' | 'flagged';
export const SAMPLE_FILTERS: readonly SampleFilter[] = ['pending', 'accepted', 'rejected', 'flagged'];

export interface SampleRow {
  readonly id: string;
  readonly seedLine: number | null;
  readonly seedLines: readonly number[];
  readonly strategy: string;
  readonly state: string;
  readonly flags: readonly SampleFlag[];
  /** The text as it stands: the person's edit when they edited it. */
  readonly question: string;
  readonly answer: string;
  readonly edited: boolean;
  readonly reason: string | null;
  readonly runId: string;
  /** The teacher model that answered (an ensemble's samples differ). */
  readonly teacher: string;
  /** The automatic checks, as `seedsmith check` computes them (in its check order). */
  readonly checks: readonly CheckResult[];
}

export function sampleRows(state: SessionState, filter: SampleFilter | undefined, checks: ReadonlyMap<string, readonly CheckResult[]> = new Map()): SampleRow[] {
  const rows: SampleRow[] = [];
  for (const sample of state.samples.values()) {
    const row = sampleRow(sample, state.reviews.get(sample.id), filter, checks);
    if (row !== null) rows.push(row);
  }
  return rows;
}

/** One sample's row, or null when the filter leaves it out. */
export function sampleRow(sample: Sample, review: SampleReview | undefined, filter: SampleFilter | undefined, checks: ReadonlyMap<string, readonly CheckResult[]>): SampleRow | null {
  const current = review?.state ?? 'pending';
  if (filter === 'flagged' ? sample.flags.length === 0 : filter !== undefined && current !== filter) return null;
  return rowOf(sample, current, review?.edited ?? null, review?.reason ?? null, checks.get(sample.id) ?? []);
}

function rowOf(sample: Sample, state: string, edited: { question: string; answer: string } | null, reason: string | null, checks: readonly CheckResult[]): SampleRow {
  return {
    id: sample.id,
    seedLine: sample.seedLines[0] ?? null,
    seedLines: sample.seedLines,
    strategy: sample.strategy,
    state,
    flags: sample.flags,
    question: edited?.question ?? sample.question,
    answer: edited?.answer ?? sample.answer,
    edited: edited !== null,
    reason,
    runId: sample.runId,
    teacher: sample.teacher.model,
    checks,
  };
}

export function roleJson(totals: RoleTotals, wasted: number) {
  return { limit: totals.limit, spent: totals.spent, completed: totals.completed, uncertain: totals.uncertain + totals.unsettled, retries: totals.released, wasted };
}

/** Spent requests that produced no sample, and why: `status` and `check` both show it. */
export function wastedJson(state: SessionState) {
  const { teacher, augmenter, reasons } = state.wasted;
  return { teacher, augmenter, reasons: reasons.map((r) => ({ role: r.role, reason: r.reason, attempts: r.attempts, at: r.at })) };
}

/** One line for people, or null when every spent request produced a sample (that we know of). */
export function wastedLine(state: SessionState): string | null {
  const { teacher, augmenter, reasons } = state.wasted;
  const total = teacher + augmenter;
  if (total === 0) return null;
  const last = reasons.at(-1);
  return `${total} spent ${total === 1 ? 'request' : 'requests'} produced no sample (teacher ${teacher}, augmenter ${augmenter})${last ? `; the latest: ${last.reason}` : ''}`;
}

export function flagCounts(state: SessionState): Record<string, number> {
  return Object.fromEntries(state.flagCounts);
}

/** `teachers`: per-teacher figures when the samples were counted elsewhere (a streamed session holds none in `state`). */
export function statusJson(state: SessionState, dir: string, inUse: boolean, teachers: EnsembleFeedback = teacherFeedback(state)) {
  return {
    session: dir,
    inUse,
    teacher: roleJson(state.budget.teacher, state.wasted.teacher),
    augmenter: roleJson(state.budget.augmenter, state.wasted.augmenter),
    wasted: wastedJson(state),
    samples: { ...state.counts },
    flags: flagCounts(state),
    teachers: teachers.teachers,
    teacherHint: teachers.hint,
    runs: [...state.runs.values()].map((run) => ({ runId: run.runId, strategy: run.start.strategy, startedAt: run.start.at, outcome: run.outcome, message: run.end?.message ?? null, samples: run.samples, spent: run.spent, wasted: run.wasted.teacher + run.wasted.augmenter })),
  };
}

