// The journal checkpoint on disk (journal.checkpoint.jsonl beside journal.jsonl): loading a
// session from it plus the journal's tail after it, and writing a fresh one after a run.
//
// The checkpoint is a cache of the journal, never a source: any doubt about it (missing,
// unreadable, another version, a checksum that does not match, a journal that is shorter or has
// other bytes where the checkpoint ended) and the whole journal is read instead, as before.
// Nothing is said to the person about it: only the speed differs.
import { createHash } from 'node:crypto';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as zlib from 'node:zlib';
import { checkpointLines, createBackedSessionState, locateEvent, parseCheckpoint, stateFromCheckpoint } from '../core/journal/checkpoint.ts';
import type { Checkpoint, CheckpointStamp } from '../core/journal/checkpoint.ts';
import type { ParseReport } from '../core/journal/parse.ts';
import { applyEvent } from '../core/journal/reduce.ts';
import type { SessionState } from '../core/journal/state.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { JournalLineReader } from './journalLineReader.ts';
import { readJournalFile } from './readJournalFile.ts';

export const CHECKPOINT_FILE = 'journal.checkpoint.jsonl';
/** Bytes hashed at the journal's start and just before the checkpoint's end, and the windows hashed between. */
const STAMP_BYTES = 4096;
const MIDDLE_WINDOWS = 32;
const MIDDLE_WINDOW_BYTES = 512;

/** How a session was opened: from its checkpoint, or by reading the whole journal (and why). */
export type CheckpointUse = 'used' | 'missing' | 'unreadable' | 'stale';

export interface LoadedSessionState {
  readonly state: SessionState;
  /** The read as if the whole journal had been read (events and warnings include the checkpoint's). */
  readonly read: ParseReport;
  readonly checkpoint: CheckpointUse;
  /** Reads samples and completions back from the journal while the state is used. */
  readonly reader: JournalLineReader;
  /** What a fresh checkpoint is built from after the run (the one loaded, or the full read's), and the journal bytes it covers. */
  readonly base: CheckpointBase | null;
}

/** A checkpoint's text, kept to refresh from: parsed again when used, so nothing is shared with a live state. */
export interface CheckpointBase {
  readonly lines: readonly string[];
  readonly offset: number;
  /** Whether it is the checkpoint file as it is (then, with nothing appended since, there is nothing to write). */
  readonly onDisk: boolean;
}

export function checkpointPathOf(journalPath: string): string {
  return path.join(path.dirname(journalPath), CHECKPOINT_FILE);
}

/** Loads the state of an existing journal: the checkpoint and the tail after it, or the whole journal. */
export async function loadSessionState(journalPath: string): Promise<LoadedSessionState> {
  const reader = new JournalLineReader(journalPath);
  let found = await readCheckpointFile(checkpointPathOf(journalPath));
  if (found.checkpoint && (await stampMatches(journalPath, found.checkpoint.header.stamp))) {
    const { checkpoint, lines } = found;
    try {
      const state = stateFromCheckpoint(checkpoint, reader.loaders());
      const tail = await readInto(state, journalPath, checkpoint.header.stamp);
      const read: ParseReport = { ...tail.read, events: checkpoint.header.events + tail.read.events, warnings: [...checkpoint.header.readWarnings, ...tail.read.warnings] };
      return { state, read, checkpoint: 'used', reader, base: { lines, offset: checkpoint.header.stamp.offset, onDisk: true } };
    } catch {
      // Whatever went wrong (a damaged tail included) is for the whole read to find and say.
      found = { checkpoint: null, problem: 'unreadable' };
    }
  }
  const state = createBackedSessionState(reader.loaders());
  const { read, lines } = await readInto(state, journalPath, null);
  // Snapshotted now, while nothing has been appended: the run's end builds on it instead of reading everything again.
  const base = read.unterminatedTail ? null : { lines: [...checkpointLines(state, await journalStamp(journalPath, read.cleanLength, lines), read.warnings)], offset: read.cleanLength, onDisk: false };
  return { state, read, checkpoint: found.checkpoint ? 'stale' : found.problem, reader, base };
}

/**
 * Writes a checkpoint covering the journal as it is now, from `base` (or the checkpoint file, or
 * the whole journal) plus what was appended since; not when the checkpoint on disk already covers
 * it all, unless `force`. Call it with no writer appending (the session lock held, the journal
 * closed). Returns whether one was written.
 *
 * Even a small tail is folded in: a tail with samples or decisions would make the next opening
 * build the samples and reviews before its first request, which the checkpoint spares it.
 */
export async function saveCheckpoint(journalPath: string, base: CheckpointBase | null, force = false): Promise<boolean> {
  if (!force && base?.onDisk && (await stat(journalPath)).size === base.offset) return false;
  const reader = new JournalLineReader(journalPath);
  try {
    let from: { checkpoint: Checkpoint; stamp: CheckpointStamp } | null = null;
    if (base) {
      const checkpoint = parseCheckpoint(base.lines);
      if (await stampMatches(journalPath, checkpoint.header.stamp)) from = { checkpoint, stamp: checkpoint.header.stamp };
    }
    if (!from) {
      const found = await readCheckpointFile(checkpointPathOf(journalPath));
      if (found.checkpoint && (await stampMatches(journalPath, found.checkpoint.header.stamp))) from = { checkpoint: found.checkpoint, stamp: found.checkpoint.header.stamp };
    }
    const state = from ? stateFromCheckpoint(from.checkpoint, reader.loaders()) : createBackedSessionState(reader.loaders());
    const { read, lines } = await readInto(state, journalPath, from?.stamp ?? null);
    // A last line without its newline is left for the writer to finish; the next run's end covers it.
    if (read.unterminatedTail) return false;
    const warnings = [...(from?.checkpoint.header.readWarnings ?? []), ...read.warnings];
    const stamp = await journalStamp(journalPath, read.cleanLength, lines);
    await writeCheckpointFile(checkpointPathOf(journalPath), checkpointLines(state, stamp, warnings));
    await ignoreInGit(path.dirname(journalPath));
    return true;
  } finally {
    reader.close();
  }
}

