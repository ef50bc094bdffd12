// One writer per session. The lock file names its holder (pid, hostname); it is created
// atomically (written under a temporary name, then hard-linked into place, which fails if the
// lock exists), so nobody ever reads a half-written lock. A lock whose process is gone (same
// host, pid not running) is stale and taken over; any other lock means the session is in use.
import { randomUUID } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface LockHolder {
  readonly info: LockInfo;
  /** False when the holder is known to be gone (same host, pid not running). */
  readonly live: boolean;
}

export class SessionInUseError extends Error {
  readonly holder: LockInfo;
  readonly lockPath: string;

  constructor(lockPath: string, holder: LockInfo) {
    const where = holder.hostname === osHostname() ? '' : ` on ${holder.hostname}`;
    super(
      `The session is in use by process ${holder.pid}${where} (since ${holder.startedAt}). ` +
        `Wait for it to finish or stop it; if that process is not running, delete ${lockPath}.`,
    );
    this.name = 'SessionInUseError';
    this.holder = holder;
    this.lockPath = lockPath;
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
  /** Whether a pid on this host is running; injectable for tests. */
  readonly isAlive?: (pid: number) => boolean;
}

/** A lock file that cannot be parsed and is younger than this may still be being written by a non-link fallback: wait for it. */
const UNREADABLE_GRACE_MS = 2000;
const ATTEMPTS = 20;

export async function acquireSessionLock(lockPath: string, options: LockOptions = {}): Promise<SessionLock> {
  const mine: LockInfo = { pid: options.pid ?? process.pid, hostname: options.hostname ?? osHostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(mine) + '\n';
  const isAlive = options.isAlive ?? pidIsRunning;
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
    } else if (holder.hostname !== mine.hostname || isAlive(holder.pid)) {
      throw new SessionInUseError(lockPath, holder);
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
export async function readLockHolder(lockPath: string, isAlive: (pid: number) => boolean = pidIsRunning): Promise<LockHolder | null> {
  const raw = await readRaw(lockPath);
  const info = raw === null ? null : parseLock(raw);
  if (info === null) return null;
  return { info, live: info.hostname !== osHostname() || isAlive(info.pid) };
}

export function pidIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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
      return { pid: value.pid!, hostname: value.hostname, startedAt: typeof value.startedAt === 'string' ? value.startedAt : 'an unknown time' };
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
