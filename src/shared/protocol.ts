// The one contract between the extension host and the sidebar webview.
//
// Webview → host messages are *intents* (what the person asked for); host → webview messages are
// *facts* (what is true now). The host owns all state and answers the webview's `ready` with a
// full snapshot, so a webview that is hidden, disposed and shown again never has to replay
// anything. Everything here is plain data and tiny guards: it is loaded by both sides.

/** Bumped when a message changes shape, so a stale webview bundle is detected instead of misread. */
export const PROTOCOL_VERSION = 4;

/** How many bad lines a snapshot carries; the Problems panel has them all. */
export const MAX_BAD_LINES_IN_SNAPSHOT = 50;

import type { Decision, RunEndReason } from '../core/journal/events.ts';
import type { AnswerKind } from '../core/profile/types.ts';
import { STRATEGY_IDS, type StrategyId } from '../core/samples/strategyIds.ts';

export { STRATEGY_IDS, STRATEGY_NAMES, STRATEGY_SHORT_NAMES, type StrategyId } from '../core/samples/strategyIds.ts';

/** The strategy setting: one strategy, or `auto` (the rule picks one by the budget ratio). */
export type StrategyChoice = 'auto' | StrategyId;
export const STRATEGY_CHOICES: readonly StrategyChoice[] = ['auto', ...STRATEGY_IDS];

/** The review's strategy filter: samples of one strategy, or of all. */
export type ReviewStrategy = 'all' | StrategyId;
export const REVIEW_STRATEGIES: readonly ReviewStrategy[] = ['all', ...STRATEGY_IDS];

