// Host state → the protocol's SidebarSnapshot: the only place that knows both shapes.
import * as vscode from 'vscode';
import { budgetLeft, limitInForce } from '../core/budget/limit.ts';
import type { CheckResult } from '../core/checks/index.ts';
import type { RoleTotals, SessionState } from '../core/journal/state.ts';
import { runFeedback } from '../core/advisor/feedback.ts';
import type { Recommendation } from '../core/advisor/recommend.ts';
import type { Sample } from '../core/samples/sample.ts';
import type { Seed, SeedIndex } from '../core/seeds/index.ts';
import {
  MAX_BAD_LINES_IN_SNAPSHOT,
  type EstimateView,
  type ReviewCard,
  type ReviewView,
  type RoleSpendView,
  type RunView,
  type SeedFileStatus,
  type SeedFileView,
  type SidebarSnapshot,
  type TeacherView,
} from '../shared/protocol.ts';
import type { ReviewController } from './review/reviewController.ts';
import type { SeedFileState } from './seedFileController.ts';
import type { SessionMode } from './session/sessionController.ts';
import type { Settings } from './settings.ts';

export interface SidebarInputs {
  readonly seedFile: SeedFileState;
  readonly session: SessionState;
  readonly sessionMode: SessionMode;
  /** Live in-flight reservations while a run is going (the journal only knows settled ones). */
  readonly reserved: { readonly teacher: number; readonly augmenter: number };
  readonly settings: Settings;
  readonly teacher: TeacherView;
  readonly run: RunView;
  readonly review: ReviewController;
  readonly canUndo: boolean;
  readonly checks: (sampleId: string) => readonly CheckResult[];
  readonly advisor: { readonly recommendation: Recommendation | null; readonly estimates: readonly EstimateView[] };
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
  const rec = inputs.advisor.recommendation;
  return {
    revision: ++revision,
    seedFile: seedFileStatus(inputs.seedFile),
    budget: {
      teacher: spendView(session.budget.teacher, settings.teacherQueryBudget, inputs.reserved.teacher),
      augmenter: spendView(session.budget.augmenter, settings.augmenterCallBudget, inputs.reserved.augmenter),
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
    run: inputs.run,
    review: reviewView(inputs, seedIndex),
    workspaceTrusted: vscode.workspace.isTrusted,
  };
}

/** Acceptance and cost per accepted sample per strategy, from the decisions so far. */
function feedbackView(session: SessionState, settings: Settings): SidebarSnapshot['strategy']['feedback'] {
  if (session.counts.accepted + session.counts.rejected === 0) return null;
  const feedback = runFeedback(session, settings.pricing);
  const lines = feedback.strategies
    .filter((s) => s.accepted + s.rejected > 0)
    .map((s) => `${s.strategy}: ${s.accepted} of ${s.accepted + s.rejected} accepted (${Math.round((s.acceptanceRate ?? 0) * 100)} %)${s.queriesPerAccepted !== null ? `, ${s.queriesPerAccepted.toFixed(1)} queries per accepted sample` : ''}`);
  return { lines, hint: feedback.hint };
}

function spendView(totals: RoleTotals, settingLimit: number, reserved: number): RoleSpendView {
  const limit = limitInForce(settingLimit, totals.limit);
  return { limit, spent: totals.spent, reserved, remaining: budgetLeft(limit, totals.spent, reserved), retries: totals.released };
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
  const mode = inputs.sessionMode;
  return {
    filter: review.filter,
    strategy: review.strategy,
    counts: { ...session.counts },
    queueLength: queue.length,
    cursor,
    window,
    canUndo: inputs.canUndo,
    readOnly: mode.kind === 'read-only' ? vscode.l10n.t('Another process{0} is writing this session; decisions are possible when it ends.', mode.holderPid ? ` (pid ${mode.holderPid})` : '') : null,
  };
}

const STATUS_ORDER = { fail: 0, warn: 1, pass: 2, 'n/a': 3 } as const;

/** What a reviewer should see of the checks: problems first, and a passed gold match as reassurance. */
function cardChecks(results: readonly CheckResult[]): ReviewCard['checks'] {
  return results
    .filter((result) => result.status === 'fail' || result.status === 'warn' || (result.check === 'gold-match' && result.status === 'pass'))
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

function seedFileStatus(state: SeedFileState): SeedFileStatus {
  switch (state.kind) {
    case 'none':
      return { kind: 'none' };
    case 'loading':
      return { kind: 'loading', fileName: fileName(state.uri) };
    case 'failed':
      return { kind: 'failed', fileName: fileName(state.uri), message: state.message };
    case 'loaded':
      return { kind: 'loaded', file: seedFileView(state.uri, state.index) };
  }
}

function seedFileView(uri: vscode.Uri, index: SeedIndex): SeedFileView {
  return {
    uri: uri.toString(),
    fileName: fileName(uri),
    displayPath: vscode.workspace.asRelativePath(uri, true),
    shape: SHAPE_LABELS[index.shape],
    questionField: index.fields?.question ?? '—',
    answerField: index.fields?.answer ?? '—',
    validSeeds: index.stats.valid,
    badLineCount: index.errors.length,
    warningCount: index.warnings.length,
    blankLines: index.stats.blank,
    badLines: index.errors.slice(0, MAX_BAD_LINES_IN_SNAPSHOT).map(({ line, column, message }) => ({ line, column, message })),
  };
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
