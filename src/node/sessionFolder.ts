// A session on disk: a folder holding journal.jsonl and, while a process writes it,
// journal.lock. By default `.seedsmith/<seed file stem>/` beside the seed file, so a session
// travels with its seeds and can be committed with them.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ledgerFromState } from '../core/budget/rebuild.ts';
import type { BudgetLedger } from '../core/budget/ledger.ts';
import type { ParseReport } from '../core/journal/parse.ts';
import { applyEvent, createSessionState } from '../core/journal/reduce.ts';
import type { SessionState } from '../core/journal/state.ts';
import { createLiveJournal } from '../core/session/liveJournal.ts';
import type { LiveJournal } from '../core/session/liveJournal.ts';
import { openFileJournal } from './fileJournal.ts';
import type { FileJournalOptions, FileJournalStats, JournalRepair } from './fileJournal.ts';
import { readJournalFile } from './readJournalFile.ts';
import { loadSessionState, saveCheckpoint } from './sessionCheckpoint.ts';
import type { CheckpointUse, LoadedSessionState } from './sessionCheckpoint.ts';
import { acquireSessionLock, readLockHolder } from './sessionLock.ts';
import { syncDirectory } from './syncDirectory.ts';
import type { LockHolder, LockInfo, LockOptions } from './sessionLock.ts';

export const SESSIONS_FOLDER = '.seedsmith';
export const JOURNAL_FILE = 'journal.jsonl';
export const LOCK_FILE = 'journal.lock';

export class SessionNotFoundError extends Error {
  readonly dir: string;

  constructor(dir: string) {
    super(`No SeedSmith session in ${dir}: it has no ${JOURNAL_FILE}. Generate samples first, or point to the session folder.`);
    this.name = 'SessionNotFoundError';
    this.dir = dir;
  }
}

/** `.seedsmith/<stem>/` beside the seed file; the stem drops only the last extension (`gsm8k.train.jsonl` → `gsm8k.train`). */
export function defaultSessionDir(seedFile: string): string {
  const stem = path.basename(seedFile, path.extname(seedFile)) || path.basename(seedFile);
  return path.join(path.dirname(path.resolve(seedFile)), SESSIONS_FOLDER, stem);
}

/** `--session DIR` wins; otherwise the seed file's default. */
export function resolveSessionDir(options: { readonly session?: string; readonly seedFile?: string }): string {
  if (options.session !== undefined && options.session !== '') return path.resolve(options.session);
  if (options.seedFile !== undefined && options.seedFile !== '') return defaultSessionDir(options.seedFile);
  throw new Error('Which session? Give the seed file or the session folder.');
}

export interface OpenSessionOptions extends FileJournalOptions {
  /** Fail with SessionNotFoundError instead of starting an empty session (e.g. `decide`). */
  readonly mustExist?: boolean;
  readonly lock?: LockOptions;
  /**
   * Open from the journal checkpoint (sessionCheckpoint.ts) plus the journal after it, and write a
   * fresh checkpoint on close. The state then reads samples and completions back from the journal
   * when asked for them: right for a run, which looks at few; a reader that goes through every
   * sample is faster without it.
   */
  readonly checkpoint?: boolean;
}

export interface SessionRecovery {
  /** What reading found: a torn tail, unknown events skipped, … */
  readonly read: ParseReport | null;
  /** What the writer fixed at the end of the file before appending. */
  readonly repair: JournalRepair;
  /** A lock left by a process that died, replaced by ours. */
  readonly tookOverLock: LockInfo | null;
  /** How the checkpoint served the opening (null: not asked for, or a new session). */
  readonly checkpoint: CheckpointUse | null;
}

export interface OpenSession {
  readonly dir: string;
  readonly journalPath: string;
  /** Kept current by `journal`: every event appended through it is applied once written. */
  readonly state: SessionState;
  readonly journal: LiveJournal;
  /** Rebuilt from the journal: spend and limits as of the last event, unsettled reserves as spent. */
  readonly ledger: BudgetLedger;
  readonly recovery: SessionRecovery;
  journalStats(): FileJournalStats;
  /** Flushes and closes the journal and releases the lock. */
  close(): Promise<void>;
}

/** Opens a session to write: takes the lock, reads the journal, repairs its end, rebuilds the ledger. */
export async function openSession(dir: string, options: OpenSessionOptions = {}): Promise<OpenSession> {
  const journalPath = path.join(dir, JOURNAL_FILE);
  if (options.mustExist && !existsSync(journalPath)) throw new SessionNotFoundError(dir);
  await mkdir(dir, { recursive: true });
  const lock = await acquireSessionLock(path.join(dir, LOCK_FILE), options.lock);
  let loaded: LoadedSessionState | null = null;
  try {
    const existed = existsSync(journalPath);
    let state = createSessionState();
    let read: ParseReport | null = null;
    if (existed && options.checkpoint) {
      loaded = await loadSessionState(journalPath);
      ({ state, read } = loaded);
    } else if (existed) {
      read = await readJournalFile(journalPath, (event) => void applyEvent(state, event));
    }
    const file = await openFileJournal(journalPath, options);
    if (!existed) {
      // The new file's entry, and the folder's own entry if mkdir just made it.
      await syncDirectory(dir);
      await syncDirectory(path.dirname(dir));
    }
    const journal = createLiveJournal(file, state);
    let closed: Promise<void> | null = null;
    return {
      dir,
      journalPath,
      state,
      journal,
      ledger: ledgerFromState(state),
      recovery: { read, repair: file.repair, tookOverLock: lock.tookOver, checkpoint: loaded?.checkpoint ?? null },
      journalStats: () => file.stats,
      close() {
        closed ??= (async () => {
          try {
            await journal.close();
            // Under the lock, with nothing appending: the checkpoint covers the whole journal.
            // Only a speed-up, so failing to write it is no failure of the session.
            if (options.checkpoint) await saveCheckpoint(journalPath, loaded?.base ?? null).catch(() => false);
          } finally {
            loaded?.reader.close();
            await lock.release();
          }
        })();
        return closed;
      },
    };
  } catch (err) {
    loaded?.reader.close();
    await lock.release();
    throw err;
  }
}

export interface SessionSnapshot {
  readonly dir: string;
  readonly journalPath: string;
  readonly state: SessionState;
  /** A torn tail here usually means a writer is mid-line, not a crash: it is simply left out. */
  readonly read: ParseReport;
  /** The process writing the session right now, if any (then its last run is still going, not interrupted). */
  readonly holder: LockHolder | null;
}

/** Reads a session without the lock, so `status` and `samples` work while a run is going. */
export async function readSession(dir: string): Promise<SessionSnapshot> {
  const journalPath = path.join(dir, JOURNAL_FILE);
  if (!existsSync(journalPath)) throw new SessionNotFoundError(dir);
  const state = createSessionState();
  const read = await readJournalFile(journalPath, (event) => void applyEvent(state, event));
  const holder = await readLockHolder(path.join(dir, LOCK_FILE));
  return { dir, journalPath, state, read, holder };
}

