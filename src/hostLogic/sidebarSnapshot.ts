// Host state → the protocol's SidebarSnapshot: the only place that knows both shapes. Plain
// logic: what only the editor knows (workspace trust, paths as the workspace shows them, the
// words for a read-only session) comes in as values, so it is tested without an editor.
import { runFeedback } from '../core/advisor/feedback.ts';
import type { Pricing } from '../core/advisor/pricing.ts';
import { budgetLeft, limitForNextRun } from '../core/budget/limit.ts';
import { KIND_CHECK_IDS } from '../core/checks/types.ts';
import type { CheckResult } from '../core/checks/types.ts';
import type { RoleTotals, SessionState } from '../core/journal/state.ts';
import type { Recommendation } from '../core/advisor/recommend.ts';
import type { Sample } from '../core/samples/sample.ts';
import type { Seed, SeedIndex } from '../core/seeds/index.ts';
import type { BatchPollView } from './batchRunView.ts';
import { batchProgressLines } from './batchRunView.ts';
import { sectionLayout, type SectionChoices } from './sectionLayout.ts';
import {
  MAX_BAD_LINES_IN_SNAPSHOT,
  type AnswersView,
  type EstimateView,
  type FixAction,
  type ReviewCard,
  type ReviewFilter,
  type ReviewKeys,
  type ReviewStrategy,
  type ReviewView,
  type RoleSpendView,
  type RunView,
  type SeedFileStatus,
  type SeedFileView,
  type SidebarSnapshot,
  type StrategyChoice,
  type TeacherView,
} from '../shared/protocol.ts';

/** A file's address as the snapshot needs it (a vscode.Uri is one). */
export interface FileAddress {
  readonly path: string;
  toString(): string;
}

export type SeedFileInput =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly uri: FileAddress }
  | { readonly kind: 'loaded'; readonly uri: FileAddress; readonly index: SeedIndex }
  | { readonly kind: 'failed'; readonly uri: FileAddress; readonly message: string };

/** The settings the sidebar shows. */
export interface SnapshotSettings {
  readonly teacherLimit: number;
  readonly augmenterLimit: number;
  readonly strategy: StrategyChoice;
  readonly samplesPerSeed: number | undefined;
  readonly questionsPerCall: number;
  readonly pricing: Pricing;
}

/** Where the review stands: its queue of the moment, the cursor in it, and its filter. */
export interface ReviewPosition {
  queue(): readonly string[];
  readonly cursor: number;
  readonly filter: ReviewFilter;
  readonly strategy: ReviewStrategy;
}

export interface SidebarInputs {
  readonly seedFile: SeedFileInput;
  /** The path as the workspace shows it (relative inside it). */
  readonly displayPath: (uri: FileAddress) => string;
  readonly workspaceTrusted: boolean;
  readonly session: SessionState;
  /** Why decisions cannot be made now (another process writes the session); null when they can. */
  readonly readOnly: string | null;
  /** Take over, when the holder is an editor window that can be asked to let go. */
  readonly readOnlyFix: FixAction | null;
  /** The keys bound to the review commands, for the buttons. */
  readonly keys: ReviewKeys;
  /** Live in-flight reservations while a run is going (the journal only knows settled ones). */
  readonly reserved: { readonly teacher: number; readonly augmenter: number };
  readonly settings: SnapshotSettings;
  readonly teacher: TeacherView;
  readonly run: Omit<RunView, 'batch'>;
  /** Batch runs: the lines per batch in flight come from the session's journal and the last polls (absent: none offered or running here). */
  readonly batch?: BatchRunInputs;
  readonly review: ReviewPosition;
  readonly canUndo: boolean;
  readonly checks: (sampleId: string) => readonly CheckResult[];
  /** The loaded seed file's answer kind (hostLogic/answerKindChoice.ts); null while not known. */
  readonly answers: AnswersView | null;
  readonly advisor: { readonly recommendation: Recommendation | null; readonly estimates: readonly EstimateView[] };
  /** Which setup sections the person folded or unfolded (sectionLayout.ts). */
  readonly sections: SectionChoices;
}

