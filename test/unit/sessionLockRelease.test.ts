// Asking an editor window that holds a session to let go: it releases when idle, keeps the
// session when busy, and only an editor window of the same user on this host is ever asked.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { askToRelease, canAskToRelease, clearReleaseRequest, releaseRequestPath, watchReleaseRequests } from '../../src/node/lockRelease.ts';
import { LOCK_FILE, openSession } from '../../src/node/sessionFolder.ts';
import { SessionInUseError, type LockHolder, type LockInfo } from '../../src/node/sessionLock.ts';

let root = '';
let n = 0;
before(async () => void (root = await mkdtemp(path.join(tmpdir(), 'seedsmith-release-'))));
after(async () => rm(root, { recursive: true, force: true }));
const freshDir = () => path.join(root, `s${++n}`);

const info = (extra: Partial<LockInfo> = {}): LockInfo => ({ pid: process.pid, hostname: hostname(), startedAt: 'now', processStart: null, kind: 'editor', command: 'VS Code window', user: userInfo().username, ...extra });
const holder = (extra: Partial<LockInfo> = {}, live = true): LockHolder => ({ info: info(extra), live, commandLine: null });

describe('asking an editor to let go of a session', { timeout: 10_000 }, () => {
  it('asks only a live editor window of the same user on this host: never a command', () => {
    assert.equal(canAskToRelease(holder()), true);
    assert.equal(canAskToRelease(holder({ kind: 'cli', command: 'seedsmith generate' })), false, 'a seedsmith command is never asked');
    assert.equal(canAskToRelease(holder({ kind: null })), false, 'a lock from an older SeedSmith says nothing of its holder');
    assert.equal(canAskToRelease(holder({ user: 'someone-else' })), false);
    assert.equal(canAskToRelease(holder({ user: null })), false);
    assert.equal(canAskToRelease(holder({ hostname: 'build-server-7' })), false);
    assert.equal(canAskToRelease(holder({}, false)), false, 'a gone holder is taken over anyway, not asked');
  });

  it('an idle holder releases when asked, and the asker then takes the lock the ordinary way', async () => {
    const dir = freshDir();
    const lockPath = path.join(dir, LOCK_FILE);
    const held = await openSession(dir, { lock: { kind: 'editor', command: 'VS Code window' } });
    await assert.rejects(openSession(dir), SessionInUseError);
    const stop = watchReleaseRequests(lockPath, () => void held.close().then(() => clearReleaseRequest(lockPath)));
    try {
      assert.equal(await askToRelease(lockPath), 'released');
    } finally {
      stop();
    }
    const mine = await openSession(dir);
    assert.equal(mine.recovery.tookOverLock, null, 'released, not taken by force');
    assert.equal(existsSync(releaseRequestPath(lockPath)), false, 'the request is gone');
    await mine.close();
  });

  it('a busy holder keeps the session: the asker hears "refused"', async () => {
    const dir = freshDir();
    const lockPath = path.join(dir, LOCK_FILE);
    const held = await openSession(dir, { lock: { kind: 'editor' } });
    const stop = watchReleaseRequests(lockPath, () => void clearReleaseRequest(lockPath));
    try {
      assert.equal(await askToRelease(lockPath), 'refused');
      await assert.rejects(openSession(dir), SessionInUseError, 'still held');
    } finally {
      stop();
      await held.close();
    }
  });

  it('a holder that does not answer: the request is withdrawn', async () => {
    const dir = freshDir();
    const lockPath = path.join(dir, LOCK_FILE);
    const held = await openSession(dir, { lock: { kind: 'editor' } });
    try {
      assert.equal(await askToRelease(lockPath, 300), 'no-answer');
      assert.equal(existsSync(releaseRequestPath(lockPath)), false);
    } finally {
      await held.close();
    }
  });

  it('a request left before the holder watched is seen at once', async () => {
    const dir = freshDir();
    const lockPath = path.join(dir, LOCK_FILE);
    const held = await openSession(dir, { lock: { kind: 'editor' } });
    const asked = askToRelease(lockPath);
    await new Promise<void>((resolve) => {
      const stop = watchReleaseRequests(lockPath, () => {
        stop();
        void held.close().then(() => clearReleaseRequest(lockPath)).then(resolve);
      });
    });
    assert.equal(await asked, 'released');
  });
});
