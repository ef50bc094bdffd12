// `seedsmith generate` killed where nothing reaps it (a container without an init: the dead
// process stays a zombie and still answers kill(pid, 0)). The next `generate` on the session
// takes the lock over and resumes, buying nothing twice; while a holder really runs, a second
// `generate` is still refused, and the refusal names the holder's command line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readSession } from '../../src/node/sessionFolder.ts';
import { CLI_MAIN, finished, readJournalLines, seedsmithHereJson, startSeedsmith, waitFor } from '../support/engineCli.ts';
import { repeatedCacheKeys, samplesIn } from '../support/engineLineage.ts';
import { gsm8kSeed, makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const BUDGET = 16;
const MODEL = 'zombie-teacher';
const KEY = 'sk-zombie-test';

function procState(pid: number): string {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[0] ?? '?';
}

function lockPid(session: string): Promise<number | null> {
  return readFile(join(session, 'journal.lock'), 'utf8').then((text) => (JSON.parse(text) as { pid: number }).pid, () => null);
}

describe('generate and a lock left by a zombie', { skip: process.platform !== 'linux' && 'needs /proc and setsid (Linux)', timeout: 60_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seedFile: string;
  const parents: ChildProcess[] = [];

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 8 });
    teacher = await startTestTeacher({ latencyMs: 60, latencyJitterMs: 40, seed: 5 });
    teacher.learn(Array.from({ length: 8 }, (_, i) => gsm8kSeed(i)));
  });
  after(async () => {
    for (const parent of parents) {
      try {
        if (parent.pid) process.kill(-parent.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await teacher?.close();
    await dir?.remove();
  });

  const args = (session: string) => ['generate', seedFile, '--budget', String(BUDGET), '--strategy', 'answer-augmentation', '--teacher-model', MODEL, '--concurrency', '2', '--session', session, '--json'];
  const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: '' };

  /**
   * Starts `seedsmith generate` in a process group of its own (setsid), under a parent that never
   * reaps: `sh` starts it in the background and replaces itself with `sleep`, which never waits.
   */
  async function generateUnderNonReapingParent(session: string): Promise<number> {
    const parent = spawn('sh', ['-c', 'setsid "$@" >/dev/null 2>&1 & echo $!; exec sleep 600', 'sh', process.execPath, CLI_MAIN, ...args(session)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, SEEDSMITH_DEBUG: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: teacher.url },
    });
    parents.push(parent);
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout?.setEncoding('utf8').once('data', (text: string) => resolve(Number(text.trim())));
      parent.once('exit', () => reject(new Error('the parent exited')));
    });
    assert.ok(Number.isSafeInteger(pid) && pid > 0);
    return pid;
  }

  it('takes over the lock of a killed generate its parent never reaped, resumes, and buys nothing twice', async () => {
    const session = join(dir.path, 'zombie');
    const pid = await generateUnderNonReapingParent(session);
    await waitFor(async () => samplesIn((await readJournalLines(session)).events).length >= 3, 'three samples from the first run', 30_000);
    assert.equal(await lockPid(session), pid, 'the first run holds the lock');
    // Kill the CLI's whole process group, as a terminal or CI runner would; its parent lives on and never reaps it.
    process.kill(-pid, 'SIGKILL');
    await waitFor(() => procState(pid) === 'Z', 'the killed generate to be a zombie');
    assert.doesNotThrow(() => process.kill(pid, 0), 'the zombie still answers kill(pid, 0)');
    await waitFor(() => {
      const t = teacher.stats().totals;
      return t.requests === t.completions + t.clientAborts + t.hung + Object.values(t.errors).reduce((a, b) => a + b, 0);
    }, 'the teacher to end the dead process\'s requests');

    const resumed = await finished(startSeedsmith(args(session), { env: { ...env, OPENAI_BASE_URL: teacher.url } }), 40_000);
    assert.equal(resumed.code, 0, `the second generate ran: ${resumed.stderr}${resumed.stdout}`);
    assert.equal(procState(pid), 'Z', 'the holder was still a zombie when the lock was taken over');

    const journal = await readJournalLines(session);
    const { state } = await readSession(session);
    const outcomes = [...state.runs.values()].map((run) => run.outcome);
    assert.equal(outcomes[0], 'interrupted');
    assert.ok(outcomes.slice(1).every((outcome) => outcome === 'done' || outcome === 'budget'), outcomes.join(', '));
    // Nothing bought twice: no completion journaled twice, and the teacher got no more requests than the ledger counts as spent.
    assert.deepEqual(repeatedCacheKeys(journal.events), []);
    const requests = teacher.stats().models[MODEL]?.requests ?? teacher.stats().totals.requests;
    assert.ok(requests <= state.budget.teacher.spent, `the teacher got ${requests} requests, the ledger spent ${state.budget.teacher.spent}`);
    assert.ok(state.budget.teacher.spent <= BUDGET);
    assert.ok(state.samples.size > 3, 'the resumed run added samples');
    assert.equal(state.samples.size, new Set(journal.events.filter((e) => e.type === 'completion').map((e) => (e.type === 'completion' ? e.cacheKey : ''))).size, 'each completion feeds one sample');
  });

  it('refuses a second generate while the first really runs, naming its command line', async () => {
    const session = join(dir.path, 'live');
    teacher.configure({ hangRate: 1 });
    const first = startSeedsmith(args(session), { env: { ...env, OPENAI_BASE_URL: teacher.url } });
    const firstEnded = finished(first, 40_000);
    try {
      await waitFor(async () => (await lockPid(session)) === first.pid && teacher.stats().totals.hung > 0, 'the first run to hold the lock with a request at the teacher');
      const second = await finished(startSeedsmith(args(session), { env: { ...env, OPENAI_BASE_URL: teacher.url } }), 20_000);
      assert.equal(second.code, 2, second.stdout + second.stderr);
      assert.match(second.stderr, new RegExp(`in use by process ${first.pid} \\(.*main\\.ts generate .*--session ${session.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      // `status` names the holder too: a command, which one, and its command line.
      const status = await seedsmithHereJson<{ inUse: boolean; holder: { pid: number; kind: string; command: string; commandLine: string } | null }>(['status', '--session', session]);
      assert.equal(status.inUse, true);
      assert.deepEqual([status.holder?.pid, status.holder?.kind, status.holder?.command], [first.pid, 'cli', 'seedsmith generate']);
      assert.match(status.holder?.commandLine ?? '', /main\.ts generate /);
    } finally {
      first.kill('SIGKILL');
      await firstEnded;
      teacher.configure({ hangRate: 0 });
    }
  });
});
