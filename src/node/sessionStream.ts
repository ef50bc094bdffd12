// A session read as a stream, for commands whose memory must not grow with the session's texts
// (`status`, `samples`, `export`, `check`). A first pass reduces the journal into a compact index:
// reviews, counts, spend and runs, without the samples' texts, the completions or the decision
// history. Later passes read the same bytes again and hand the samples over one at a time, with
// their reviews from the index.
//
// The journal is append-only, so the bytes the first pass read never change: later passes stop
// at that length, and a run appending meanwhile (status and samples take no lock) cannot make
// two passes disagree.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { SampleEntry } from '../core/checks/runChecks.ts';
import { checkEvent } from '../core/journal/validate.ts';
import type { ParseReport } from '../core/journal/parse.ts';
import { applyEvent, createSessionState } from '../core/journal/reduce.ts';
import { KEEP_INDEX } from '../core/journal/state.ts';
import type { SessionKeeps, SessionState } from '../core/journal/state.ts';
import { readJournalFile } from './readJournalFile.ts';
import { JOURNAL_FILE, LOCK_FILE, SessionNotFoundError } from './sessionFolder.ts';
import { acquireSessionLock, readLockHolder } from './sessionLock.ts';
import type { LockHolder, LockOptions } from './sessionLock.ts';
import { openFileJournal } from './fileJournal.ts';
import { SampleOrdinals } from '../core/checks/sampleOrdinals.ts';
import { ReviewMap } from '../core/journal/reviewMap.ts';
import type { DecisionEvent } from '../core/journal/events.ts';

const CHUNK_BYTES = 256 * 1024;

export interface SessionIndex {
  readonly dir: string;
  readonly journalPath: string;
  /** Reviews, counts, spend and runs; samples, cache and history only as `keeps` says. */
  readonly state: SessionState;
  /** A torn tail here usually means a writer is mid-line, not a crash: it is simply left out. */
  readonly read: ParseReport;
  /** The process writing the session right now, if any. */
  readonly holder: LockHolder | null;
  /** Journal bytes the index covers: later passes read exactly these. */
  readonly length: number;
  /** Lines whose sample repeats an earlier sample's id (the first write wins): later passes skip them. */
  readonly repeatedLines: ReadonlySet<number>;
  /** How many samples (first writes) the index covers. */
  readonly sampleCount: number;
  /** Per sample in generation order: its line (1-based) in the journal. */
  readonly sampleLines: Uint32Array;
  /** Samples anyone ever decided on (a reset too), when asked for: what auto-reject leaves alone. */
  readonly decided: SampleOrdinals | null;
  /**
   * The numbering the checks give samples: the compact review map's (every sample, in generation
   * order), shared rather than copied; a numbering of their own when the state keeps whole samples.
   */
  readonly ordinals: SampleOrdinals;
}

export interface SessionIndexOptions {
  /** Track which samples were ever decided on (`decided`), without keeping the decisions. */
  readonly decided?: boolean;
}

/** Reads a session without its lock into a compact index (KEEP_INDEX unless told otherwise). */
export async function readSessionIndex(dir: string, keeps: SessionKeeps = KEEP_INDEX, options: SessionIndexOptions = {}): Promise<SessionIndex> {
  const journalPath = path.join(dir, JOURNAL_FILE);
  if (!existsSync(journalPath)) throw new SessionNotFoundError(dir);
  const state = createSessionState(keeps);
  const repeatedLines = new Set<number>();
  let sampleLines = new Uint32Array(1024);
  let sampleCount = 0;
  const decided = options.decided ? new SampleOrdinals() : null;
  const read = await readJournalFile(journalPath, (event, line) => {
    // As the reducer's history has it: a decision for a sample not (yet) known is not one.
    if (decided && event.type === 'decision' && state.reviews.has(event.sampleId)) decided.add(event.sampleId);
    if (event.type === 'sample') {
      if (state.reviews.has(event.sample.id)) repeatedLines.add(line);
      else {
        if (sampleCount === sampleLines.length) {
          const grown = new Uint32Array(sampleCount * 2);
          grown.set(sampleLines);
          sampleLines = grown;
        }
        sampleLines[sampleCount++] = line;
      }
    }
    applyEvent(state, event);
  });
  const holder = await readLockHolder(path.join(dir, LOCK_FILE));
  const ordinals = state.reviews instanceof ReviewMap ? state.reviews.ordinals : new SampleOrdinals();
  return { dir, journalPath, state, read, holder, length: read.cleanLength, repeatedLines, sampleCount, sampleLines: sampleLines.subarray(0, sampleCount), decided, ordinals };
}

