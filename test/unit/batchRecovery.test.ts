// A batch run that dies between reserving its lines and learning the provider's batch id: the
// next run asks the provider by the batch key it sent as metadata. Found → settled once, like any
// batch in flight; not found (the upload never happened) → every line released, nothing spent.
// Also the pieces a batch file is made of: the limits split, duplicate ids refused, no BOM.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BatchEngine } from '../../src/core/batch/batchEngine.ts';
import { BATCH_FILE_LIMITS, splitIntoFiles } from '../../src/core/batch/batchLimits.ts';
import type { BatchRunConfig } from '../../src/core/batch/batchPlan.ts';
import { runBatchGeneration } from '../../src/core/batch/batchRun.ts';
import { refuseDuplicates } from '../../src/core/batch/prepareStage.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { openSession } from '../../src/node/sessionFolder.ts';
import { createBatchClient } from '../../src/teacher/batchClient.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

class Crash extends Error {}

function config(seeds: readonly Seed[], budget: number): BatchRunConfig {
  return { seedFile: '/seeds.jsonl', seeds, strategy: 'answer-augmentation', limits: { teacher: budget, augmenter: budget }, teacher: { model: 'seedsmith-teacher', endpoint: 'test' }, augmenter: { model: 'seedsmith-teacher', endpoint: 'test' }, engine: 'openai' };
}

/** The real client, with submit cut short: before the upload, or after the batch exists but before its id comes back. */
function crashing(engine: BatchEngine, when: 'before-upload' | 'after-create'): BatchEngine {
  return {
    ...engine,
    async submit(lines, batchKey, signal) {
      if (when === 'after-create') await engine.submit(lines, batchKey, signal);
      throw new Crash(when);
    },
  };
}

describe('batch runs recover from a crash around the upload', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seeds: readonly Seed[];

  before(async () => {
    dir = await makeTempDir();
    seeds = indexSeedText(seedFileText(6)).seeds;
    teacher = await startTestTeacher({ seed: 3 });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  const client = () => createBatchClient({ baseURL: teacher.url, apiKey: 'sk-recovery', kind: 'openai', timeoutMs: 10_000, maxRetries: 0 });

  async function runOnce(session: string, engine: BatchEngine, budget: number) {
    const opened = await openSession(session);
    try {
      return await runBatchGeneration(config(seeds, budget), { journal: opened.journal, engine, signal: new AbortController().signal, pollMs: 10 });
    } finally {
      await opened.close();
    }
  }

  async function stateOf(session: string) {
    const opened = await openSession(session);
    const state = opened.journal.state;
    await opened.close();
    return state;
  }

  it('a batch the provider never received is released: nothing counted as spent', async () => {
    const session = join(dir.path, 'never');
    const before = teacher.batchStats().batches;
    await assert.rejects(runOnce(session, crashing(client(), 'before-upload'), 5), Crash);
    assert.equal((await stateOf(session)).budget.teacher.spent, 5, 'reserved before the upload');
    await runOnce(session, client(), 5);
    const state = await stateOf(session);
    const batches = [...state.batches.values()];
    assert.equal(batches[0]!.settled?.status, 'not-submitted');
    assert.equal(batches[0]!.settled?.released, 5);
    assert.equal(teacher.batchStats().batches - before, 1, 'the second run submitted its own batch once');
    assert.equal(state.budget.teacher.spent, 5);
    assert.equal(state.budget.teacher.completed, 5);
    assert.equal(state.budget.teacher.released, 5);
    assert.equal(state.samples.size, 5);
  });

  it('a batch created just before the crash is found by its key and settled once, not submitted again', async () => {
    const session = join(dir.path, 'created');
    const before = teacher.batchStats().batches;
    await assert.rejects(runOnce(session, crashing(client(), 'after-create'), 5), Crash);
    const crashed = await stateOf(session);
    assert.equal([...crashed.batches.values()][0]!.submitted, null, 'the journal never learnt the batch id');
    await runOnce(session, client(), 5);
    const state = await stateOf(session);
    const first = [...state.batches.values()][0]!;
    assert.ok(first.submitted?.batchId.startsWith('batch_'));
    assert.equal(first.settled?.completed, 5);
    assert.equal(teacher.batchStats().batches - before, 1, 'found, not submitted again');
    assert.equal(state.budget.teacher.spent, 5);
    assert.equal(state.samples.size, 5);
  });
});

describe('batch files', () => {
  it('split at the engine limits: lines and bytes, in order', () => {
    const items = Array.from({ length: 120_001 }, (_, i) => i);
    const openai = splitIntoFiles(items, () => 'x', BATCH_FILE_LIMITS.openai);
    assert.deepEqual(openai.map((f) => f.length), [50_000, 50_000, 20_001]);
    assert.deepEqual(splitIntoFiles(items, () => 'x', BATCH_FILE_LIMITS.azure).map((f) => f.length), [100_000, 20_001]);
    const big = 'é'.repeat(1024 * 1024); // 2 MiB of UTF-8 per line: 99 fit under 200 MB with newlines
    assert.deepEqual(splitIntoFiles(Array.from({ length: 150 }, (_, i) => i), () => big, BATCH_FILE_LIMITS.openai).map((f) => f.length), [99, 51]);
    assert.equal(splitIntoFiles(items, String, BATCH_FILE_LIMITS.offline).length, 1);
    assert.throws(() => splitIntoFiles([1], () => 'x'.repeat(300 * 1024 * 1024), BATCH_FILE_LIMITS.openai), /over the engine's file limit/);
  });

  it('refuses a custom_id used twice in a file or already used in the session, before anything is uploaded', () => {
    assert.doesNotThrow(() => refuseDuplicates([{ customId: 'run-1:a:1' }, { customId: 'run-1:a:2' }], new Map()));
    assert.throws(() => refuseDuplicates([{ customId: 'run-1:a:1' }, { customId: 'run-1:a:1' }], new Map()), /used twice; nothing was uploaded/);
    assert.throws(() => refuseDuplicates([{ customId: 'run-1:a:1' }], new Map([['run-1:a:1', {}]])), /used twice/);
  });
});
