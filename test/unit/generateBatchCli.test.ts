// `seedsmith generate --batch` against the test teacher's Batch API, through the real CLI and the
// openai SDK: the ledger spends exactly what the teacher executed, expired lines are released and
// resubmitted with a new attempt id, a failed validation releases everything, and a CLI killed
// while a batch is in flight settles it once when run again.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { readJournalLines, seedsmith, seedsmithHereJson, startSeedsmith, finished, waitFor } from '../support/engineCli.ts';
import { makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

interface StatusJson {
  teacher: { limit: number; spent: number; completed: number; uncertain: number };
  augmenter: { limit: number; spent: number; completed: number };
  samples: { total: number };
  batches: { inFlight: { batchKey: string; batchId: string | null; lines: number }[] };
}

const env = (teacher: TestTeacher) => ({ OPENAI_API_KEY: 'sk-batch-test', OPENAI_BASE_URL: teacher.url });
const generate = (seedFile: string, session: string, budget: number, strategy = 'answer-augmentation', extra: string[] = []) => ['generate', seedFile, '--batch', '--poll-ms', '20', '--budget', String(budget), '--strategy', strategy, '--teacher-model', 'seedsmith-teacher', '--session', session, ...extra];

function events(lines: readonly JournalEvent[], type: JournalEvent['type']): JournalEvent[] {
  return lines.filter((e) => e.type === type);
}

describe('seedsmith generate --batch', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let seedFile: string;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 10 });
  });
  after(async () => {
    await dir?.remove();
  });

  it('spends exactly what the teacher executed; expired lines are released and resubmitted with a new attempt id', async () => {
    // A line's fate is drawn from its custom id, which holds the run's id (the time it started), so
    // each run meets other fates: at these rates a run of 25 lines meets no failure or no expiry
    // once in some 175,000 runs (at 0.1 it met no failure about one run in 20).
    const teacher = await startTestTeacher({ seed: 4, batchExpireRate: 0.4, batchLineErrorRate: 0.4, batchShuffle: true, batchFileDelayMs: 30 });
    try {
      const session = join(dir.path, 'aa');
      const run = await seedsmith(generate(seedFile, session, 25), { env: env(teacher) });
      assert.equal(run.code, 0, run.stderr);
      const stats = teacher.batchStats();
      assert.ok(stats.expired > 0 && stats.failed > 0, JSON.stringify(stats));
      const status = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      assert.equal(status.teacher.spent, stats.executed, 'spent = lines the teacher ran (completed + failed)');
      assert.equal(status.teacher.completed, stats.succeeded);
      assert.equal(status.teacher.uncertain, stats.failed);
      assert.ok(status.teacher.spent <= 25);
      assert.equal(status.samples.total, stats.succeeded);
      assert.deepEqual(status.batches.inFlight, []);
      const { events: journal } = await readJournalLines(session);
      const lines = events(journal, 'batch-line') as Extract<JournalEvent, { type: 'batch-line' }>[];
      const resubmitted = lines.filter((l) => l.customId.endsWith(':2'));
      assert.ok(resubmitted.length > 0, 'expired requests went out again with attempt 2');
      for (const again of resubmitted) assert.ok(lines.some((l) => l.cacheKey === again.cacheKey && l.customId.endsWith(':1')));
      assert.equal(new Set(lines.map((l) => l.customId)).size, lines.length, 'custom ids are unique');
      assert.equal(teacher.stats().totals.completions, stats.succeeded);
    } finally {
      await teacher.close();
    }
  });

  for (const strategy of ['question-rephrase', 'new-question'] as const) {
    it(`${strategy} runs as two dependent batches (augmenter, then teacher), spending what the teacher executed`, async () => {
      const teacher = await startTestTeacher({ seed: 7, batchExpireRate: 0.2, batchShuffle: true });
      try {
        const session = join(dir.path, strategy);
        const run = await seedsmith(generate(seedFile, session, 12, strategy, ['--questions-per-call', '2']), { env: env(teacher) });
        assert.equal(run.code, 0, run.stderr);
        const stats = teacher.batchStats();
        const status = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
        assert.equal(status.teacher.spent + status.augmenter.spent, stats.executed);
        assert.ok(status.augmenter.completed > 0 && status.teacher.completed > 0);
        assert.ok(status.teacher.spent <= 12 && status.augmenter.spent <= 12);
        assert.equal(status.samples.total, status.teacher.completed, 'one sample per answered question');
        const { events: journal } = await readJournalLines(session);
        const prepared = events(journal, 'batch-prepared') as Extract<JournalEvent, { type: 'batch-prepared' }>[];
        const firstTeacher = prepared.findIndex((b) => b.role === 'teacher');
        assert.ok(firstTeacher > 0 && prepared[0]!.role === 'augmenter', 'the augmenter batch comes first');
        const settledAt = journal.findIndex((e) => e.type === 'batch-settled');
        assert.ok(settledAt < journal.indexOf(prepared[firstTeacher]!), 'the teacher batch is built after the augmenter batch settled');
      } finally {
        await teacher.close();
      }
    });
  }

  it('a failed validation releases every line, runs nothing and shows the provider error', async () => {
    const teacher = await startTestTeacher({ seed: 5, batchValidationError: 'Line 1: the body is not valid for this endpoint.' });
    try {
      const session = join(dir.path, 'invalid');
      const run = await seedsmith(generate(seedFile, session, 8), { env: env(teacher) });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout + run.stderr, /Line 1: the body is not valid for this endpoint/);
      const status = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      assert.equal(status.teacher.spent, 0);
      assert.equal(teacher.batchStats().batches, 1, 'not sent again: it would fail the same way');
      assert.equal(teacher.stats().totals.completions, 0);
    } finally {
      await teacher.close();
    }
  });

  it('killed while a batch is in flight, the next run picks the batch up and settles it once', async () => {
    const teacher = await startTestTeacher({ seed: 6, batchDelayMs: 600_000, batchLineErrorRate: 0.1 });
    try {
      const session = join(dir.path, 'killed');
      const child = startSeedsmith(generate(seedFile, session, 12), { env: env(teacher) });
      const exit = finished(child);
      await waitFor(async () => (await readJournalLines(session).catch(() => ({ events: [] as JournalEvent[] }))).events.some((e) => e.type === 'batch-submitted'), 'the batch to be submitted');
      child.kill('SIGKILL');
      await exit;
      const during = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      assert.equal(during.batches.inFlight.length, 1);
      assert.equal(during.teacher.spent, 12, 'the lines out are counted while in flight');
      assert.equal(teacher.stats().totals.completions, 0, 'nothing ran yet');
      teacher.configure({ batchDelayMs: 0 });
      const again = await seedsmith(generate(seedFile, session, 12), { env: env(teacher) });
      assert.equal(again.code, 0, again.stderr);
      const stats = teacher.batchStats();
      assert.equal(stats.batches, 1, 'the batch in flight was picked up, not submitted again');
      const after = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      assert.deepEqual(after.batches.inFlight, []);
      assert.equal(after.teacher.spent, stats.executed);
      assert.equal(after.teacher.completed, stats.succeeded);
      assert.equal(after.samples.total, stats.succeeded, 'no sample lost, none twice');
      const { events: journal } = await readJournalLines(session);
      assert.equal(events(journal, 'batch-settled').length, 1);
      const completions = events(journal, 'completion') as Extract<JournalEvent, { type: 'completion' }>[];
      assert.equal(new Set(completions.map((c) => c.cacheKey)).size, completions.length, 'no completion booked twice');
      // Once more: nothing is left to send or settle, and nothing changes.
      const third = await seedsmith(generate(seedFile, session, 12), { env: env(teacher) });
      assert.equal(third.code, 0, third.stderr);
      assert.equal(teacher.batchStats().batches, 1);
      const { runs: _runs, ...last } = await seedsmithHereJson<StatusJson & { runs: unknown }>(['status', '--session', session]);
      const { runs: _before, ...settledView } = after as StatusJson & { runs: unknown };
      assert.deepEqual(last, settledView);
    } finally {
      await teacher.close();
    }
  });

  it('a batch run continued with another --answer-kind goes on with the kind it started with: every answer it bought becomes a sample', async () => {
    const teacher = await startTestTeacher({ seed: 7, batchDelayMs: 600_000 });
    try {
      const session = join(dir.path, 'other-kind');
      const child = startSeedsmith(generate(seedFile, session, 8, 'answer-augmentation', ['--answer-kind', 'text']), { env: env(teacher) });
      const exit = finished(child);
      await waitFor(async () => (await readJournalLines(session).catch(() => ({ events: [] as JournalEvent[] }))).events.some((e) => e.type === 'batch-submitted'), 'the batch to be submitted');
      child.kill('SIGKILL');
      await exit;
      teacher.configure({ batchDelayMs: 0 });
      // The same command without the flag: the seeds alone would be read as numbers.
      const again = await seedsmith(generate(seedFile, session, 8), { env: env(teacher) });
      assert.equal(again.code, 0, again.stderr);
      const stats = teacher.batchStats();
      assert.equal(stats.batches, 1);
      const after = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      assert.equal(after.teacher.spent, stats.executed);
      assert.equal(after.samples.total, stats.succeeded, 'an answer bought and not made into a sample is money lost');
      assert.match(again.stderr, /continuing batch run \S+ with the answer kind it started with \(text\)/);
    } finally {
      await teacher.close();
    }
  });

  it('Ctrl-C offers to cancel; a second Ctrl-C cancels the batch at the provider and releases its unrun lines', async () => {
    const teacher = await startTestTeacher({ seed: 8, batchDelayMs: 600_000 });
    try {
      const session = join(dir.path, 'cancelled');
      const child = startSeedsmith(generate(seedFile, session, 6), { env: env(teacher) });
      let stderr = '';
      child.stderr.on('data', (chunk: string | Buffer) => (stderr += String(chunk)));
      const exit = finished(child);
      await waitFor(async () => (await readJournalLines(session).catch(() => ({ events: [] as JournalEvent[] }))).events.some((e) => e.type === 'batch-submitted'), 'the batch to be submitted');
      child.kill('SIGINT');
      await waitFor(() => stderr.includes('Ctrl-C again'), 'the offer to cancel');
      assert.equal(teacher.batchStats().cancelled, 0, 'one Ctrl-C cancels nothing');
      child.kill('SIGINT');
      const run = await exit;
      assert.equal(run.code, 0, stderr);
      assert.equal(teacher.batchStats().cancelled, 6);
      assert.equal(teacher.batchStats().batches, 1, 'nothing resubmitted after a cancel');
      const status = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      assert.equal(status.teacher.spent, 0, 'cancelled before running: nothing spent');
      assert.deepEqual(status.batches.inFlight, []);
    } finally {
      await teacher.close();
    }
  });
});
