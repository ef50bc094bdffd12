// What a journal adds up to. Every view of a session (status bar, sidebar, `seedsmith status`,
// a resumed run) reads one of these, built by reduce.ts from the events alone.
import type { ChatResult, ModelRole } from '../model/chat.ts';
import type { Sample, SampleFlag, SampleState } from '../samples/sample.ts';
import type { BatchLineInfo, BatchInfo } from './batchState.ts';
import type { DecisionEvent, RunEndEvent, RunStartEvent } from './events.ts';

export interface RoleTotals {
  /** The highest limit any run set (a later run may raise it, never lower it). */
  readonly limit: number;
  /**
   * completed + uncertain + unsettled: what may have been billed, counting requests still out.
   * Settled spend never goes down; this total drops only when a request that was out is
   * released (refused before the model ran). After a crash it keeps the lost requests.
   */
  readonly spent: number;
  readonly completed: number;
  /** Settled as uncertain (timeout, abort, broken stream). */
  readonly uncertain: number;
  /**
   * Reserved with no settle in the journal: the process died while the request was out (or,
   * when reading a live session, it is still out). Counted as spent, so a crash never gives
   * budget back.
   */
  readonly unsettled: number;
  /** Retries: refused by the endpoint before the model ran; not spend. */
  readonly released: number;
}

export interface RunInfo {
  readonly runId: string;
  readonly start: RunStartEvent;
  readonly end: RunEndEvent | null;
  /** 'interrupted' when the journal has no run-end for the run: killed, crashed, or (in a session in use) still going. */
  readonly outcome: RunEndEvent['reason'] | 'interrupted';
  /** Spend attributed to this run's reserves (released ones excluded). */
  readonly spent: Readonly<Record<ModelRole, number>>;
  /** Samples this run added (duplicates of earlier samples excluded). */
  readonly samples: number;
  /**
   * Samples in the session when the run started: the first this many of `samples` (journal order)
   * are the ones before it, so a resumed run derives the units done before it from the journal.
   */
  readonly samplesBefore: number;
  /** Spent attempts of this run that produced no sample (journaled as `wasted`). */
  readonly wasted: Readonly<Record<ModelRole, number>>;
}

/** Spent attempts that produced no sample, with why, per role and reason. */
export interface WastedReason {
  readonly role: ModelRole;
  readonly reason: string;
  readonly attempts: number;
  /** When it last happened. */
  readonly at: string;
}

export interface WastedSpend {
  readonly teacher: number;
  readonly augmenter: number;
  /** Distinct (role, reason) pairs, most recent last; at most MAX_WASTED_REASONS. */
  readonly reasons: readonly WastedReason[];
}

export const MAX_WASTED_REASONS = 20;

export interface SampleReview {
  readonly state: SampleState;
  /** The text the person settled on when accepting with edits; the sample keeps the original. */
  readonly edited: { readonly question: string; readonly answer: string } | null;
  readonly reason: string | null;
  readonly decidedAt: string | null;
  readonly source: string | null;
}

export interface SampleCounts {
  /** pending + accepted + rejected. */
  readonly total: number;
  readonly pending: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Samples with at least one flag, whatever their state. */
  readonly flagged: number;
}

export interface UnsettledAttempt {
  readonly role: ModelRole;
  readonly runId: string;
}

export interface SessionState {
  /** In the order the runs started. */
  readonly runs: ReadonlyMap<string, RunInfo>;
  readonly budget: Readonly<Record<ModelRole, RoleTotals>>;
  /** attemptId → who reserved it, for reserves without a settle. */
  readonly unsettled: ReadonlyMap<string, UnsettledAttempt>;
  /** cacheKey → the completion bought for it. */
  readonly cache: ReadonlyMap<string, ChatResult>;
  /** By id, in the order they were generated. */
  readonly samples: ReadonlyMap<string, Sample>;
  /** Every sample has one; a sample nobody decided on is pending. */
  readonly reviews: ReadonlyMap<string, SampleReview>;
  /** Decisions per sample, oldest first (for undo and audit). */
  readonly history: ReadonlyMap<string, readonly DecisionEvent[]>;
  readonly counts: SampleCounts;
  /** Samples per flag, flags in the order they first appeared. */
  readonly flagCounts: ReadonlyMap<SampleFlag, number>;
  /** unitKey → ids of the samples it produced, so a resumed run can skip finished units. */
  readonly unitSamples: ReadonlyMap<string, readonly string[]>;
  /** Spend that bought nothing usable, and why (status, check and the sidebar show it). */
  readonly wasted: WastedSpend;
  /** Oddities the reducer tolerated (a settle for an unknown attempt, a decision for an unknown sample…). */
  readonly warnings: readonly string[];
  /** Events applied. */
  readonly events: number;
  /** Batches by SeedSmith's batch key, in the order they were prepared (batchState.ts). */
  readonly batches: ReadonlyMap<string, BatchInfo>;
  /** Batch lines by custom_id: the id→unit map settlement joins on. */
  readonly batchLines: ReadonlyMap<string, BatchLineInfo>;
  /** cacheKey → batch lines journaled for it so far: the next line's attempt number. */
  readonly batchAttempts: ReadonlyMap<string, number>;
  /** What this state keeps (a command that streams the samples keeps only their reviews and counts). */
  readonly keeps: SessionKeeps;
}

/**
 * The parts of a session a reader keeps in memory. Reviews, counts, spend, runs and warnings are
 * always kept; the rest grows with the session and only some readers need it:
 * - samples: every sample's text and lineage (the review, checks, a run)
 * - cache: every completion bought (a run, to buy nothing twice)
 * - history: every decision per sample (undo, auto-reject)
 * - units: the samples per unit key (a run, to skip finished units)
 * Without `samples`, `samples`, `unitSamples` stay empty; without `cache`, `cache`; without
 * `history`, `history`. Counts and reviews are the same either way.
 */
export interface SessionKeeps {
  readonly samples: boolean;
  readonly cache: boolean;
  readonly history: boolean;
  readonly units: boolean;
}

export const KEEP_ALL: SessionKeeps = { samples: true, cache: true, history: true, units: true };
/** Reviews, counts, spend and runs: what `status` shows, and what streaming commands index first. */
export const KEEP_INDEX: SessionKeeps = { samples: false, cache: false, history: false, units: false };

export const PENDING_REVIEW: SampleReview = { state: 'pending', edited: null, reason: null, decidedAt: null, source: null };
