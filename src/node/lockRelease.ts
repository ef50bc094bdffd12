// Asking an editor window that holds a session to let go of it. An editor keeps the lock while
// the session is open, so a second window (or the same person's browser tab reopened while the
// old remote extension host lives on) would stay read-only for as long as the first one lives.
// The asking side leaves a request file beside the lock; the holder, if it is an idle editor,
// releases the lock and removes the request; if it is busy (generating), it removes the request
// and keeps the lock. Nothing is taken by force: the asker then takes the lock the ordinary way.
// Only editors of the same user on the same host are asked; a `seedsmith` command never is.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { currentUser } from './sessionLock.ts';
import type { LockHolder } from './sessionLock.ts';

export type ReleaseAnswer = 'released' | 'refused' | 'no-answer';

export function releaseRequestPath(lockPath: string): string {
  return `${lockPath}.release-request`;
}

/** Whether this holder may be asked to let go: an editor window of this user on this host. */
export function canAskToRelease(holder: LockHolder): boolean {
  const { info } = holder;
  return holder.live && info.kind === 'editor' && info.hostname === hostname() && info.user !== null && info.user === currentUser();
}

/**
 * Asks the holder to release and waits for its answer: the lock changed or went (`released`), the
 * request was removed with the lock unchanged (`refused`: it is busy), or nothing within
 * `timeoutMs` (`no-answer`: the request is withdrawn).
 */
export async function askToRelease(lockPath: string, timeoutMs = 10_000): Promise<ReleaseAnswer> {
  const held = await readText(lockPath);
  if (held === null) return 'released';
  const requestPath = releaseRequestPath(lockPath);
  await writeFile(requestPath, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }) + '\n');
  return new Promise<ReleaseAnswer>((resolve) => {
    let done = false;
    let watcher: FSWatcher | undefined;
    const finish = (answer: ReleaseAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      watcher?.close();
      if (answer === 'no-answer') void unlink(requestPath).catch(() => undefined).then(() => resolve(answer));
      else resolve(answer);
    };
    const look = async () => {
      if ((await readText(lockPath)) !== held) finish('released');
      else if ((await readText(requestPath)) === null) finish('refused');
    };
    const timer = setTimeout(() => finish('no-answer'), timeoutMs);
    try {
      watcher = watch(path.dirname(lockPath), () => void look());
    } catch {
      // No watching on this file system: the answer is looked for once more at the end.
    }
    void look();
  });
}

/** Calls `onRequest` whenever a release request appears beside the lock (and once now, if one is waiting). */
export function watchReleaseRequests(lockPath: string, onRequest: () => void): () => void {
  const requestPath = releaseRequestPath(lockPath);
  const name = path.basename(requestPath);
  let watcher: FSWatcher | undefined;
  const look = () => void readText(requestPath).then((text) => (text !== null ? onRequest() : undefined));
  try {
    watcher = watch(path.dirname(lockPath), (_event, file) => {
      if (file === null || file === name) look();
    });
  } catch {
    // No watching: the holder's periodic look (pendingReleaseRequest) still finds it.
  }
  look();
  return () => watcher?.close();
}

export async function pendingReleaseRequest(lockPath: string): Promise<boolean> {
  return (await readText(releaseRequestPath(lockPath))) !== null;
}

/** The holder's answer, after it released the lock or decided to keep it. */
export async function clearReleaseRequest(lockPath: string): Promise<void> {
  await unlink(releaseRequestPath(lockPath)).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  });
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
