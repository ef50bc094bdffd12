// Whether the process named in a session lock is still its holder: a zombie (dead, never reaped:
// containers without an init) or a reused pid is gone and its lock is taken over; a running
// holder still refuses, and the refusal names its command line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCK_FILE, openSession, readSession } from '../../src/node/sessionFolder.ts';
import { SessionInUseError } from '../../src/node/sessionLock.ts';

const linux = process.platform === 'linux';
const at = '2025-03-01T12:00:00.000Z';

let root = '';
let n = 0;
const started: ChildProcess[] = [];
before(async () => void (root = await mkdtemp(path.join(tmpdir(), 'seedsmith-lock-'))));
after(async () => {
  for (const child of started) if (child.pid) killGroup(child.pid);
  await rm(root, { recursive: true, force: true });
});
const freshDir = async () => {
  const dir = path.join(root, `s${++n}`);
  await mkdir(dir, { recursive: true });
  return dir;
};

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** State and start time (field 22) straight from /proc, read independently of the product's parser. */
function procStat(pid: number): { state: string; startTime: string } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '?', startTime: fields[19] ?? '?' };
}

/** Reads the first line a child prints (a pid). */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end).trim());
    });
    child.once('error', reject);
    child.once('exit', () => reject(new Error(`child exited before printing a line: ${text}`)));
  });
}

/**
 * Polls /proc until `check` holds. The kernel's state changes are the events waited on; a loaded
 * machine may take long to schedule an exec or a kill, so the bound only ends a wait that would
 * never end.
 */
async function untilProc(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`${what}: not seen within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until the process is a zombie. */
function untilZombie(pid: number): Promise<void> {
  return untilProc(`process ${pid} a zombie`, () => procStat(pid).state === 'Z');
}

/**
 * A process whose parent never reaps it: `sh` starts it in the background and then replaces
 * itself with `sleep`, which never waits for children. Killing the child leaves a zombie.
 */
async function unreapedChild(): Promise<{ pid: number; startTime: string }> {
  const parent = spawn('sh', ['-c', 'sleep 600 & echo $!; exec sleep 600'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  started.push(parent);
  const pid = Number(await firstLine(parent));
  assert.ok(Number.isSafeInteger(pid) && pid > 0);
  // The background child is a copy of `sh` until it has exec'd `sleep`.
  await untilProc(`process ${pid} running sleep`, () => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep'));
  return { pid, startTime: procStat(pid).startTime };
}

const writeLock = (dir: string, lock: Record<string, unknown>) => writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ hostname: hostname(), startedAt: at, ...lock }) + '\n');

describe('session lock holders', { skip: !linux && 'needs /proc (Linux)', timeout: 120_000 }, () => {
  it('takes over a lock whose process is a zombie nobody reaps', async () => {
    const dir = await freshDir();
    const holder = await unreapedChild();
    process.kill(holder.pid, 'SIGKILL');
    await untilZombie(holder.pid);
    assert.doesNotThrow(() => process.kill(holder.pid, 0), 'a zombie still answers kill(pid, 0): the old check saw it as running');
    await writeLock(dir, { pid: holder.pid, processStart: holder.startTime, kind: 'cli', command: 'seedsmith generate' });
    await writeFile(path.join(dir, 'journal.jsonl'), '');

    assert.equal((await readSession(dir)).holder?.live, false, 'readers see the zombie as gone');
    const session = await openSession(dir);
    assert.equal(session.recovery.tookOverLock?.pid, holder.pid);
    await session.close();
  });

  it('takes over a lock whose pid now belongs to another process (its start time differs)', async () => {
    const dir = await freshDir();
    // Our own pid is running, but it did not take this lock: the recorded start time is not ours.
    const ours = procStat(process.pid).startTime;
    const other = String(Number(ours) + 1);
    await writeLock(dir, { pid: process.pid, processStart: other, kind: 'cli', command: 'seedsmith generate' });
    const session = await openSession(dir);
    assert.equal(session.recovery.tookOverLock?.pid, process.pid);
    const lock = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; processStart: string; kind: string };
    assert.deepEqual([lock.pid, lock.processStart, lock.kind], [process.pid, ours, 'cli'], 'the new lock records our start time');
    await session.close();
  });

  it('refuses while the holder runs, naming its command line; an old lock without a start time is judged by pid as before', async () => {
    const dir = await freshDir();
    const holder = await unreapedChild();
    await writeLock(dir, { pid: holder.pid, processStart: holder.startTime, kind: 'cli', command: 'seedsmith generate' });
    await assert.rejects(openSession(dir), (err: unknown) => {
      assert.ok(err instanceof SessionInUseError);
      assert.match(err.message, new RegExp(`in use by process ${holder.pid} \\(sleep 600\\)`));
      assert.equal(err.commandLine, 'sleep 600');
      return true;
    });
    const view = await readSession(dir).catch(() => null);
    assert.equal(view, null, 'no journal yet: nothing to read');

    await writeLock(dir, { pid: holder.pid });
    await assert.rejects(openSession(dir), SessionInUseError);
  });

  it('names an editor holder as a VS Code window', async () => {
    const dir = await freshDir();
    const holder = await unreapedChild();
    await writeLock(dir, { pid: holder.pid, processStart: holder.startTime, kind: 'editor' });
    await assert.rejects(openSession(dir), new RegExp(`in use by a VS Code window \\(pid ${holder.pid}\\)`));
  });
});