export interface BatchRunInputs {
  readonly offered: boolean;
  readonly state: RunView['batch']['state'];
  readonly last: string | null;
  /** The last poll of each batch this window polls, by batch key. */
  readonly polls: ReadonlyMap<string, BatchPollView>;
}

const SHAPE_LABELS: Record<SeedIndex['shape'], string> = {
  'question-answer': 'question / answer',
  'instruction-output': 'instruction / input / output',
  'prompt-completion': 'prompt / completion',
  messages: 'chat messages',
  mapping: 'custom field mapping',
  mixed: 'mixed shapes',
  none: 'no valid line',
};

/** Cards sent around the cursor: enough to keep deciding at typing speed between snapshots. */
const WINDOW_BEHIND = 3;
const WINDOW_AHEAD = 25;

let revision = 0;

export function buildSidebarSnapshot(inputs: SidebarInputs): SidebarSnapshot {
  const { settings, session } = inputs;
  const seedIndex = inputs.seedFile.kind === 'loaded' ? inputs.seedFile.index : undefined;
  // With a budget of 0 nothing can be bought: no strategy to apply, no table of what 0 buys.
  const rec = settings.teacherLimit === 0 ? null : inputs.advisor.recommendation;
  return {
    revision: ++revision,
    seedFile: seedFileStatus(inputs.seedFile, inputs.displayPath, inputs.answers),
    budget: {
      teacher: spendView(session.budget.teacher, settings.teacherLimit, inputs.reserved.teacher, session.wasted.teacher),
      augmenter: spendView(session.budget.augmenter, settings.augmenterLimit, inputs.reserved.augmenter, session.wasted.augmenter),
    },
    teacher: inputs.teacher,
    strategy: {
      choice: settings.strategy,
      samplesPerSeed: settings.samplesPerSeed ?? null,
      questionsPerCall: settings.questionsPerCall,
      recommendation: rec ? { strategy: rec.strategy, ratio: rec.ratio, confidence: rec.confidence, reason: rec.reason, mixedPlan: rec.mixedPlan?.text ?? null } : null,
      estimates: rec ? inputs.advisor.estimates : [],
      feedback: feedbackView(session, settings),
    },
    run: { ...inputs.run, batch: batchRunView(inputs.batch ?? NO_BATCH_RUN, session) },
    review: reviewView(inputs, seedIndex),
    layout: sectionLayout({ pending: session.counts.pending, running: inputs.run.state !== 'idle', teacherConfigured: inputs.teacher.hasApiKey && inputs.teacher.teacherModel !== '', choices: inputs.sections }),
    workspaceTrusted: inputs.workspaceTrusted,
  };
}

const NO_BATCH_RUN: BatchRunInputs = { offered: false, state: 'idle', last: null, polls: new Map() };

function batchRunView(batch: BatchRunInputs, session: SessionState): RunView['batch'] {
  return { offered: batch.offered, state: batch.state, last: batch.last, lines: batchProgressLines(session.batches, batch.polls) };
}

/** Acceptance and cost per accepted sample per strategy, from the decisions so far. */
function feedbackView(session: SessionState, settings: SnapshotSettings): SidebarSnapshot['strategy']['feedback'] {
  if (session.counts.accepted + session.counts.rejected === 0) return null;
  const feedback = runFeedback(session, settings.pricing);
  const lines = feedback.strategies
    .filter((s) => s.accepted + s.rejected > 0)
    .map((s) => `${s.strategy}: ${s.accepted} of ${s.accepted + s.rejected} accepted (${Math.round((s.acceptanceRate ?? 0) * 100)} %)${s.queriesPerAccepted !== null ? `, ${s.queriesPerAccepted.toFixed(1)} queries per accepted sample` : ''}`);
  return { lines, hint: feedback.hint };
}

function spendView(totals: RoleTotals, settingLimit: number, reserved: number, wasted: number): RoleSpendView {
  const limit = limitForNextRun(settingLimit, totals.limit);
  return { limit, spent: totals.spent, reserved, remaining: budgetLeft(limit, totals.spent, reserved), retries: totals.released, wasted };
}

