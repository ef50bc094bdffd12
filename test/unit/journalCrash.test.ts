// Crash safety, for real: a child process writes through the real file journal and is killed
// with SIGKILL at random moments. After each kill the session is reopened and checked: every
// event whose durable append was acknowledged is there, spend covers every acknowledged
// reserve and never passes the limit or goes down, and nothing is duplicated.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parseJournalText } from '../../src/core/journal/parse.ts';
import { JOURNAL_FILE, openSession, readSession } from '../../src/node/sessionFolder.ts';
import { CRASH_CHILD, isReleased } from '../support/crashJournal.ts';
import { createRng } from '../teacher/rng.ts';

const LIMIT = 260;
const KILLS = 5;

interface ChildRun {
  readonly pid: number;
  readonly lines: string[];
  readonly exit: { code: number | null; signal: NodeJS.Signals | null };
  readonly stderr: string;
}

/** Runs the child until it has made `killAfter` acknowledgements of any kind (then SIGKILL), or to its end. */
function runChild(dir: string, runId: string, killAfter: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(CRASH_CHILD), dir, runId, String(LIMIT)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let acks = 0;
    const guard = setTimeout(() => child.kill('SIGKILL'), 8000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (/^[RSP] /.test(line) && ++acks === killAfter) child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ pid: child.pid ?? -1, lines, exit: { code, signal }, stderr });
    });
  });
}

describe('journal crash safety', { timeout: 30_000 }, () => {
  it(`keeps every acknowledged event through ${KILLS} SIGKILLs and a torn write`, async (t) => {
    const seed = Number(process.env['SEEDSMITH_CRASH_SEED'] ?? Date.now() % 100_000);
    t.diagnostic(`seed ${seed} (rerun with SEEDSMITH_CRASH_SEED=${seed})`);
    const rng = createRng(seed);
    const dir = await mkdtemp(path.join(tmpdir(), 'seedsmith-crash-'));
    const journalPath = path.join(dir, JOURNAL_FILE);
    const acked = { R: new Set<string>(), S: new Set<string>(), P: new Set<string>() };
    let lastSpent = 0;
    let previousPid: number | null = null;
    let tornBytes = 0;
    try {
      for (let round = 1; round <= KILLS + 1; round++) {
        const last = round === KILLS + 1;
        const killAfter = last ? Number.POSITIVE_INFINITY : rng.int(3, 150);
        const run = await runChild(dir, `run${round}`, killAfter);
        const where = `seed ${seed}, round ${round}`;
        assert.equal(run.stderr, '', `${where}: child stderr`);
        if (last) assert.deepEqual(run.exit, { code: 0, signal: null }, `${where}: the last child runs to the end of the budget`);
        else assert.equal(run.exit.signal, 'SIGKILL', `${where}: killed (exit ${JSON.stringify(run.exit)})`);

        // The child reopened what the previous one left: the dead process's lock taken over,
        // the torn line we added cut off.
        const open = run.lines.find((l) => l.startsWith('OPEN '));
        assert.ok(open, `${where}: the child opened the session`);
        const opened = JSON.parse(open.slice(5)) as { tookOver: number | null; truncated: number; spent: number };
        assert.equal(opened.tookOver, previousPid, `${where}: took over the dead child's lock`);
        assert.equal(opened.truncated, tornBytes, `${where}: cut the torn tail`);
        assert.ok(opened.spent >= lastSpent, `${where}: rebuilt spend ${opened.spent} < ${lastSpent}`);
        previousPid = last ? null : run.pid;

        for (const line of run.lines) {
          const [kind, id] = line.split(' ');
          if ((kind === 'R' || kind === 'S' || kind === 'P') && id) {
            assert.ok(!acked[kind].has(id), `${where}: ${line} acknowledged twice`);
            acked[kind].add(id);
          }
        }

        const view = await readSession(dir);
        assert.equal(view.holder?.live ?? false, false, `${where}: the lock is not held by anyone alive`);
        const text = await readFile(journalPath, 'utf8');
        const { events, report } = parseJournalText(text);
        const reserves = events.flatMap((e) => (e.type === 'reserve' ? [e.attemptId] : []));
        const settles = events.flatMap((e) => (e.type === 'settle' ? [e.attemptId] : []));
        const samples = events.flatMap((e) => (e.type === 'sample' ? [e.sample.id] : []));
        const lines = text.split('\n').filter((l) => l !== '');
        assert.equal(new Set(lines).size, lines.length, `${where}: a line is duplicated`);
        assert.equal(new Set(reserves).size, reserves.length, `${where}: a reserve is duplicated`);
        assert.equal(new Set(settles).size, settles.length, `${where}: a settle is duplicated`);
        assert.equal(new Set(samples).size, samples.length, `${where}: a sample is duplicated`);
        assert.ok(report.tornTail === null || report.tornTail.line === lines.length + (text.endsWith('\n') ? 1 : 0), `${where}: only the last line may be torn`);
        const missing = (ackedIds: Set<string>, present: string[], prefix = '') => [...ackedIds].filter((id) => !present.includes(prefix + id));
        assert.deepEqual(missing(acked.R, reserves), [], `${where}: acknowledged reserves missing`);
        assert.deepEqual(missing(acked.S, settles), [], `${where}: acknowledged settles missing`);
        assert.deepEqual(missing(acked.P, samples, 's-'), [], `${where}: acknowledged samples missing`);

        const budget = view.state.budget.teacher;
        const mustBeSpent = [...acked.R].filter((id) => !isReleased(id)).length;
        assert.ok(budget.spent >= mustBeSpent, `${where}: spent ${budget.spent} < ${mustBeSpent} acknowledged billable reserves`);
        assert.ok(budget.spent <= LIMIT, `${where}: spent ${budget.spent} passed the limit ${LIMIT}`);
        assert.ok(budget.spent >= lastSpent, `${where}: spend went down (${lastSpent} → ${budget.spent})`);
        assert.equal(budget.released, settles.filter(isReleased).length);
        assert.deepEqual(view.state.warnings, [], `${where}: reducer warnings`);
        lastSpent = budget.spent;
        t.diagnostic(`round ${round}: ${acked.R.size} reserves acknowledged so far, spent ${budget.spent} (${budget.unsettled} unsettled), ${events.length} events${report.tornTail ? ', torn tail' : ''}`);

        tornBytes = report.tornTail?.bytes ?? 0;
        if (round === 2) {
          // A write the kill cut short: half a line, no newline.
          const half = '{"type":"reserve","at":"2025-01-01T00:00:00.000Z","attemptId":"ghost","ro';
          await appendFile(journalPath, half);
          tornBytes += half.length;
        }
      }
      // The end: the budget is used up to the limit and not a query past it.
      const final = await openSession(dir);
      const spent = final.ledger.role('teacher').spent;
      assert.ok(spent <= LIMIT && spent >= LIMIT - 16, `final spend ${spent} of ${LIMIT}`);
      assert.equal(final.state.runs.get(`run${KILLS + 1}`)?.outcome, 'budget');
      assert.equal([...final.state.runs.values()].filter((r) => r.outcome === 'interrupted').length, KILLS);
      await final.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
