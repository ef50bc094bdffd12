// The editor's batch runs without the editor (src/host/generation/batchSession.ts), against the
// real test teacher through the real openai SDK: the probe that decides whether "Run as batch"
// is offered, a run whose ledger equals what the teacher executed, Cancel at the provider, and
// the resumption on the next start of a batch a closed editor left in flight.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BatchRunConfig } from '../../src/core/batch/batchPlan.ts';
import type { BatchSettledEvent } from '../../src/core/journal/batchEvents.ts';
import { batchesInFlight } from '../../src/core/journal/batchState.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { BatchSession } from '../../src/host/generation/batchSession.ts';
import type { OpenSession } from '../../src/node/sessionFolder.ts';
import { openSession } from '../../src/node/sessionFolder.ts';
import { createBatchClient } from '../../src/teacher/batchClient.ts';
import { probeBatchRoutes } from '../../src/teacher/batchProbe.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

describe('batch runs from the editor (BatchSession) on the test teacher', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seeds: readonly Seed[];

  before(async () => {
    dir = await makeTempDir();
    seeds = indexSeedText(seedFileText(6)).seeds;
    teacher = await startTestTeacher({ seed: 5 });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  const config = (budget: number): BatchRunConfig => ({ seedFile: '/seeds.jsonl', seeds, strategy: 'answer-augmentation', limits: { teacher: budget, augmenter: budget }, teacher: { model: 'seedsmith-teacher', endpoint: 'test' }, augmenter: { model: 'seedsmith-teacher', endpoint: 'test' }, engine: 'openai' });

  /** A BatchSession on an open session; `settled` collects what it announced, `submitted` resolves once a batch is out at the provider. */
  function batchSession(opened: OpenSession) {
    const settled: BatchSettledEvent[] = [];
    let onSubmitted = () => {};
    const submitted = new Promise<void>((resolve) => (onSubmitted = resolve));
    const session = new BatchSession({
      journal: opened.journal,
      engine: createBatchClient({ baseURL: teacher.url, apiKey: 'sk-editor', kind: 'openai', timeoutMs: 10_000, maxRetries: 0 }),
      pollMs: 10,
      onChange: () => {
        if (batchesInFlight(opened.journal.state.batches).some((b) => b.submitted !== null)) onSubmitted();
      },
      onSettled: (event) => settled.push(event),
      onCancelError: (batchId, error) => assert.fail(`cancel of ${batchId} refused: ${String(error)}`),
    });
    return { session, settled, submitted };
  }

  it('offers batch mode only when the endpoint lists batches', async () => {
    assert.equal(await probeBatchRoutes({ baseURL: teacher.url, apiKey: 'sk-editor' }), true);
    assert.equal(await probeBatchRoutes({ baseURL: `${teacher.origin}/no-batches/v1`, apiKey: 'sk-editor' }), false, 'a 404 is no offer');
    assert.equal(await probeBatchRoutes({ baseURL: 'http://127.0.0.1:1/v1', apiKey: 'sk-editor' }), false, 'nothing listening is no offer');
  });

  it('runs a batch: the ledger spends exactly what the teacher executed, and the end is announced once', async () => {
    teacher.resetStats();
    teacher.configure({ batchDelayMs: 0, batchLineErrorRate: 0.5, batchExpireRate: 0.3 });
    const opened = await openSession(join(dir.path, 'run'));
    try {
      const { session, settled } = batchSession(opened);
      const finished = await session.run(config(6));
      assert.equal(finished.reason, 'done');
      const stats = teacher.batchStats();
      const { teacher: spent } = opened.journal.state.budget;
      assert.equal(spent.spent, stats.executed);
      assert.equal(opened.journal.state.samples.size, stats.succeeded);
      assert.ok(stats.failed + stats.expired > 0, 'the knobs made lines fail or expire (all six running is a 1-in-15,000 draw)');
      assert.equal(settled.length, stats.batches, 'each batch announced once');
      assert.equal(session.polls.size, 0, 'no poll shown once settled');
    } finally {
      teacher.configure({ batchLineErrorRate: 0, batchExpireRate: 0 });
      await opened.close();
    }
  });

  it('Cancel cancels at the provider: the unrun lines are released, nothing more is submitted', async () => {
    teacher.resetStats();
    teacher.configure({ batchDelayMs: 60_000 });
    const opened = await openSession(join(dir.path, 'cancel'));
    try {
      const { session, settled, submitted } = batchSession(opened);
      const running = session.run(config(5));
      await submitted;
      assert.equal(await session.cancel(), 1, 'one batch asked to cancel');
      const finished = await running;
      assert.equal(finished.reason, 'cancelled');
      assert.equal(settled.length, 1);
      assert.equal(settled[0]!.status, 'cancelled');
      assert.equal(settled[0]!.released, 5);
      const stats = teacher.batchStats();
      assert.equal(stats.batches, 1, 'nothing resubmitted after the cancel');
      assert.equal(stats.executed, 0);
      assert.equal(opened.journal.state.budget.teacher.spent, 0, 'nothing ran, nothing spent');
    } finally {
      teacher.configure({ batchDelayMs: 0 });
      await opened.close();
    }
  });

  it('Cancel pressed while a batch is being submitted cancels that batch once it is out, instead of waiting for it to run', async () => {
    teacher.resetStats();
    teacher.configure({ batchDelayMs: 600_000 });
    const opened = await openSession(join(dir.path, 'cancel-while-submitting'));
    try {
      const { session, settled } = batchSession(opened);
      // Prepared (its lines reserved) but not yet submitted: nothing at the provider to cancel.
      const prepared = new Promise<void>((resolve) => {
        const check = () => (batchesInFlight(opened.journal.state.batches).some((b) => b.submitted === null) ? resolve() : setImmediate(check));
        check();
      });
      const running = session.run(config(4));
      await prepared;
      assert.equal(await session.cancel(), 0, 'no batch was out yet');
      const finished = await running;
      assert.equal(finished.reason, 'cancelled');
      assert.equal(settled.length, 1);
      assert.equal(settled[0]!.status, 'cancelled');
      assert.equal(teacher.batchStats().executed, 0);
      assert.equal(opened.journal.state.budget.teacher.spent, 0, 'nothing ran, nothing spent');
    } finally {
      teacher.configure({ batchDelayMs: 0 });
      await opened.close();
    }
  });

  it('a batch left in flight by a closed editor is settled once on the next start', async () => {
    teacher.resetStats();
    teacher.configure({ batchDelayMs: 60_000 });
    const folder = join(dir.path, 'resume');
    let opened = await openSession(folder);
    const first = batchSession(opened);
    const running = first.session.run(config(4));
    await first.submitted;
    first.session.dispose();
    await assert.rejects(running, 'the run stops polling when the editor closes');
    await opened.close();

    teacher.configure({ batchDelayMs: 0 });
    opened = await openSession(folder);
    try {
      assert.equal(batchesInFlight(opened.journal.state.batches).length, 1, 'the journal kept the batch in flight');
      const next = batchSession(opened);
      const settled = await next.session.resume({ seeds });
      assert.equal(settled.length, 1);
      assert.equal(settled[0]!.completed, 4);
      assert.equal(next.settled.length, 1, 'announced once');
      const stats = teacher.batchStats();
      assert.equal(stats.batches, 1, 'resumed, not submitted again');
      assert.equal(opened.journal.state.budget.teacher.spent, stats.executed);
      assert.equal(opened.journal.state.samples.size, 4);
      assert.deepEqual(await next.session.resume({ seeds }), [], 'a second resume finds nothing in flight');
    } finally {
      await opened.close();
    }
  });
});