/**
 * The checkpoint is derived (megabytes at 100k samples) and rebuilt when missing: a session folder
 * committed to git should not carry it. A .gitignore the person already has is left as it is.
 */
async function ignoreInGit(sessionDir: string): Promise<void> {
  await writeFile(path.join(sessionDir, '.gitignore'), `# Written by SeedSmith: ${CHECKPOINT_FILE} is rebuilt from journal.jsonl when missing.\n${CHECKPOINT_FILE}\n`, { flag: 'wx' }).catch(() => undefined);
}

/** Reads the journal (from `from` on, or all of it) into `state`, locating every sample and completion. */
async function readInto(state: SessionState, journalPath: string, from: CheckpointStamp | null): Promise<{ read: ParseReport; lines: number }> {
  let lines = from?.lines ?? 0;
  const read = await readJournalFile(
    journalPath,
    (event, line, offset, length) => {
      applyEvent(state, event);
      locateEvent(state, event, offset, length);
      lines = line;
    },
    from ? { offset: from.offset, line: from.lines } : undefined,
  );
  // Lines after the last event (skipped ones) count too, so a later tail names lines as the whole file does.
  for (const warning of read.warnings) lines = Math.max(lines, warning.line);
  return { read, lines };
}

/** The stamp of the journal's first `offset` bytes. */
export async function journalStamp(journalPath: string, offset: number, lines: number): Promise<CheckpointStamp> {
  const handle = await open(journalPath, 'r');
  try {
    const read = async (start: number, end: number) => {
      const buffer = Buffer.alloc(Math.max(0, end - start));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
        if (bytesRead <= 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    };
    const hash = async (start: number, end: number) => createHash('sha256').update(await read(start, end)).digest('hex');
    // Windows spread over the middle: a journal edited there by hand (one length for another) is
    // caught unless the edit falls between them; hashing it all would cost what the checkpoint saves.
    const middle = createHash('sha256');
    for (let k = 1; k <= MIDDLE_WINDOWS; k++) {
      const start = Math.floor((offset * k) / (MIDDLE_WINDOWS + 1));
      middle.update(await read(start, Math.min(offset, start + MIDDLE_WINDOW_BYTES)));
    }
    return { offset, lines, head: await hash(0, Math.min(STAMP_BYTES, offset)), middle: middle.digest('hex'), tail: await hash(Math.max(0, offset - STAMP_BYTES), offset) };
  } finally {
    await handle.close();
  }
}

/** Whether the journal still begins with the bytes the checkpoint covered (not shorter, not replaced, not rewritten near its end). */
async function stampMatches(journalPath: string, stamp: CheckpointStamp): Promise<boolean> {
  try {
    if ((await stat(journalPath)).size < stamp.offset) return false;
    const now = await journalStamp(journalPath, stamp.offset, stamp.lines);
    return now.head === stamp.head && now.middle === stamp.middle && now.tail === stamp.tail;
  } catch {
    return false;
  }
}

type FoundCheckpoint = { readonly checkpoint: Checkpoint; readonly lines: string[] } | { readonly checkpoint: null; readonly problem: 'missing' | 'unreadable' };

/** The checkpoint file, checked against its own checksum (the last line); anything wrong with it is simply "unreadable". */
async function readCheckpointFile(file: string): Promise<FoundCheckpoint> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { checkpoint: null, problem: 'missing' };
  }
  try {
    const end = bytes.lastIndexOf(0x0a, bytes.length - 2);
    const body = bytes.subarray(0, end + 1);
    const trailer = JSON.parse(bytes.subarray(end + 1).toString('utf8')) as { crc32?: unknown; sha256?: unknown };
    const matches = trailer.crc32 !== undefined ? typeof zlib.crc32 === 'function' && trailer.crc32 === zlib.crc32(body) : trailer.sha256 === createHash('sha256').update(body).digest('hex');
    if (!matches) return { checkpoint: null, problem: 'unreadable' };
    const lines = body.toString('utf8').split('\n');
    return { checkpoint: parseCheckpoint(lines), lines };
  } catch {
    return { checkpoint: null, problem: 'unreadable' };
  }
}

/** Writes the lines and a checksum line after them, atomically (a reader sees the old checkpoint or the whole new one). */
async function writeCheckpointFile(file: string, lines: Iterable<string>): Promise<void> {
  await writeFileAtomic(file, withChecksum(lines));
}

/** CRC-32 where Node has it (22.2 on; a tenth of SHA-256's time on a checkpoint read before every run), else SHA-256. */
function* withChecksum(lines: Iterable<string>): Generator<string> {
  if (typeof zlib.crc32 === 'function') {
    let value = 0;
    for (const line of lines) {
      value = zlib.crc32(line, value);
      yield line;
    }
    yield `${JSON.stringify({ crc32: value })}\n`;
    return;
  }
  const hash = createHash('sha256');
  for (const line of lines) {
    hash.update(line);
    yield line;
  }
  yield `${JSON.stringify({ sha256: hash.digest('hex') })}\n`;
}
