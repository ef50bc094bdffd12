// `seedsmith generate` killed with SIGKILL at several points (after a few samples, after many,
// and while requests are at the teacher), with review decisions between the kills, then resumed
// until it finishes. Nothing the journal held before a kill is lost (it is append-only: the old
// lines are the new journal's first lines, event by event), no completion is bought twice, and
// the budget holds throughout, by the ledger and by the teacher's own count.
//
// Accounting, per run and model. The teacher counts a completion when it commits its 200. The
// journal of a run that was killed shows attempts settled as completed (the teacher served each:
// S), attempts reserved and never settled (U: the process died with them out; each may or may
// not have been served, and counts as spent), and completion events (E ≤ S: the cache). So the
// teacher served D completions in that run with S ≤ D ≤ S + U, and D − E of them are purchases
// the killed process never recorded: the only ones a later run may buy again.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ModelRole } from '../../src/core/model/chat.ts';
import { readSession } from '../../src/node/sessionFolder.ts';
import { finished, readJournalLines, seedsmithHere, startSeedsmith, waitFor } from '../support/engineCli.ts';
import type { CliRun, JournalRead } from '../support/engineCli.ts';
import { repeatedCacheKeys, samplesIn } from '../support/engineLineage.ts';
import { runSegments } from '../support/engineSegments.ts';
import type { PerRole } from '../support/engineSegments.ts';
import { gsm8kSeed, makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const LIMIT = 40;
const MODELS: Readonly<Record<ModelRole, string>> = { teacher: 'crash-teacher', augmenter: 'crash-augmenter' };
const ROLES = ['teacher', 'augmenter'] as const;

interface Life {
  readonly run: CliRun;
  readonly killed: boolean;
  /** What the teacher served while this process lived (its requests ended before it was read). */
  readonly served: PerRole;
}

describe('generate killed and resumed', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seedFile: string;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 12 });
    teacher = await startTestTeacher({ latencyMs: 80, latencyJitterMs: 60, seed: 3 });
    teacher.learn(Array.from({ length: 12 }, (_, i) => gsm8kSeed(i)));
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  const servedNow = (): PerRole => {
    const models = teacher.stats().models;
    return { teacher: models[MODELS.teacher]?.completions ?? 0, augmenter: models[MODELS.augmenter]?.completions ?? 0 };
  };
  /** Requests the teacher has received and not yet ended. */
  const openAtTeacher = (): number => {
    const t = teacher.stats().totals;
    return t.requests - t.completions - t.hung - t.clientAborts - Object.values(t.errors).reduce((a, b) => a + b, 0);
  };

  /** Runs generate until it ends, or until `killWhen` holds, then SIGKILLs it. */
  async function live(session: string, args: readonly string[], killWhen: ((journal: JournalRead) => boolean) | null): Promise<Life> {
    const before = servedNow();
    const child = startSeedsmith(['generate', seedFile, ...args, '--session', session, '--json'], { env: { OPENAI_API_KEY: 'sk-crash-test', OPENAI_BASE_URL: teacher.url } });
    // The limits below only keep a hung process from hanging the suite: every wait is for an
    // event (the kill point in the journal, the process's exit, the teacher's own count). With
    // both cores busy elsewhere a run takes 10-30 times as long as on an idle machine.
    const ended = finished(child, 180_000);
    if (killWhen) {
      await waitFor(async () => child.exitCode !== null || killWhen(await readJournalLines(session)), 'the kill point', 120_000, 5);
      child.kill('SIGKILL');
    }
    const run = await ended;
    // The teacher sees the dead process's sockets close a moment later.
    await waitFor(() => openAtTeacher() === 0, 'the teacher to end the dead process\'s requests', 60_000);
    const now = servedNow();
    return { run, killed: run.signal === 'SIGKILL', served: { teacher: now.teacher - before.teacher, augmenter: now.augmenter - before.augmenter } };
  }

  /** After a kill: the budget held, by the journal and by the teacher. */
  async function checkBudget(session: string, when: string): Promise<void> {
    const { state } = await readSession(session);
    for (const role of ROLES) {
      assert.ok(state.budget[role].spent <= LIMIT, `${when}: ${role} spent ${state.budget[role].spent} ≤ ${LIMIT}`);
      assert.ok((teacher.stats().models[MODELS[role]]?.completions ?? 0) <= LIMIT, `${when}: the teacher served the ${role} at most ${LIMIT}`);
    }
  }

  /** The journal now begins with every complete line it had before (a torn last line may go). */
  function checkKept(previous: JournalRead, now: JournalRead, when: string): void {
    assert.ok(now.lines.length >= previous.lines.length, `${when}: the journal lost lines`);
    for (let i = 0; i < previous.lines.length; i++) {
      if (now.lines[i] !== previous.lines[i]) assert.fail(`${when}: journal line ${i + 1} changed:\n  before: ${previous.lines[i]}\n  after:  ${now.lines[i]}`);
    }
  }

  const samplesCount = (journal: JournalRead) => journal.events.filter((e) => e.type === 'sample').length;
  const lastRunUnsettled = (journal: JournalRead) => {
    const segment = runSegments(journal.events).at(-1);
    return segment ? segment.unsettled.teacher + segment.unsettled.augmenter : 0;
  };

  it('keeps every sample and decision, buys nothing twice and stays within the budget', async () => {
    const session = join(dir.path, 'qr');
    const args = ['--budget', String(LIMIT), '--strategy', 'question-rephrase', '--teacher-model', MODELS.teacher, '--augmenter-model', MODELS.augmenter, '--questions-per-call', '2', '--concurrency', '4'];
    const lives: Life[] = [];
    const decided = new Map<string, 'accepted' | 'rejected'>();
    let kept: JournalRead = { events: [], lines: [], tail: null };

    const kill = async (when: string, killWhen: (journal: JournalRead) => boolean, decide?: (journal: JournalRead) => Promise<void>) => {
      const life = await live(session, args, killWhen);
      lives.push(life);
      assert.ok(life.killed, `${when}: the run ended by itself before the kill point (exit ${life.run.code}): ${life.run.stdout}${life.run.stderr}`);
      const journal = await readJournalLines(session);
      checkKept(kept, journal, when);
      await checkBudget(session, when);
      if (decide) await decide(journal);
      kept = await readJournalLines(session);
    };

    // 1. Killed after three samples; two of them accepted.
    await kill('after 3 samples', (j) => samplesCount(j) >= 3, async (journal) => {
      const ids = samplesIn(journal.events).slice(0, 2).map((s) => s.id);
      const run = await seedsmithHere(['decide', '--session', session, '--accept', ...ids]);
      assert.equal(run.code, 0, run.stderr);
      for (const id of ids) decided.set(id, 'accepted');
    });
    // 2. Resumed, killed after twelve samples in all; one rejected.
    await kill('after 12 samples', (j) => samplesCount(j) >= 12, async (journal) => {
      const id = samplesIn(journal.events).map((s) => s.id).find((candidate) => !decided.has(candidate));
      assert.ok(id);
      const run = await seedsmithHere(['decide', '--session', session, '--reject', id, '--reason', 'checked by hand']);
      assert.equal(run.code, 0, run.stderr);
      decided.set(id, 'rejected');
    });
    // 3. Resumed, killed while requests are at the teacher.
    const samplesBefore = samplesCount(kept);
    await kill('with requests in flight', (j) => samplesCount(j) > samplesBefore && lastRunUnsettled(j) >= 2 && openAtTeacher() >= 2);
    // 4. Resumed until it finishes by itself.
    for (let resume = 0; resume < 3; resume++) {
      const life = await live(session, args, null);
      lives.push(life);
      assert.equal(life.run.code, 0, life.run.stdout + life.run.stderr);
      const journal = await readJournalLines(session);
      checkKept(kept, journal, `resume ${resume + 1}`);
      kept = journal;
      if ((JSON.parse(life.run.stdout) as { samplesAdded: number }).samplesAdded === 0) break;
    }

    const journal = await readJournalLines(session);
    assert.equal(journal.tail, null);
    const { state } = await readSession(session);
    // Samples and decisions: all there, as decided.
    for (const [id, review] of decided) assert.equal(state.reviews.get(id)?.state, review, `decision on ${id}`);
    assert.equal(state.samples.size, samplesIn(journal.events).length);
    assert.deepEqual(state.warnings, []);
    // Nothing bought twice, by the journal's account.
    assert.deepEqual(repeatedCacheKeys(journal.events), []);
    // The budget, by the ledger and by the teacher.
    const segments = runSegments(journal.events);
    assert.equal(segments.length, lives.length, 'one run per process');
    for (const role of ROLES) {
      const served = teacher.stats().models[MODELS[role]]?.completions ?? 0;
      assert.ok(state.budget[role].spent <= LIMIT, `${role} spent ${state.budget[role].spent}`);
      assert.ok(served <= state.budget[role].spent, `${role}: the teacher served ${served}, the ledger spent ${state.budget[role].spent}`);
      let lost = 0;
      let recorded = 0;
      segments.forEach((segment, k) => {
        const d = lives[k]?.served[role] ?? -1;
        const s = segment.completedSettles[role];
        const u = segment.unsettled[role];
        const e = segment.completionEvents[role];
        const what = `${role}, run ${k + 1} (${lives[k]?.killed ? 'killed' : 'finished'}): served ${d}, settled completed ${s}, unsettled ${u}, completion events ${e}`;
        assert.ok(s <= d && d <= s + u, what);
        assert.ok(e <= s, what);
        if (!lives[k]?.killed) assert.deepEqual([d, u, e], [s, 0, s], `a run that finished records every purchase: ${what}`);
        lost += d - e;
        recorded += e;
      });
      // What the teacher served = the distinct completions journaled + those lost with a killed process.
      const distinct = new Set(journal.events.filter((e) => e.type === 'completion' && e.role === role).map((e) => e.type === 'completion' ? e.cacheKey : '')).size;
      assert.equal(recorded, distinct);
      assert.equal(served, distinct + lost, `${role}: served ${served} = ${distinct} journaled + ${lost} lost in flight`);
    }
    const runs = [...state.runs.values()].map((run) => run.outcome);
    assert.deepEqual(runs.slice(0, 3), ['interrupted', 'interrupted', 'interrupted']);
    assert.ok(runs.slice(3).every((outcome) => outcome === 'done' || outcome === 'budget'), runs.join(', '));

    // Nothing bought is thrown away: this teacher fails nothing, so every completion in the
    // journal feeds a sample, a resumed run that adds no sample buys nothing, and resuming until
    // done uses the whole teacher budget (the requests lost with a killed process included).
    const cited = new Set(samplesIn(journal.events).flatMap((sample) => sample.calls.map((call) => call.cacheKey)));
    const unused = journal.events.filter((e) => e.type === 'completion' && !cited.has(e.cacheKey)).map((e) => (e.type === 'completion' ? `${e.role}: ${e.result.content.slice(0, 60)}` : ''));
    assert.deepEqual(unused, [], `${unused.length} completions bought that feed no sample`);
    for (const life of lives.filter((l) => !l.killed)) {
      if ((JSON.parse(life.run.stdout) as { samplesAdded: number }).samplesAdded === 0) assert.deepEqual(life.served, { teacher: 0, augmenter: 0 }, 'a run that added nothing bought nothing');
    }
    assert.equal(state.budget.teacher.spent, LIMIT, 'resumed until done, the teacher budget is used');
  });
});