function reviewView(inputs: SidebarInputs, seedIndex: SeedIndex | undefined): ReviewView {
  const { review, session } = inputs;
  const queue = review.queue();
  const cursor = review.cursor;
  const seedsByLine = new Map<number, Seed>();
  for (const seed of seedIndex?.seeds ?? []) seedsByLine.set(seed.line, seed);
  const from = Math.max(0, cursor - WINDOW_BEHIND);
  const to = Math.min(queue.length, cursor + WINDOW_AHEAD + 1);
  const window: ReviewCard[] = [];
  for (let position = from; position < to; position++) {
    const sample = session.samples.get(queue[position] ?? '');
    if (sample) window.push(card(sample, position, session, seedsByLine, inputs.checks(sample.id)));
  }
  return {
    filter: review.filter,
    strategy: review.strategy,
    counts: { ...session.counts },
    queueLength: queue.length,
    cursor,
    window,
    canUndo: inputs.canUndo,
    readOnly: inputs.readOnly,
    readOnlyFix: inputs.readOnlyFix,
    keys: inputs.keys,
  };
}

const STATUS_ORDER = { fail: 0, warn: 1, pass: 2, 'n/a': 3 } as const;

const KIND_CHECKS: ReadonlySet<string> = new Set(KIND_CHECK_IDS);

/**
 * What a reviewer should see of the checks: problems first, a passed gold match as reassurance,
 * and every check of the answers' kind whatever it says (a pass, or n/a with its reason).
 */
function cardChecks(results: readonly CheckResult[]): ReviewCard['checks'] {
  return results
    .filter((result) => result.status === 'fail' || result.status === 'warn' || (result.check === 'gold-match' && result.status === 'pass') || KIND_CHECKS.has(result.check))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
    .map(({ check, status, detail }) => ({ check, status, detail }));
}

function card(sample: Sample, position: number, session: SessionState, seedsByLine: ReadonlyMap<number, Seed>, checks: readonly CheckResult[]): ReviewCard {
  const review = session.reviews.get(sample.id);
  const firstLine = sample.seedLines[0];
  const seed = firstLine !== undefined ? seedsByLine.get(firstLine) : undefined;
  let teacherQueries = 0;
  let augmenterCalls = 0;
  let tokens = 0;
  for (const call of sample.calls) {
    if (!call.bought) continue;
    if (call.role === 'teacher') teacherQueries++;
    else augmenterCalls++;
    tokens += call.usage.promptTokens + call.usage.completionTokens;
  }
  return {
    id: sample.id,
    position,
    strategy: sample.strategy,
    teacher: sample.teacher.model,
    state: review?.state ?? 'pending',
    flags: sample.flags,
    seed: seed ? { line: seed.line, question: seed.question, answer: seed.answer } : null,
    seedLines: sample.seedLines,
    question: review?.edited?.question ?? sample.question,
    answer: review?.edited?.answer ?? sample.answer,
    edited: review?.edited != null,
    reason: review?.reason ?? null,
    notes: sample.notes ?? [],
    cost: { teacherQueries, augmenterCalls, tokens },
    checks: cardChecks(checks),
  };
}

function seedFileStatus(state: SeedFileInput, displayPath: (uri: FileAddress) => string, answers: AnswersView | null): SeedFileStatus {
  switch (state.kind) {
    case 'none':
      return { kind: 'none' };
    case 'loading':
      return { kind: 'loading', fileName: fileName(state.uri) };
    case 'failed':
      return { kind: 'failed', fileName: fileName(state.uri), message: state.message };
    case 'loaded':
      return { kind: 'loaded', file: seedFileView(state.uri, state.index, displayPath(state.uri), answers) };
  }
}

function seedFileView(uri: FileAddress, index: SeedIndex, displayPath: string, answers: AnswersView | null): SeedFileView {
  return {
    uri: uri.toString(),
    fileName: fileName(uri),
    displayPath,
    shape: SHAPE_LABELS[index.shape],
    questionField: index.fields?.question ?? '—',
    answerField: index.fields?.answer ?? '—',
    validSeeds: index.stats.valid,
    badLineCount: index.errors.length,
    warningCount: index.warnings.length,
    blankLines: index.stats.blank,
    badLines: index.errors.slice(0, MAX_BAD_LINES_IN_SNAPSHOT).map(({ line, column, message }) => ({ line, column, message })),
    answers,
  };
}

function fileName(uri: FileAddress): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
