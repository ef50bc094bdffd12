// The session journal: one JSON event per line, append-only. It is the source of truth for
// spend, samples and decisions; every view (status bar, sidebar, `seedsmith status`) is a
// reduction of it. Keys are short because a long run writes many of these; field names are
// still words a person can read in `less`.
import type { AttemptOutcome, ChatResult, ModelRole } from '../model/chat.ts';
import type { Sample, StrategyId } from '../samples/sample.ts';

export const JOURNAL_VERSION = 1;

export interface RunStartEvent {
  readonly type: 'run-start';
  readonly at: string;
  readonly runId: string;
  readonly strategy: StrategyId;
  readonly seedFile: string;
  readonly seedCount: number;
  /** The session's limits as of this run (a later run may raise them). */
  readonly limits: { readonly teacher: number; readonly augmenter: number };
  readonly teacher: { readonly model: string; readonly endpoint: string };
  readonly augmenter: { readonly model: string; readonly endpoint: string };
  /** Accepted samples New Question may show as examples in this run (fixed for the run, so a resumed run renders the same prompts). */
  readonly exampleSampleIds: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
}

/** Written and made durable BEFORE the HTTP attempt is sent. */
export interface ReserveEvent {
  readonly type: 'reserve';
  readonly at: string;
  /** Unique per attempt. */
  readonly attemptId: string;
  readonly role: ModelRole;
  readonly runId: string;
}

/** The fate of a reserved attempt. A reserve without a settle (a crash) counts as spent. */
export interface SettleEvent {
  readonly type: 'settle';
  readonly at: string;
  readonly attemptId: string;
  readonly role: ModelRole;
  readonly outcome: AttemptOutcome;
}

/** A bought completion, kept so that no identical request is ever bought twice. */
export interface CompletionEvent {
  readonly type: 'completion';
  readonly at: string;
  readonly cacheKey: string;
  readonly role: ModelRole;
  readonly result: ChatResult;
  /**
   * The settle of the attempt that bought this completion, carried here instead of on a `settle`
   * line of its own: one append per purchase, not two. Absent in older journals (they have the
   * `settle` line). A reader that ignored it would see the reserve unsettled, i.e. spent, which
   * it is: the budget reads the same either way.
   */
  readonly settle?: CompletedSettle;
}

export interface CompletedSettle {
  readonly attemptId: string;
  readonly outcome: Extract<AttemptOutcome, { kind: 'completed' }>;
}

export interface SampleEvent {
  readonly type: 'sample';
  readonly at: string;
  readonly sample: Sample;
}

export type Decision = 'accept' | 'reject' | 'reset';

export interface DecisionEvent {
  readonly type: 'decision';
  readonly at: string;
  readonly sampleId: string;
  readonly decision: Decision;
  /** accept with edits: the text the person settled on (the original stays in the sample). */
  readonly edited?: { readonly question: string; readonly answer: string };
  readonly reason?: string;
  /** Where the decision was made: 'cli' | 'editor' | 'auto'. */
  readonly source: string;
}

/** How a run ended. `time-limit`: the wall-clock limit the person set passed; like `budget`, a planned stop. */
export const RUN_END_REASONS = ['done', 'budget', 'time-limit', 'cancelled', 'failed'] as const;
export type RunEndReason = (typeof RUN_END_REASONS)[number];

export interface RunEndEvent {
  readonly type: 'run-end';
  readonly at: string;
  readonly runId: string;
  readonly reason: RunEndReason;
  readonly message?: string;
}

/**
 * Spent attempts of one model call that produced nothing a sample can use: a 200 whose body was
 * not a chat completion, attempts that timed out or broke (whether or not a retry then got the
 * answer), a call cancelled while out. The settles already count them as spent; this says why
 * they bought nothing, so a session shows it instead of looking "done".
 */
export interface WastedEvent {
  readonly type: 'wasted';
  readonly at: string;
  readonly runId: string;
  readonly role: ModelRole;
  /** Spent attempts (completed or uncertain) this accounts for. */
  readonly attempts: number;
  /** One sentence, free of any key (scrubbed before it is written). */
  readonly reason: string;
}

export type { BatchLineEvent, BatchPreparedEvent, BatchSettledEvent, BatchSubmittedEvent } from './batchEvents.ts';
import type { BatchLineEvent, BatchPreparedEvent, BatchSettledEvent, BatchSubmittedEvent } from './batchEvents.ts';

export type JournalEvent =
  | RunStartEvent
  | ReserveEvent
  | SettleEvent
  | CompletionEvent
  | SampleEvent
  | DecisionEvent
  | RunEndEvent
  | WastedEvent
  | BatchPreparedEvent
  | BatchLineEvent
  | BatchSubmittedEvent
  | BatchSettledEvent;

export type JournalEventType = JournalEvent['type'];
