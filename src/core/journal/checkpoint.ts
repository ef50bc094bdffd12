// A journal checkpoint: the reduced session state as of a byte offset of the journal, compact
// enough to load in a fraction of a second where reducing the whole journal takes seconds.
// Samples and completions are not copied: the checkpoint says where their lines are in the
// journal (journalBackedMap.ts), which stays the only store of every event. A checkpoint can
// always be rebuilt from the journal, so deleting one changes nothing but speed.
//
// The text is JSON lines: a header (format, the journal stamp, the small parts of the state),
// then the large parts in chunks of CHUNK records per line. This module turns a state into those
// lines and a parsed checkpoint back into a state; reading and checking the file is
// src/node/sessionCheckpoint.ts's.
import type { ChatResult } from '../model/chat.ts';
import type { Sample, SampleFlag } from '../samples/sample.ts';
import type { BatchInfo, BatchLineInfo } from './batchState.ts';
import type { DecisionEvent, JournalEvent } from './events.ts';
import { AttemptIdSet, groupAttemptIds } from './attemptIdSet.ts';
import { DeferredMap } from './deferredMap.ts';
import { JournalBackedMap, type SpanLoader } from './journalBackedMap.ts';
import type { JournalWarning } from './parse.ts';
import { createSessionState, reviewAfter, type MutableRun, type MutableState } from './reduce.ts';
import { KEEP_ALL, PENDING_REVIEW } from './state.ts';
import type { SampleCounts, SampleReview, SessionState, UnsettledAttempt, WastedReason } from './state.ts';

export const CHECKPOINT_FORMAT = 'seedsmith-journal-checkpoint';
/** Raised whenever what a checkpoint holds (or how the reducer reads it) changes: an older one is then rebuilt. */
// 2: settled runs are keyed by the prefix with its separator (`run-1.`), as AttemptIdSet keeps them.
export const CHECKPOINT_VERSION = 2;
/** Records per line: lines of a few hundred KB, parsed one at a time. */
const CHUNK = 10_000;

/** Which journal, and how much of it, a checkpoint covers. */
export interface CheckpointStamp {
  /** Bytes covered: the journal up to here, ending on a newline. */
  readonly offset: number;
  /** Lines in those bytes (so a tail read names lines as the whole file does). */
  readonly lines: number;
  /**
   * Hashes of the journal's first bytes, of windows spread between, and of the bytes just before
   * `offset`: a journal replaced, truncated or rewritten since does not match.
   */
  readonly head: string;
  readonly middle: string;
  readonly tail: string;
}

/** The small parts of the state, kept whole in the header line. */
interface CheckpointHeader {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: number;
  readonly stamp: CheckpointStamp;
  /** What reading the covered bytes warned about (unknown events skipped). */
  readonly readWarnings: readonly JournalWarning[];
  readonly runs: readonly MutableRun[];
  readonly budget: MutableState['budget'];
  readonly unsettled: readonly (readonly [string, UnsettledAttempt])[];
  readonly counts: SampleCounts;
  readonly flagCounts: readonly (readonly [SampleFlag, number])[];
  readonly wasted: { readonly teacher: number; readonly augmenter: number; readonly reasons: readonly WastedReason[] };
  readonly warnings: readonly string[];
  readonly events: number;
  readonly batches: readonly BatchInfo[];
  readonly batchLines: readonly (readonly [string, BatchLineInfo])[];
  readonly batchAttempts: readonly (readonly [string, number])[];
}

/** Samples in journal order: id, unit key, and where the sample's line is. */
interface SampleColumns {
  readonly id: string[];
  readonly unit: string[];
}

/**
 * Completions by cache key, and where the line that bought each is; `order` lists the indexes by
 * key, so a key is found by binary search without building a Map. One line, not chunks.
 */
interface CacheColumns {
  readonly key: string[];
  readonly at: number[];
  readonly len: number[];
  readonly order: number[];
}

type ChunkName = 'samples' | 'spans' | 'settled' | 'history';

