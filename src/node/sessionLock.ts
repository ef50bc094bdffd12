// One writer per session. The lock file names its holder (pid, hostname, the process's start
// time, and whether it is a command line or an editor window); it is created atomically (written
// under a temporary name, then hard-linked into place, which fails if the lock exists), so nobody
// ever reads a half-written lock. A lock whose process is gone (same host, and the pid not
// running, a zombie, or a different process with the same pid) is stale and taken over; any other
// lock means the session is in use.
import { randomUUID } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname as osHostname, userInfo } from 'node:os';
import { holderIsRunning, ownStartTime, readCommandLine } from './processLiveness.ts';

/** What holds a session: a `seedsmith` command, or an editor window (which can be asked to let go). */
export type LockHolderKind = 'cli' | 'editor';

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  /** The holder's start time (/proc/<pid>/stat field 22) where the platform gives one: a reused pid then does not pass for the holder. */
  readonly processStart: string | null;
  /** Null in locks written before holders said what they are. */
  readonly kind: LockHolderKind | null;
  /** What the holder is doing, in words (`seedsmith generate`, `VS Code window`). */
  readonly command: string | null;
  readonly user: string | null;
}

export interface LockHolder {
  readonly info: LockInfo;
  /** False when the holder is known to be gone (same host, process not running). */
  readonly live: boolean;
  /** The holder's command line as the system shows it now, where it can be read. */
  readonly commandLine: string | null;
}

/** The holder in a few words, for messages: `a VS Code window (pid 12)`, `process 12 (node …/seedsmith generate …)`. */
export function describeHolder(info: LockInfo, commandLine: string | null = null): string {
  const where = info.hostname === osHostname() ? '' : ` on ${info.hostname}`;
  if (info.kind === 'editor') return `a VS Code window (pid ${info.pid}${where})`;
  const what = commandLine ?? info.command;
  return `process ${info.pid}${where}${what ? ` (${what})` : ''}`;
}

export class SessionInUseError extends Error {
  readonly holder: LockInfo;
  readonly lockPath: string;
  readonly commandLine: string | null;

  constructor(lockPath: string, holder: LockInfo, commandLine: string | null = null) {
    super(
      `The session is in use by ${describeHolder(holder, commandLine)} since ${holder.startedAt}. ` +
        `Wait for it to finish or stop it; if that process is not running, delete ${lockPath}.`,
    );
    this.name = 'SessionInUseError';
    this.holder = holder;
    this.lockPath = lockPath;
    this.commandLine = commandLine;
  }
}

export interface SessionLock {
  readonly path: string;
  /** The stale lock this one replaced, if any (a previous process died holding it). */
  readonly tookOver: LockInfo | null;
  /** Removes the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export interface LockOptions {
  readonly pid?: number;
  readonly hostname?: string;
  /** Defaults to this process's own start time. */
  readonly processStart?: string | null;
  /** Defaults to `cli`: every writer but the editor is a command. */
  readonly kind?: LockHolderKind;
  readonly command?: string;
  /** Whether the holder named in a lock on this host is running; injectable for tests. */
  readonly isAlive?: IsAlive;
}

export type IsAlive = (pid: number, processStart: string | null) => boolean;

/** A lock file that cannot be parsed and is younger than this may still be being written by a non-link fallback: wait for it. */
const UNREADABLE_GRACE_MS = 2000;
const ATTEMPTS = 20;

export async function acquireSessionLock(lockPath: string, options: LockOptions = {}): Promise<SessionLock> {
  const mine: LockInfo = {
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? osHostname(),
    startedAt: new Date().toISOString(),
    processStart: options.processStart !== undefined ? options.processStart : ownStartTime(),
    kind: options.kind ?? 'cli',
    command: options.command ?? null,
    user: currentUser(),
  };
  const text = JSON.stringify(mine) + '\n';
  const isAlive = options.isAlive ?? holderIsRunning;
  let tookOver: LockInfo | null = null;

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(lockPath, text)) {
      let released = false;
      return {
        path: lockPath,
        tookOver,
        async release() {
          if (released) return;
          released = true;
          // Only our own lock: never delete one a later process took over.
          if ((await readRaw(lockPath)) === text) await unlink(lockPath).catch(ignoreMissing);
        },
      };
    }
    const raw = await readRaw(lockPath);
    if (raw === null) continue; // released meanwhile: try again
    const holder = parseLock(raw);
    if (holder === null) {
      if (await isYoung(lockPath)) {
        await sleep(50);
        continue;
      }
    } else if (holder.hostname !== mine.hostname || isAlive(holder.pid, holder.processStart)) {
      throw new SessionInUseError(lockPath, holder, holder.hostname === mine.hostname ? readCommandLine(holder.pid) : null);
    }
    // Stale. Remove it only if it is still the one we judged, to keep two processes that both
    // found it stale from deleting each other's fresh locks.
    if ((await readRaw(lockPath)) !== raw) continue;
    await unlink(lockPath).catch(ignoreMissing);
    tookOver = holder ?? tookOver;
  }
  throw new Error(`Could not take the session lock ${lockPath}: it kept changing. Is another SeedSmith starting on the same session?`);
}

/** Who holds the lock, for read-only views ("a run is going"); null when nobody does. */
export async function readLockHolder(lockPath: string, isAlive: IsAlive = holderIsRunning): Promise<LockHolder | null> {
  const raw = await readRaw(lockPath);
  const info = raw === null ? null : parseLock(raw);
  if (info === null) return null;
  const here = info.hostname === osHostname();
  const live = !here || isAlive(info.pid, info.processStart);
  return { info, live, commandLine: here && live ? readCommandLine(info.pid) : null };
}

/** Who runs this process, as the lock records it; null where the system has no name for it. */
export function currentUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null; // no passwd entry (some containers)
  }
}

async function createExclusive(lockPath: string, text: string): Promise<boolean> {
  const temp = `${lockPath}.${randomUUID()}.tmp`;
  await writeFile(temp, text);
  try {
    await link(temp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: exclusive create, with a short window in which the lock
    // is empty (readers wait UNREADABLE_GRACE_MS for it).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      try {
        await writeFile(lockPath, text, { flag: 'wx' });
        return true;
      } catch (inner) {
        if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw inner;
      }
    }
    throw err;
  } finally {
    await unlink(temp).catch(ignoreMissing);
  }
}

function parseLock(raw: string): LockInfo | null {
  try {
    const value = JSON.parse(raw) as Partial<LockInfo> | null;
    if (value && Number.isSafeInteger(value.pid) && typeof value.hostname === 'string') {
      // Older locks lack the later fields: they are then unknown, and judged as before (by pid).
      return {
        pid: value.pid!,
        hostname: value.hostname,
        startedAt: typeof value.startedAt === 'string' ? value.startedAt : 'an unknown time',
        processStart: typeof value.processStart === 'string' && /^\d+$/.test(value.processStart) ? value.processStart : null,
        kind: value.kind === 'cli' || value.kind === 'editor' ? value.kind : null,
        command: typeof value.command === 'string' ? value.command.slice(0, 500) : null,
        user: typeof value.user === 'string' ? value.user.slice(0, 200) : null,
      };
    }
  } catch {
    // fall through: unreadable
  }
  return null;
}

async function readRaw(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function isYoung(path: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs < UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
