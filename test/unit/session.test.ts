// The session folder: where it lives, one writer at a time (with stale locks taken over),
// read-only views while a run goes on, and a state and ledger rebuilt from the journal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMeter, sequentialIds } from '../../src/core/budget/meter.ts';
import type { JournalEvent, RunStartEvent } from '../../src/core/journal/events.ts';
import { JournalCorruptError, parseJournalText } from '../../src/core/journal/parse.ts';
import { beginRun, endRun } from '../../src/core/session/runs.ts';
import { defaultSessionDir, JOURNAL_FILE, LOCK_FILE, openSession, readSession, resolveSessionDir, SessionNotFoundError } from '../../src/node/sessionFolder.ts';
import { SessionInUseError } from '../../src/node/sessionLock.ts';

const at = '2025-03-01T12:00:00.000Z';
const runStart = (runId: string, teacher: number): RunStartEvent => ({
  type: 'run-start', at, runId, strategy: 'question-rephrase', seedFile: 'seeds.jsonl', seedCount: 2, limits: { teacher, augmenter: teacher },
  teacher: { model: 't', endpoint: 'http://x' }, augmenter: { model: 'a', endpoint: 'http://x' }, exampleSampleIds: [], options: {},
});
const sampleEvent = (id: string, runId: string): JournalEvent => ({
  type: 'sample', at,
  sample: { id, unitKey: `u-${id}`, runId, outputKey: '0', strategy: 'question-rephrase', question: 'q?', answer: 'a.', flags: [], seedLines: [1], seedHashes: ['h'], exampleSampleIds: [], calls: [], teacher: { model: 't', endpoint: 'http://x' }, augmenter: null, createdAt: at },
});

let root = '';
let n = 0;
before(async () => void (root = await mkdtemp(path.join(tmpdir(), 'seedsmith-session-'))));
after(async () => rm(root, { recursive: true, force: true }));
const freshDir = () => path.join(root, `s${++n}`);

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.ok(child.pid && child.pid > 0);
  return child.pid;
}

describe('session folder location', () => {
  it('defaults to .seedsmith/<seed file stem>/ beside the seed file; --session wins', () => {
    assert.equal(defaultSessionDir('/data/gsm8k.jsonl'), path.join('/data', '.seedsmith', 'gsm8k'));
    assert.equal(defaultSessionDir('/data/math.train.jsonl'), path.join('/data', '.seedsmith', 'math.train'));
    assert.equal(defaultSessionDir('/data/seeds'), path.join('/data', '.seedsmith', 'seeds'));
    assert.equal(defaultSessionDir('rel/s.jsonl'), path.resolve('rel', '.seedsmith', 's'));
    assert.equal(resolveSessionDir({ seedFile: '/data/a.jsonl', session: '/elsewhere/x' }), '/elsewhere/x');
    assert.equal(resolveSessionDir({ seedFile: '/data/a.jsonl' }), path.join('/data', '.seedsmith', 'a'));
    assert.throws(() => resolveSessionDir({}), /Which session/);
  });
});