/** A checkpoint as read: the header, and the large parts in the chunks they were written in (not copied into one list). */
export interface Checkpoint {
  readonly header: CheckpointHeader;
  readonly samples: SampleColumns[];
  /**
   * Where each chunk's samples are in the journal, `{"spans":{"at":[…],"len":[…]}}` per chunk of
   * `samples`, as the lines' text: parsed only when the samples are first used.
   */
  readonly spans: string[];
  readonly cache: CacheColumns | null;
  /** Settled attempt ids `<run><separator><n>`: the numbers per run prefix, ascending (attemptIdSet.ts). */
  readonly settledRuns: [string, number[]][];
  /** Settled attempt ids of any other form. */
  readonly settled: string[][];
  /**
   * Decisions per sample (a sample's review is what its last decision made it, reviewAfter), as
   * the lines' text: parsed only when the reviews or the history are first used.
   */
  readonly history: string[];
}

/** Reads a sample or a completion back from its journal line. */
export interface CheckpointLoaders {
  readonly sample: SpanLoader<Sample>;
  readonly completion: SpanLoader<ChatResult>;
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** A state whose samples and completions can be left in the journal (the only kind that can be checkpointed). */
export function createBackedSessionState(loaders: CheckpointLoaders): SessionState {
  return createSessionState(KEEP_ALL, { samples: new JournalBackedMap(loaders.sample), cache: new JournalBackedMap(loaders.completion) });
}

/** Records where the line of an event just applied to `state` is, so its value can leave memory. */
export function locateEvent(state: SessionState, event: JournalEvent, offset: number, length: number): void {
  const s = state as unknown as MutableState;
  if (event.type === 'sample' && s.samples instanceof JournalBackedMap) s.samples.locate(event.sample.id, event.sample, offset, length);
  else if (event.type === 'completion' && s.cache instanceof JournalBackedMap) s.cache.locate(event.cacheKey, event.result, offset, length);
}

/**
 * The checkpoint's lines for `state` as of `stamp`. Every sample and completion must be located
 * (a span, not a value): the checkpoint never holds a copy of them.
 */
export function* checkpointLines(state: SessionState, stamp: CheckpointStamp, readWarnings: readonly JournalWarning[]): Generator<string> {
  const s = state as unknown as MutableState;
  const { samples, cache } = s;
  if (!(samples instanceof JournalBackedMap) || !(cache instanceof JournalBackedMap)) throw new CheckpointError('only a journal-backed state can be checkpointed');
  if (Object.values(s.keeps).some((kept) => !kept)) throw new CheckpointError('only a state that keeps everything can be checkpointed');
  const header: CheckpointHeader = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    stamp,
    readWarnings,
    runs: [...s.runs.values()],
    budget: s.budget,
    unsettled: [...s.unsettled],
    counts: s.counts,
    flagCounts: [...s.flagCounts],
    wasted: s.wasted,
    warnings: s.warnings,
    events: s.events,
    batches: [...s.batches.values()],
    batchLines: [...s.batchLines],
    batchAttempts: [...s.batchAttempts],
  };
  yield `${JSON.stringify(header)}\n`;
  // The unit keys come from the index, so writing a checkpoint reads no sample back.
  const unitKeys = new Map<string, string>();
  for (const [unitKey, ids] of s.unitSamples) for (const id of ids) unitKeys.set(id, unitKey);
  let columns: SampleColumns = { id: [], unit: [] };
  let spans: { at: number[]; len: number[] } = { at: [], len: [] };
  for (const id of samples.keys()) {
    const span = samples.spanOf(id);
    const unitKey = unitKeys.get(id);
    if (!span || unitKey === undefined) throw new CheckpointError(`sample ${id} is not located in the journal`);
    columns.id.push(id);
    columns.unit.push(unitKey);
    spans.at.push(span.offset);
    spans.len.push(span.length);
    if (columns.id.length >= CHUNK) {
      yield chunkLine('samples', columns);
      yield chunkLine('spans', spans);
      columns = { id: [], unit: [] };
      spans = { at: [], len: [] };
    }
  }
  if (columns.id.length > 0) {
    yield chunkLine('samples', columns);
    yield chunkLine('spans', spans);
  }
  const keys: CacheColumns = { key: [], at: [], len: [], order: [] };
  for (const key of cache.keys()) {
    const span = cache.spanOf(key);
    if (!span) throw new CheckpointError(`completion ${key} is not located in the journal`);
    keys.order.push(keys.key.length);
    keys.key.push(key);
    keys.at.push(span.offset);
    keys.len.push(span.length);
  }
  keys.order.sort((a, b) => compareKeys(keys.key[a] as string, keys.key[b] as string));
  yield `${JSON.stringify({ cache: keys })}\n`;
  const { groups, other } = groupAttemptIds(s.settled.values());
  for (const group of groups) yield `${JSON.stringify({ settledRun: group })}\n`;
  yield* chunked('settled', other);
  yield* chunked('history', s.history.entries());
}