/** A session's index read under its lock, for a command that appends decisions to it. */
export interface DecidingSession {
  /** With `decided`; kept current with the decisions appended through `decide`. */
  readonly index: SessionIndex & { readonly decided: SampleOrdinals };
  /** Appends a decision durably, then applies it to the index. */
  decide(event: DecisionEvent): Promise<void>;
  /** Closes the journal and releases the lock. */
  close(): Promise<void>;
}

/**
 * Takes the session's lock, then reads its index (as `decide` would hold it, without the samples'
 * texts): `check --auto-reject` decides on a session of any size this way.
 */
export async function openSessionIndexToDecide(dir: string, lockOptions: LockOptions): Promise<DecidingSession> {
  if (!existsSync(path.join(dir, JOURNAL_FILE))) throw new SessionNotFoundError(dir);
  const lock = await acquireSessionLock(path.join(dir, LOCK_FILE), lockOptions);
  try {
    const index = await readSessionIndex(dir, KEEP_INDEX, { decided: true });
    const decided = index.decided!;
    const journal = await openFileJournal(index.journalPath);
    let closed: Promise<void> | null = null;
    return {
      index: { ...index, decided },
      async decide(event) {
        await journal.append(event, { durable: true });
        applyEvent(index.state, event);
        decided.add(event.sampleId);
      },
      close() {
        closed ??= (async () => {
          try {
            await journal.close();
          } finally {
            await lock.release();
          }
        })();
        return closed;
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

const NEWLINE = 0x0a;
const BOM = '\ufeff';
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The session's samples in generation order, each with its review as the index has it, read from
 * the journal a chunk at a time: only a chunk's worth of samples is held at once. `wanted` is
 * asked with each sample's place in generation order; the lines of samples it refuses are not
 * even decoded.
 */
export async function* sessionSamples(index: SessionIndex, wanted?: (ordinal: number) => boolean): AsyncGenerator<SampleEntry> {
  if (index.length === 0 || index.sampleCount === 0) return;
  const lines = index.sampleLines;
  const next = (from: number) => {
    let k = from;
    while (k < index.sampleCount && wanted && !wanted(k)) k += 1;
    return k;
  };
  let k = next(0);
  if (k >= index.sampleCount) return;
  let line = 0;
  let carry: Uint8Array;
  const entry = (bytes: Uint8Array): SampleEntry => {
    let text = utf8.decode(bytes);
    if (line === 1 && text.startsWith(BOM)) text = text.slice(1);
    const checked = checkEvent(JSON.parse(text));
    if (checked.kind !== 'event' || checked.event.type !== 'sample') throw new Error(`${index.journalPath} line ${line}: the index saw a sample here; the journal changed under it.`);
    return { sample: checked.event.sample, review: index.state.reviews.get(checked.event.sample.id) };
  };
  // One buffer for the whole pass, refilled in place: a pass over a large journal leaves no
  // trail of chunks for the collector (they are outside the heap, and pile up before it runs).
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let held = 0;
  let position = 0;
  const file = await open(index.journalPath, 'r');
  try {
    while (position < index.length) {
      if (held === buffer.length) {
        // A line longer than the buffer: make room for the rest of it.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, held);
        buffer = bigger;
      }
      const { bytesRead } = await file.read(buffer, held, Math.min(buffer.length - held, index.length - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = buffer.subarray(0, held + bytesRead);
      const ready: SampleEntry[] = [];
      let start = 0;
      for (let nl = data.indexOf(NEWLINE, start); nl !== -1 && k < index.sampleCount; nl = data.indexOf(NEWLINE, start)) {
        line += 1;
        if (lines[k] === line) {
          ready.push(entry(data.subarray(start, nl)));
          k = next(k + 1);
        }
        start = nl + 1;
      }
      yield* ready;
      if (k >= index.sampleCount) return;
      held = data.length - start;
      buffer.copy(buffer, 0, start, data.length);
    }
    carry = buffer.subarray(0, held);
  } finally {
    await file.close();
  }
  // The last line without its newline, kept by the index as a whole event.
  if (carry.length > 0 && k < index.sampleCount && lines[k] === line + 1) {
    line += 1;
    yield entry(carry);
  }
}