describe('openSession / readSession', { timeout: 10_000 }, () => {
  it('starts empty, keeps state current as events are appended, and rebuilds it all on reopen', async () => {
    const dir = freshDir();
    const s1 = await openSession(dir);
    assert.equal(s1.state.events, 0);
    assert.equal(s1.recovery.read, null);
    await beginRun(s1.ledger, s1.journal, runStart('r1', 3));
    assert.equal(s1.ledger.role('teacher').limit, 3, 'the run raised the ledger’s limit');
    const meter = createMeter(s1.ledger, s1.journal, 'teacher', 'r1', sequentialIds('r1'));
    await meter.beforeAttempt();
    await meter.afterAttempt({ kind: 'completed', status: 200 });
    await meter.beforeAttempt();
    await meter.afterAttempt({ kind: 'released', status: 503, reason: 'server error' });
    await s1.journal.append(sampleEvent('s1', 'r1'), { durable: true });
    await s1.journal.append({ type: 'decision', at, sampleId: 's1', decision: 'accept', source: 'cli' }, { durable: true });
    await endRun(s1.journal, { type: 'run-end', at, runId: 'r1', reason: 'done' });
    assert.deepEqual(s1.state.counts, { total: 1, pending: 0, accepted: 1, rejected: 0, flagged: 0 });
    assert.deepEqual(s1.state.budget.teacher, { limit: 3, spent: 1, completed: 1, uncertain: 0, unsettled: 0, released: 1 });
    assert.ok(s1.journalStats().syncs >= 1);
    await s1.close();
    assert.equal(existsSync(path.join(dir, LOCK_FILE)), false, 'close releases the lock');

    const s2 = await openSession(dir);
    assert.deepEqual(s2.state.budget, s1.state.budget);
    assert.deepEqual(s2.state.counts, s1.state.counts);
    assert.equal(s2.state.runs.get('r1')?.outcome, 'done');
    assert.deepEqual(s2.ledger.role('teacher'), { limit: 3, spent: 1, completed: 1, uncertain: 0, reserved: 0, released: 1, remaining: 2 });
    await s2.close();
  });

  it('shows spend only once it is in the journal file', async () => {
    const dir = freshDir();
    const s = await openSession(dir);
    await beginRun(s.ledger, s.journal, runStart('r', 5));
    const seen: string[] = [];
    const meter = createMeter(s.ledger, s.journal, 'teacher', 'r', sequentialIds('r'), {
      onChange: () => {
        const text = readFileSync(path.join(dir, JOURNAL_FILE), 'utf8');
        seen.push(parseJournalText(text).events.at(-1)?.type ?? 'nothing');
      },
    });
    const stateSpend: number[] = [];
    const off = s.journal.subscribe((_e, state) => void stateSpend.push(state.budget.teacher.spent));
    await meter.beforeAttempt();
    await meter.afterAttempt({ kind: 'uncertain', reason: 'timeout' });
    off();
    await s.journal.append(sampleEvent('x', 'r'));
    assert.deepEqual(seen, ['settle'], 'the listener ran after the settle was on disk');
    assert.deepEqual(stateSpend, [1, 1], 'reserve then settle, each applied once written; nothing after unsubscribing');
    assert.equal(s.state.samples.size, 1);
    await s.close();
  });

  it('lets one writer in: a second open is refused naming the process; readers are not', async () => {
    const dir = freshDir();
    const s = await openSession(dir);
    await beginRun(s.ledger, s.journal, runStart('r', 5));
    await assert.rejects(openSession(dir), (err: unknown) => err instanceof SessionInUseError && err.message.includes(`session is in use by process ${process.pid}`) && err.holder.pid === process.pid);
    const view = await readSession(dir);
    assert.equal(view.state.runs.get('r')?.outcome, 'interrupted');
    assert.deepEqual(view.holder?.live, true);
    assert.equal(view.holder?.info.pid, process.pid);
    await s.close();
    assert.equal((await readSession(dir)).holder, null);
  });

  it('takes over a lock left by a dead process, but not one from another host', async () => {
    const dir = freshDir();
    await mkdir(dir, { recursive: true });
    const pid = deadPid();
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: hostname(), startedAt: at }) + '\n');
    assert.equal((await readSession(dir).catch((e: unknown) => e)) instanceof SessionNotFoundError, true);
    const s = await openSession(dir);
    assert.equal(s.recovery.tookOverLock?.pid, pid);
    const lock = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; hostname: string };
    assert.deepEqual([lock.pid, lock.hostname], [process.pid, hostname()]);
    await s.close();

    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: 'build-server-7', startedAt: at }) + '\n');
    await assert.rejects(openSession(dir), /in use by process \d+ on build-server-7.*delete .*journal\.lock/);
    assert.equal((await readSession(dir)).holder?.live, true, 'another host’s process cannot be checked: assumed live');
  });

  it('treats an old unreadable lock as stale (a power cut can leave it empty)', async () => {
    const dir = freshDir();
    await mkdir(dir, { recursive: true });
    const lockPath = path.join(dir, LOCK_FILE);
    await writeFile(lockPath, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const s = await openSession(dir);
    await s.close();
  });

  it('mustExist and readSession refuse a folder without a journal', async () => {
    const dir = freshDir();
    await assert.rejects(openSession(dir, { mustExist: true }), SessionNotFoundError);
    await assert.rejects(readSession(dir), (err: unknown) => err instanceof SessionNotFoundError && err.message.includes(dir));
    assert.equal(existsSync(dir), false, 'nothing was created');
  });

  it('recovers from a torn tail: reported, cut, and the unsettled reserve kept as spent', async () => {
    const dir = freshDir();
    const s = await openSession(dir);
    await beginRun(s.ledger, s.journal, runStart('r', 10));
    const meter = createMeter(s.ledger, s.journal, 'teacher', 'r', sequentialIds('r'));
    await meter.beforeAttempt(); // the process "dies" with this request out
    await s.journal.close(); // (closing the file, leaving the lock as a dead process would)
    const journalPath = path.join(dir, JOURNAL_FILE);
    const torn = '{"type":"settle","at":"2025","attemptId":"r.1","ro';
    await appendFile(journalPath, torn);

    const view = await readSession(dir);
    assert.equal(view.read.tornTail?.bytes, torn.length);
    assert.equal(view.state.budget.teacher.spent, 1);

    // Our own pid holds the lock: pretend it is dead to model the restart.
    const s2 = await openSession(dir, { lock: { isAlive: () => false } });
    assert.equal(s2.recovery.read?.tornTail?.line, 3);
    assert.equal(s2.recovery.repair.truncatedBytes, torn.length);
    assert.equal(s2.recovery.tookOverLock?.pid, process.pid);
    assert.deepEqual(s2.ledger.role('teacher'), { limit: 10, spent: 1, completed: 0, uncertain: 1, reserved: 0, released: 0, remaining: 9 });
    assert.deepEqual([...s2.state.unsettled.keys()], ['r.1']);
    await s2.journal.append(sampleEvent('after', 'r'), { durable: true });
    await s2.close();
    const text = await readFile(journalPath, 'utf8');
    assert.ok(text.endsWith('\n') && !text.includes(torn));
    assert.equal(parseJournalText(text).events.length, 3);
  });

  it('refuses to open a journal damaged in the middle, naming the file and line, and releases the lock', async () => {
    const dir = freshDir();
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, JOURNAL_FILE), JSON.stringify(runStart('r', 1)) + '\nnot json\n' + JSON.stringify(runStart('q', 1)) + '\n');
    await assert.rejects(openSession(dir), (err: unknown) => err instanceof JournalCorruptError && err.line === 2 && err.message.includes(path.join(dir, JOURNAL_FILE)));
    assert.equal(existsSync(path.join(dir, LOCK_FILE)), false);
    await assert.rejects(readSession(dir), JournalCorruptError);
  });
});