export const REVIEW_FILTERS = ['pending', 'flagged', 'accepted', 'rejected', 'all'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

export interface BadLine {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type { AnswerKind } from '../core/profile/types.ts';

/** The answer-kind setting: one kind, or `auto` (detected from the seeds). */
export type AnswerKindSetting = 'auto' | AnswerKind;
/** `auto` and core's ANSWER_KINDS, in their order (written out: this module takes only types from core; a unit test compares). */
export const ANSWER_KIND_SETTINGS: readonly AnswerKindSetting[] = ['auto', 'numeric', 'label', 'json', 'sql', 'code', 'text'];

/** The kind of answer the seeds have, as the sidebar's seed section shows it. */
export interface AnswersView {
  readonly kind: AnswerKind;
  /** e.g. `SQL (12 of 12 seeds)`. */
  readonly text: string;
  /** Where the kind comes from: detected, the setting, or the project file (which wins). */
  readonly source: 'detected' | 'setting' | 'project';
  /** What detection alone gives. */
  readonly detected: AnswerKind;
  /** The setting `seedsmith.seeds.answerKind` as it stands. */
  readonly setting: AnswerKindSetting;
  readonly note: string | null;
}

export interface SeedFileView {
  /** Workspace-relative path when inside the workspace, otherwise the file system path. */
  readonly displayPath: string;
  readonly fileName: string;
  readonly uri: string;
  /** The detected shape in words, e.g. `question / answer`. */
  readonly shape: string;
  /** The fields questions and answers were read from, e.g. `question` → `answer`. */
  readonly questionField: string;
  readonly answerField: string;
  readonly validSeeds: number;
  readonly badLineCount: number;
  readonly warningCount: number;
  readonly blankLines: number;
  /** The first bad lines (at most MAX_BAD_LINES_IN_SNAPSHOT). */
  readonly badLines: readonly BadLine[];
  /** The seeds' answer kind; null until known (no valid seed). */
  readonly answers: AnswersView | null;
}

export type SeedFileStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly fileName: string }
  | { readonly kind: 'loaded'; readonly file: SeedFileView }
  | { readonly kind: 'failed'; readonly fileName: string; readonly message: string };

export interface RoleSpendView {
  readonly limit: number;
  readonly spent: number;
  readonly reserved: number;
  readonly remaining: number;
  readonly retries: number;
  /** Spent requests that produced no sample (journaled as `wasted`). */
  readonly wasted: number;
}

export interface BudgetView {
  readonly teacher: RoleSpendView;
  readonly augmenter: RoleSpendView;
}

export interface TeacherView {
  readonly baseUrl: string;
  readonly teacherModel: string;
  readonly augmenterModel: string;
  readonly hasApiKey: boolean;
  readonly connection: { readonly state: 'unknown' | 'testing' | 'ok' | 'failed'; readonly message: string };
  /** With the provider "vscode": VS Code's language models to pick the teacher from (text only); null for an HTTP provider. */
  readonly languageModels?: LanguageModelsView | null;
  /** Models a teacher ensemble can be made of: VS Code's, or those the last Test connection listed, and the ones set. */
  readonly ensembleCandidates?: readonly string[];
  /** The ensemble setting as it stands (in use when it names two or more models). */
  readonly ensemble?: readonly TeacherWeightView[];
}

export interface LanguageModelsView {
  /** `label`: the model's name (with its vendor when two share a name), short enough for the sidebar; `detail`: vendor/family. */
  readonly models: readonly { readonly id: string; readonly label: string; readonly detail: string }[];
  /** With no model: what to install or configure. */
  readonly empty: string | null;
}

export interface TeacherWeightView {
  readonly model: string;
  /** A whole number ≥ 1: the teacher queries are split by these. */
  readonly weight: number;
}

/** At most this many teachers in an ensemble (a sidebar list, not a fleet). */
export const MAX_ENSEMBLE = 8;

export interface RecommendationView {
  readonly strategy: StrategyId;
  readonly ratio: number;
  /** clear, uncertain (inside the crossover band), or matters-little (thousands of seeds). */
  readonly confidence: string;
  readonly reason: string;
  /** Inside the band: the mixed plan, labelled as an extrapolation. */
  readonly mixedPlan: string | null;
}

/** What one strategy would buy and cost under the budget (query counts exact, tokens a range). */
export interface EstimateView {
  readonly strategy: StrategyId;
  readonly samples: number;
  readonly teacherQueries: number;
  readonly augmenterCalls: number;
  readonly inputTokens: { readonly low: number; readonly high: number };
  readonly outputTokens: { readonly low: number; readonly high: number };
  /** Money when prices are set for the models; otherwise why not. */
  readonly cost: { readonly low: number | null; readonly high: number | null; readonly message: string | null };
}

export interface StrategyView {
  readonly choice: StrategyChoice;
  readonly samplesPerSeed: number | null;
  readonly questionsPerCall: number;
  readonly recommendation: RecommendationView | null;
  readonly estimates: readonly EstimateView[];
  /** How each strategy's samples fare in review (once there are decisions), and any hint to shift the budget. */
  readonly feedback: { readonly lines: readonly string[]; readonly hint: string | null } | null;
}

/** An action the person can take to fix a problem, shown as a button next to the message. */
export interface FixAction {
  readonly label: string;
  readonly intent: WebviewIntent;
}

export interface RunView {
  readonly state: 'idle' | 'running' | 'stopping';
  /** Why Generate is not possible right now (no key, untrusted workspace…), with the fix. */
  readonly blocked: { readonly message: string; readonly fix: FixAction | null } | null;
  readonly progress: {
    readonly samplesAdded: number;
    readonly teacherSpent: number;
    readonly teacherPlanned: number;
    readonly ratePerSecond: number;
    readonly note: string | null;
  } | null;
  readonly last: { readonly reason: RunEndReason; readonly message: string; readonly fix: FixAction | null } | null;
  /** Batch runs on the provider's batch engine (issue 14). */
  readonly batch: BatchRunView;
}

export interface BatchRunView {
  /** "Run as batch" is offered: the endpoint answered a probe of its batch routes. */
  readonly offered: boolean;
  /** running: a batch run (or the settling of batches left in flight) is going; cancelling: the person asked to cancel at the provider. */
  readonly state: 'idle' | 'running' | 'cancelling';
  /** One line per batch of the session in flight: submitted, completed, failed, expiring at. */
  readonly lines: readonly string[];
  /** How the last batch run ended, as text; null before one ended in this window. */
  readonly last: string | null;
}

export interface ReviewCard {
  readonly id: string;
  /** Position in the current queue, 0-based. */
  readonly position: number;
  readonly strategy: string;
  /** The teacher model that answered (in an ensemble, what tells the samples apart): shown as text. */
  readonly teacher: string;
  readonly state: 'pending' | 'accepted' | 'rejected';
  readonly flags: readonly string[];
  /** The seed it came from (AA/QR); for New Question the first seed shown as an example. */
  readonly seed: { readonly line: number; readonly question: string; readonly answer: string } | null;
  readonly seedLines: readonly number[];
  /** The text as it stands (the person's edit when edited). */
  readonly question: string;
  readonly answer: string;
  readonly edited: boolean;
  readonly reason: string | null;
  readonly notes: readonly string[];
  readonly cost: { readonly teacherQueries: number; readonly augmenterCalls: number; readonly tokens: number };
  /** Automatic checks that did not simply pass (failures and warnings first), and gold-match when it passed. */
  readonly checks: readonly { readonly check: string; readonly status: 'pass' | 'fail' | 'warn' | 'n/a'; readonly detail: string }[];
}

export interface ReviewView {
  readonly filter: ReviewFilter;
  readonly strategy: ReviewStrategy;
  readonly counts: { readonly total: number; readonly pending: number; readonly accepted: number; readonly rejected: number; readonly flagged: number };
  readonly queueLength: number;
  readonly cursor: number;
  /** Cards around the cursor (window[0].position is the first); the webview moves within it at once. */
  readonly window: readonly ReviewCard[];
  readonly canUndo: boolean;
  /** Decisions are not possible (another process writes the session); null when they are. */
  readonly readOnly: string | null;
  /** What the person can do about it (Take over, when the holder is an idle editor window); null when nothing. */
  readonly readOnlyFix: FixAction | null;
  /** The keys bound to the review commands, as shown on the buttons (VS Code's defaults: the host cannot read the person's own bindings). */
  readonly keys: ReviewKeys;
}

/** The review commands bound to keys; the webview carries each out on the card it shows. */
export const REVIEW_KEY_ACTIONS = ['accept', 'reject', 'edit', 'skip', 'undo'] as const;
export type ReviewKeyAction = (typeof REVIEW_KEY_ACTIONS)[number];
export type ReviewKeys = Readonly<Record<ReviewKeyAction, string>>;

/** The sections above the review, in display order; each folds to one summary line. */
export const SETUP_SECTIONS = ['seed', 'teacher', 'budget', 'strategy', 'run'] as const;
export type SetupSection = (typeof SETUP_SECTIONS)[number];

/** Which setup sections are open. The host keeps the person's choices, so they survive a reload. */
export interface LayoutView {
  /** Samples wait for review: the setup sections fold to one line each so the card is in view. */
  readonly reviewFirst: boolean;
  readonly open: Readonly<Record<SetupSection, boolean>>;
}

export interface SidebarSnapshot {
  /** Increases with every snapshot; the webview drops anything older than what it shows. */
  readonly revision: number;
  readonly seedFile: SeedFileStatus;
  readonly budget: BudgetView;
  readonly teacher: TeacherView;
  readonly strategy: StrategyView;
  readonly run: RunView;
  readonly review: ReviewView;
  readonly layout: LayoutView;
  readonly workspaceTrusted: boolean;
}

/** What a person decides in the review (undo writes a `reset`; the webview never sends one). */
export type ReviewDecision = Exclude<Decision, 'reset'>;

export type WebviewIntent =
  | { readonly type: 'ready'; readonly protocolVersion: number }
  | { readonly type: 'selectSeedFile' }
  /** 1-based line and column (a bad line's link opens the editor there). */
  | { readonly type: 'revealLine'; readonly line: number; readonly column?: number }
  | { readonly type: 'setApiKey' }
  | { readonly type: 'testConnection' }
  /** Writes the setting `seedsmith.teacher.model` (a VS Code language model picked in the Teacher section). */
  | { readonly type: 'setTeacherModel'; readonly model: string }
  /** Writes the setting `seedsmith.teacher.ensemble`. */
  | { readonly type: 'setEnsemble'; readonly teachers: readonly TeacherWeightView[] }
  | { readonly type: 'openSettings'; readonly query: string }
  | { readonly type: 'setStrategy'; readonly strategy: StrategyChoice }
  /** Writes the setting `seedsmith.seeds.answerKind`. */
  | { readonly type: 'setAnswerKind'; readonly kind: AnswerKindSetting }
  | { readonly type: 'generate' }
  | { readonly type: 'stop' }
  | { readonly type: 'generateBatch' }
  | { readonly type: 'cancelBatch' }
  | { readonly type: 'decide'; readonly sampleId: string; readonly decision: ReviewDecision; readonly edited?: { readonly question: string; readonly answer: string }; readonly reason?: string }
  | { readonly type: 'skip'; readonly sampleId: string }
  /** Show the card at `to`; `sampleId` names the card the person moved to, which wins when the queue reordered meanwhile. */
  | { readonly type: 'move'; readonly to: number; readonly sampleId?: string }
  | { readonly type: 'undo' }
  | { readonly type: 'takeOverSession' }
  /** The sidebar gained or lost keyboard focus: the review keybindings are live only while it has it. */
  | { readonly type: 'reviewFocus'; readonly focused: boolean }
  | { readonly type: 'setFilter'; readonly filter: ReviewFilter; readonly strategy: ReviewStrategy }
  /** The person folded or unfolded a setup section; `reviewFirst` is the layout it was shown in. */
  | { readonly type: 'setSectionOpen'; readonly section: SetupSection; readonly open: boolean; readonly reviewFirst: boolean };

export type HostFact =
  | { readonly type: 'snapshot'; readonly snapshot: SidebarSnapshot }
  /** Puts keyboard focus on the review card (after "show samples of this seed"). */
  | { readonly type: 'focusReview' }
  /** A review command came through a VS Code keybinding (or the palette): do it on the card shown. */
  | { readonly type: 'reviewKey'; readonly action: ReviewKeyAction }
  /** Whether VS Code's review keybindings now see the sidebar focused (until then the sidebar handles the default keys itself). */
  | { readonly type: 'reviewKeysLive'; readonly live: boolean };

const MAX_TEXT = 100_000;

function isText(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A model id or family as a setting holds it: one line of text, no commas (the CLI's lists split on them). */
function isModelId(value: unknown): value is string {
  return isText(value, 200) && value.trim() !== '' && !/[\n\r,]/.test(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isChoice<T extends string>(value: unknown, choices: readonly T[]): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

/**
 * Validates a message from the webview before the host acts on it: the webview renders
 * untrusted seed and model text, so the host treats what it sends as untrusted too.
 */
export function parseWebviewIntent(message: unknown): WebviewIntent | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return typeof m['protocolVersion'] === 'number' ? { type: 'ready', protocolVersion: m['protocolVersion'] } : undefined;
    case 'selectSeedFile':
    case 'setApiKey':
    case 'testConnection':
    case 'generate':
    case 'stop':
    case 'generateBatch':
    case 'cancelBatch':
    case 'undo':
    case 'takeOverSession':
      return { type: m['type'] };
    case 'revealLine':
      if (!isIndex(m['line']) || m['line'] < 1) return undefined;
      if (m['column'] === undefined) return { type: 'revealLine', line: m['line'] };
      return isIndex(m['column']) && m['column'] >= 1 ? { type: 'revealLine', line: m['line'], column: m['column'] } : undefined;
    case 'openSettings':
      return isText(m['query'], 200) ? { type: 'openSettings', query: m['query'] } : undefined;
    case 'setTeacherModel':
      return isModelId(m['model']) ? { type: 'setTeacherModel', model: m['model'] } : undefined;
    case 'setEnsemble': {
      const teachers = m['teachers'];
      if (!Array.isArray(teachers) || teachers.length > MAX_ENSEMBLE) return undefined;
      const checked: TeacherWeightView[] = [];
      for (const t of teachers as unknown[]) {
        const e = t as Record<string, unknown> | null;
        if (!e || !isModelId(e['model']) || !isIndex(e['weight']) || e['weight'] < 1 || e['weight'] > 1000) return undefined;
        if (checked.some((c) => c.model === e['model'])) return undefined;
        checked.push({ model: e['model'], weight: e['weight'] });
      }
      return { type: 'setEnsemble', teachers: checked };
    }
    case 'setStrategy':
      return isChoice(m['strategy'], STRATEGY_CHOICES) ? { type: 'setStrategy', strategy: m['strategy'] } : undefined;
    case 'setAnswerKind':
      return isChoice(m['kind'], ANSWER_KIND_SETTINGS) ? { type: 'setAnswerKind', kind: m['kind'] } : undefined;
    case 'decide': {
      const { sampleId, decision, edited, reason } = m;
      if (!isText(sampleId, 100) || (decision !== 'accept' && decision !== 'reject')) return undefined;
      if (reason !== undefined && !isText(reason, 2000)) return undefined;
      let checkedEdit: { question: string; answer: string } | undefined;
      if (edited !== undefined) {
        const e = edited as Record<string, unknown> | null;
        if (!e || !isText(e['question']) || !isText(e['answer'])) return undefined;
        checkedEdit = { question: e['question'], answer: e['answer'] };
      }
      return { type: 'decide', sampleId, decision, ...(checkedEdit ? { edited: checkedEdit } : {}), ...(reason ? { reason } : {}) };
    }
    case 'reviewFocus':
      return typeof m['focused'] === 'boolean' ? { type: 'reviewFocus', focused: m['focused'] } : undefined;
    case 'skip':
      return isText(m['sampleId'], 100) ? { type: 'skip', sampleId: m['sampleId'] } : undefined;
    case 'move':
      if (!isIndex(m['to'])) return undefined;
      if (m['sampleId'] === undefined) return { type: 'move', to: m['to'] };
      return isText(m['sampleId'], 100) ? { type: 'move', to: m['to'], sampleId: m['sampleId'] } : undefined;
    case 'setSectionOpen':
      return isChoice(m['section'], SETUP_SECTIONS) && typeof m['open'] === 'boolean' && typeof m['reviewFirst'] === 'boolean' ? { type: 'setSectionOpen', section: m['section'], open: m['open'], reviewFirst: m['reviewFirst'] } : undefined;
    case 'setFilter':
      return isChoice(m['filter'], REVIEW_FILTERS) && isChoice(m['strategy'], REVIEW_STRATEGIES) ? { type: 'setFilter', filter: m['filter'], strategy: m['strategy'] } : undefined;
    default:
      return undefined;
  }
}

/** The webview's side of the same check: a fact it does not understand is ignored, not guessed at. */
export function parseHostFact(message: unknown): HostFact | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m['type'] === 'snapshot' && typeof m['snapshot'] === 'object' && m['snapshot'] !== null) return message as HostFact;
  if (m['type'] === 'focusReview') return { type: 'focusReview' };
  if (m['type'] === 'reviewKey' && isChoice(m['action'], REVIEW_KEY_ACTIONS)) return { type: 'reviewKey', action: m['action'] };
  if (m['type'] === 'reviewKeysLive' && typeof m['live'] === 'boolean') return { type: 'reviewKeysLive', live: m['live'] };
  return undefined;
}

/** Compile-time exhaustiveness for every switch over a protocol union. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled protocol message: ${JSON.stringify(value)}`);
}
