// A session read as a stream, for commands whose memory must not grow with the session's texts
// (`status`, `samples`, `export`, `check`). A first pass reduces the journal into a compact index:
// reviews, counts, spend and runs, without the samples' texts, the completions or the decision
// history. Later passes read the same bytes again and hand the samples over one at a time, with
// their reviews from the index.
//
// The journal is append-only, so the bytes the first pass read never change: later passes stop
// at that length, and a run appending meanwhile (status and samples take no lock) cannot make
// two passes disagree.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { SampleEntry } from '../core/checks/runChecks.ts';
import { JournalParser } from '../core/journal/parse.ts';
import type { ParseReport } from '../core/journal/parse.ts';
import { applyEvent, createSessionState } from '../core/journal/reduce.ts';
import { KEEP_INDEX } from '../core/journal/state.ts';
import type { SessionKeeps, SessionState } from '../core/journal/state.ts';
import { readJournalFile } from './readJournalFile.ts';
import { JOURNAL_FILE, LOCK_FILE, SessionNotFoundError } from './sessionFolder.ts';
import { readLockHolder } from './sessionLock.ts';
import type { LockHolder } from './sessionLock.ts';

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
}

/** Reads a session without its lock into a compact index (KEEP_INDEX unless told otherwise). */
export async function readSessionIndex(dir: string, keeps: SessionKeeps = KEEP_INDEX): Promise<SessionIndex> {
  const journalPath = path.join(dir, JOURNAL_FILE);
  if (!existsSync(journalPath)) throw new SessionNotFoundError(dir);
  const state = createSessionState(keeps);
  const repeatedLines = new Set<number>();
  const read = await readJournalFile(journalPath, (event, line) => {
    if (event.type === 'sample' && state.reviews.has(event.sample.id)) repeatedLines.add(line);
    applyEvent(state, event);
  });
  const holder = await readLockHolder(path.join(dir, LOCK_FILE));
  return { dir, journalPath, state, read, holder, length: read.cleanLength, repeatedLines };
}

/**
 * The session's samples in generation order, each with its review as the index has it, read from
 * the journal a chunk at a time: only a chunk's worth of samples is held at once.
 */
export async function* sessionSamples(index: SessionIndex): AsyncGenerator<SampleEntry> {
  if (index.length === 0) return;
  const ready: SampleEntry[] = [];
  const parser = new JournalParser((event, line) => {
    if (event.type !== 'sample' || index.repeatedLines.has(line)) return;
    ready.push({ sample: event.sample, review: index.state.reviews.get(event.sample.id) });
  }, index.journalPath);
  for await (const chunk of createReadStream(index.journalPath, { start: 0, end: index.length - 1, highWaterMark: CHUNK_BYTES }) as AsyncIterable<Uint8Array>) {
    parser.push(chunk);
    yield* ready.splice(0);
  }
  parser.end();
  yield* ready.splice(0);
}