function chunkLine(name: ChunkName, value: unknown): string {
  return `${JSON.stringify({ [name]: value })}\n`;
}

function* chunked<T>(name: ChunkName, items: Iterable<T>): Generator<string> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= CHUNK) {
      yield chunkLine(name, chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunkLine(name, chunk);
}

/** Parses the lines of a checkpoint (the file's checksum line already removed). Throws on anything unexpected. */
export function parseCheckpoint(lines: Iterable<string>): Checkpoint {
  let header: CheckpointHeader | null = null;
  const checkpoint: Omit<Checkpoint, 'header' | 'cache'> & { cache: CacheColumns | null } = { samples: [], spans: [], cache: null, settledRuns: [], settled: [], history: [] };
  for (const line of lines) {
    if (line === '') continue;
    // Parts used only after a run's first request are kept as text until then (the file's
    // checksum has vouched for them).
    if (header !== null && line.startsWith('{"history":')) {
      checkpoint.history.push(line);
      continue;
    }
    if (header !== null && line.startsWith('{"spans":')) {
      checkpoint.spans.push(line);
      continue;
    }
    const value = JSON.parse(line) as unknown;
    if (!isRecord(value)) throw new CheckpointError('a line is not an object');
    if (header === null) {
      if (value['format'] !== CHECKPOINT_FORMAT) throw new CheckpointError('not a journal checkpoint');
      if (value['version'] !== CHECKPOINT_VERSION) throw new CheckpointError(`checkpoint version ${String(value['version'])}, not ${CHECKPOINT_VERSION}`);
      if (!isStamp(value['stamp'])) throw new CheckpointError('the checkpoint has no journal stamp');
      header = value as unknown as CheckpointHeader;
      continue;
    }
    const [name, part] = Object.entries(value)[0] ?? [];
    if (name === 'samples' && isColumns(part, ['id', 'unit'])) checkpoint.samples.push(part as unknown as SampleColumns);
    else if (name === 'cache' && checkpoint.cache === null && isColumns(part, ['key', 'at', 'len', 'order'])) checkpoint.cache = part as unknown as CacheColumns;
    else if (name === 'settledRun' && Array.isArray(part) && typeof part[0] === 'string' && Array.isArray(part[1])) checkpoint.settledRuns.push(part as [string, number[]]);
    else if (name === 'settled' && Array.isArray(part)) checkpoint.settled.push(part as string[]);
    else throw new CheckpointError('a line of the checkpoint is not one of its parts');
  }
  if (header === null) throw new CheckpointError('the checkpoint is empty');
  if (checkpoint.spans.length !== checkpoint.samples.length) throw new CheckpointError('the checkpoint has samples without their places');
  return { header, ...checkpoint };
}

/** Columns of equal length. */
function isColumns(value: unknown, names: readonly string[]): boolean {
  if (!isRecord(value)) return false;
  const length = (value[names[0] as string] as unknown[] | undefined)?.length;
  return names.every((name) => Array.isArray(value[name]) && (value[name] as unknown[]).length === length);
}

/** The state a checkpoint holds, with its samples and completions read from the journal on demand. */
export function stateFromCheckpoint(checkpoint: Checkpoint, loaders: CheckpointLoaders): SessionState {
  const state = createBackedSessionState(loaders);
  const s = state as unknown as MutableState;
  const { header } = checkpoint;
  for (const run of header.runs) s.runs.set(run.runId, run);
  s.budget = header.budget;
  for (const [id, attempt] of header.unsettled) s.unsettled.set(id, attempt);
  s.counts = header.counts;
  for (const [flag, n] of header.flagCounts) s.flagCounts.set(flag, n);
  s.wasted = { teacher: header.wasted.teacher, augmenter: header.wasted.augmenter, reasons: [...header.wasted.reasons] };
  s.warnings = [...header.warnings];
  s.events = header.events;
  for (const batch of header.batches) s.batches.set(batch.batchKey, { ...batch, customIds: [...batch.customIds] });
  for (const [id, line] of header.batchLines) s.batchLines.set(id, line);
  for (const [key, n] of header.batchAttempts) s.batchAttempts.set(key, n);
  // Built now: what a run needs before its first request (the units done).
  for (const { id: ids, unit } of checkpoint.samples) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as string;
      const unitKey = unit[i] as string;
      const made = s.unitSamples.get(unitKey);
      if (made) made.push(id);
      else s.unitSamples.set(unitKey, [id]);
    }
  }
  const settled = new AttemptIdSet();
  for (const [prefix, numbers] of checkpoint.settledRuns) settled.addGroup(prefix, numbers);
  for (const chunk of checkpoint.settled) for (const id of chunk) settled.add(id);
  s.settled = settled;
  const columns = checkpoint.cache;
  if (columns) {
    // Looked up by binary search until a run adds a completion; built then (after its first request).
    const cache = s.cache as JournalBackedMap<ChatResult>;
    cache.deferIndexed(
      (map) => {
        for (let i = 0; i < columns.key.length; i++) map.setSpan(columns.key[i] as string, columns.at[i] as number, columns.len[i] as number);
      },
      (key) => {
        const i = findKey(columns, key);
        return i < 0 ? null : { offset: columns.at[i] as number, length: columns.len[i] as number };
      },
    );
  }
  // Built on first use: the samples, their reviews and the decisions (a run reads them after its first request, if at all).
  (s.samples as JournalBackedMap<Sample>).defer((samples) => {
    checkpoint.samples.forEach(({ id: ids }, chunk) => {
      const { at, len } = (JSON.parse(checkpoint.spans[chunk] as string) as { spans: { at: number[]; len: number[] } }).spans;
      for (let i = 0; i < ids.length; i++) samples.setSpan(ids[i] as string, at[i] as number, len[i] as number);
    });
  });
  const history = new DeferredMap<string, DecisionEvent[]>();
  history.defer((map) => {
    for (const line of checkpoint.history) for (const [id, events] of (JSON.parse(line) as { history: [string, DecisionEvent[]][] }).history) map.set(id, events);
  });
  const reviews = new DeferredMap<string, SampleReview>();
  reviews.defer((map) => {
    for (const { id: ids } of checkpoint.samples) for (const id of ids) map.set(id, PENDING_REVIEW);
    // Setting an existing key keeps its place: the reviews stay in sample order.
    for (const [id, events] of history) {
      const last = events.at(-1);
      if (last && map.has(id)) map.set(id, reviewAfter(last));
    }
  });
  s.history = history;
  s.reviews = reviews;
  return state;
}

/** Code-unit order, the same as the writer sorted with. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The index of `key` in the columns, or -1. */
function findKey(columns: CacheColumns, key: string): number {
  let lo = 0;
  let hi = columns.order.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const index = columns.order[mid] as number;
    const cmp = compareKeys(columns.key[index] as string, key);
    if (cmp === 0) return index;
    if (cmp < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStamp(value: unknown): value is CheckpointStamp {
  return isRecord(value) && Number.isSafeInteger(value['offset']) && Number.isSafeInteger(value['lines']) && typeof value['head'] === 'string' && typeof value['middle'] === 'string' && typeof value['tail'] === 'string';
}
