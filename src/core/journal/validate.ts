// Shape checks for events read back from a journal. A journal is a file a person may read, edit
// or merge in git, so what comes back is checked before the reducer trusts it: enough to keep
// the reducer from crashing or miscounting, not a full schema.
import { RUN_END_REASONS, type JournalEvent, type JournalEventType } from './events.ts';

export type EventCheck =
  | { readonly kind: 'event'; readonly event: JournalEvent }
  /** A well-formed record of a type this version does not know (a newer writer): skipped. */
  | { readonly kind: 'unknown'; readonly type: string }
  | { readonly kind: 'invalid'; readonly message: string };

const ROLES = new Set(['teacher', 'augmenter']);
const OUTCOMES = new Set(['completed', 'uncertain', 'released']);
const DECISIONS = new Set(['accept', 'reject', 'reset']);
const RUN_END_REASON_SET: ReadonlySet<string> = new Set(RUN_END_REASONS);
const KNOWN_TYPES = new Set<string>(['run-start', 'reserve', 'settle', 'completion', 'sample', 'decision', 'run-end', 'wasted', 'batch-prepared', 'batch-line', 'batch-submitted', 'batch-settled'] satisfies JournalEventType[]);

type Rec = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function checkEvent(value: unknown): EventCheck {
  if (!isRecord(value)) return invalid('not a JSON object');
  const type = value['type'];
  if (!isString(type)) return invalid('no "type"');
  if (!KNOWN_TYPES.has(type)) return { kind: 'unknown', type };
  const problem = problemOf(type as JournalEventType, value);
  return problem === null ? { kind: 'event', event: value as unknown as JournalEvent } : invalid(`${type}: ${problem}`);
}

function problemOf(type: JournalEventType, v: Rec): string | null {
  switch (type) {
    case 'run-start': {
      if (!isString(v['runId'])) return 'no runId';
      const limits = v['limits'];
      if (!isRecord(limits) || !isCount(limits['teacher']) || !isCount(limits['augmenter'])) return 'limits must be {teacher, augmenter} whole numbers';
      return null;
    }
    case 'reserve':
      if (!isString(v['attemptId'])) return 'no attemptId';
      if (!ROLES.has(v['role'] as string)) return 'role must be teacher or augmenter';
      return isString(v['runId']) ? null : 'no runId';
    case 'settle': {
      if (!isString(v['attemptId'])) return 'no attemptId';
      if (!ROLES.has(v['role'] as string)) return 'role must be teacher or augmenter';
      const outcome = v['outcome'];
      return isRecord(outcome) && OUTCOMES.has(outcome['kind'] as string) ? null : 'outcome.kind must be completed, uncertain or released';
    }
    case 'completion': {
      if (!isString(v['cacheKey'])) return 'no cacheKey';
      const settle = v['settle'];
      if (settle !== undefined) {
        if (!ROLES.has(v['role'] as string)) return 'a completion that settles needs role teacher or augmenter';
        if (!isRecord(settle) || !isString(settle['attemptId']) || !isRecord(settle['outcome']) || settle['outcome']['kind'] !== 'completed') return 'settle must be {attemptId, outcome: completed}';
      }
      return isRecord(v['result']) && isString(v['result']['content']) ? null : 'no result';
    }
    case 'sample': {
      const s = v['sample'];
      if (!isRecord(s)) return 'no sample';
      if (!isString(s['id']) || !isString(s['unitKey'])) return 'sample needs id and unitKey';
      if (!isString(s['question']) || !isString(s['answer'])) return 'sample needs question and answer';
      return Array.isArray(s['flags']) ? null : 'sample needs flags';
    }
    case 'decision': {
      if (!isString(v['sampleId'])) return 'no sampleId';
      if (!DECISIONS.has(v['decision'] as string)) return 'decision must be accept, reject or reset';
      const edited = v['edited'];
      if (edited !== undefined && !(isRecord(edited) && isString(edited['question']) && isString(edited['answer']))) return 'edited must be {question, answer}';
      return null;
    }
    case 'run-end':
      if (!isString(v['runId'])) return 'no runId';
      return RUN_END_REASON_SET.has(v['reason'] as string) ? null : `reason must be one of ${RUN_END_REASONS.join(', ')}`;
    case 'wasted':
      if (!isString(v['runId'])) return 'no runId';
      if (!ROLES.has(v['role'] as string)) return 'role must be teacher or augmenter';
      if (!isCount(v['attempts'])) return 'attempts must be a whole number';
      return isString(v['reason']) ? null : 'no reason';
    case 'batch-prepared':
    case 'batch-line':
    case 'batch-submitted':
    case 'batch-settled':
      return batchProblem(type, v);
    default:
      return `unknown type ${String(type satisfies never)}`;
  }
}

const invalid = (message: string): EventCheck => ({ kind: 'invalid', message });

function batchProblem(type: 'batch-prepared' | 'batch-line' | 'batch-submitted' | 'batch-settled', v: Rec): string | null {
  if (!isString(v['batchKey'])) return 'no batchKey';
  switch (type) {
    case 'batch-prepared':
      if (!ROLES.has(v['role'] as string)) return 'role must be teacher or augmenter';
      return isString(v['runId']) && isCount(v['lines']) ? null : 'needs runId and lines';
    case 'batch-line':
      if (!isString(v['customId']) || !isString(v['runId']) || !isString(v['cacheKey'])) return 'needs customId, runId and cacheKey';
      if (!ROLES.has(v['role'] as string)) return 'role must be teacher or augmenter';
      return Array.isArray(v['unitKeys']) && v['unitKeys'].every(isString) ? null : 'unitKeys must be a list of strings';
    case 'batch-submitted':
      return isString(v['batchId']) ? null : 'no batchId';
    case 'batch-settled':
      if (!isString(v['status'])) return 'no status';
      return Array.isArray(v['unaccounted']) && v['unaccounted'].every(isString) ? null : 'unaccounted must be a list of strings';
  }
}
