// Batch runs from the editor (issue 14 item 5) in a real extension host against the test
// teacher's /v1/files and /v1/batches: "Run as batch" is offered once the endpoint answers the
// probe, a small batch run settles to exactly what the teacher executed, Cancel cancels at the
// provider, and a batch left in flight by a closed window is settled when its seed file is open
// again (activation takes the same path).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { runBatchGeneration } from '../../../src/core/batch/batchRun.ts';
import { profileSeeds } from '../../../src/core/profile/index.ts';
import { indexSeedText } from '../../../src/core/seeds/index.ts';
import type { SeedSmithApi } from '../../../src/host/api.ts';
import { defaultSessionDir, openSession } from '../../../src/node/sessionFolder.ts';
import { createBatchClient } from '../../../src/teacher/batchClient.ts';
import { goodSeeds } from '../../support/seedWorkspace.ts';
import { startTestTeacher, type TestTeacher } from '../../teacher/server.ts';
import { eventually, test } from './harness.ts';
import { api, config, workspaceDir } from './seedsmithHost.ts';

const SECRET = 'sk-seedsmith-BATCH-7c1e';
const SEEDS = goodSeeds.map((seed) => JSON.stringify(seed)).join('\n') + '\n';

let teacher: TestTeacher | undefined;

/** A fresh seed file (its own session) selected against the batch-capable teacher. */
async function setUp(name: string): Promise<SeedSmithApi> {
  const seedsmith = await api();
  teacher ??= await startTestTeacher({ requireApiKey: SECRET, seed: 14 });
  await config().update('teacher.baseUrl', teacher.url, vscode.ConfigurationTarget.Global);
  await config().update('teacher.model', 'seedsmith-teacher', vscode.ConfigurationTarget.Global);
  await config().update('budget.teacherQueries', 6, vscode.ConfigurationTarget.Global);
  await config().update('generation.strategy', 'answer-augmentation', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('seedsmith.setApiKey', SECRET);
  const file = path.join(workspaceDir(), name);
  await writeFile(file, SEEDS);
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
  await eventually(() => (seedsmith.sidebarSnapshot().seedFile.kind === 'loaded' && seedsmith.sessionDir() === defaultSessionDir(file) ? true : undefined), `${name} to be loaded with its session`);
  return seedsmith;
}

test('Run as batch is offered once the endpoint answers, and a batch run spends exactly what the teacher executed', async () => {
  const seedsmith = await setUp('batch-run.jsonl');
  await eventually(() => (seedsmith.sidebarSnapshot().run.batch.offered && seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), 'Run as batch to be offered');
  assert.equal(seedsmith.lastPostedSnapshot()?.run.batch.offered, true, 'the webview was told');
  teacher!.resetStats();
  teacher!.configure({ batchDelayMs: 200, batchLineErrorRate: 0.3 });
  const seen: string[] = [];
  const watch = setInterval(() => seen.push(...seedsmith.sidebarSnapshot().run.batch.lines), 20);
  try {
    await seedsmith.runBatch();
  } finally {
    clearInterval(watch);
    teacher!.configure({ batchDelayMs: 0, batchLineErrorRate: 0 });
  }
  assert.ok(seen.some((line) => /teacher batch batch_\S+: 6 submitted · .* · expires \d{4}-\d\d-\d\d \d\d:\d\d UTC/.test(line)), `the run section showed the batch in flight: ${[...new Set(seen)].join(' | ')}`);
  const snapshot = seedsmith.sidebarSnapshot();
  assert.match(snapshot.run.batch.last ?? '', /^Batch run done: 1 batches/);
  assert.equal(snapshot.run.batch.state, 'idle');
  assert.deepEqual(snapshot.run.batch.lines, []);
  const stats = teacher!.batchStats();
  assert.equal(snapshot.budget.teacher.spent, stats.executed, 'the ledger equals what the teacher executed');
  assert.equal(snapshot.review.counts.pending, stats.succeeded, 'a sample per line that succeeded');
  assert.equal(stats.executed, 6);
  assert.ok(!JSON.stringify(seedsmith.lastPostedSnapshot()).includes(SECRET), 'the webview was never sent the key');
});

test('Cancel cancels the batch at the provider: its lines are released, nothing is spent', async () => {
  const seedsmith = await setUp('batch-cancel.jsonl');
  await eventually(() => (seedsmith.sidebarSnapshot().run.batch.offered && seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), 'Run as batch to be offered');
  teacher!.resetStats();
  teacher!.configure({ batchDelayMs: 600_000 });
  try {
    const running = seedsmith.runBatch();
    await eventually(() => (seedsmith.sidebarSnapshot().run.batch.lines.some((line) => line.includes('submitted')) ? true : undefined), 'the batch to be out at the provider');
    assert.equal(seedsmith.sidebarSnapshot().run.batch.state, 'running');
    await seedsmith.cancelBatch();
    await running;
  } finally {
    teacher!.configure({ batchDelayMs: 0 });
  }
  const snapshot = seedsmith.sidebarSnapshot();
  assert.match(snapshot.run.batch.last ?? '', /^Batch run cancelled/);
  assert.equal(teacher!.batchStats().cancelled, 6);
  assert.equal(teacher!.batchStats().executed, 0);
  assert.equal(snapshot.budget.teacher.spent, 0, 'released, not spent');
  await eventually(() => (seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), 'nothing spent or in flight to block the next run');
});

test('a batch left in flight by a closed window is settled once its seed file is open again', async () => {
  const seedsmith = await setUp('batch-warmup.jsonl');
  const file = path.join(workspaceDir(), 'batch-resume.jsonl');
  await writeFile(file, SEEDS);
  // What a window closed mid-batch leaves: a batch run whose batch is out at the provider.
  teacher!.resetStats();
  teacher!.configure({ batchDelayMs: 600_000 });
  const session = await openSession(defaultSessionDir(file));
  const stop = new AbortController();
  const engine = createBatchClient({ baseURL: teacher!.url, apiKey: SECRET, kind: 'openai', timeoutMs: 10_000, maxRetries: 0 });
  const endpoint = teacher!.url;
  // The requests of the window that closed: the answer profile the editor asks for (detected from the seeds), so the answers are found again by their requests.
  const seeds = indexSeedText(SEEDS).seeds;
  const left = runBatchGeneration(
    { seedFile: file, seeds, profile: profileSeeds(seeds, { kind: 'auto' }), strategy: 'answer-augmentation', limits: { teacher: 3, augmenter: 3 }, teacher: { model: 'seedsmith-teacher', endpoint }, augmenter: { model: 'seedsmith-teacher', endpoint }, engine: 'openai' },
    { journal: session.journal, engine, signal: stop.signal, pollMs: 50, onProgress: (p) => p.kind === 'submitted' && stop.abort(new Error('window closed')) },
  );
  await assert.rejects(left);
  await session.close();
  teacher!.configure({ batchDelayMs: 0 });

  await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
  const settled = await eventually(() => {
    const s = seedsmith.sidebarSnapshot();
    return seedsmith.sessionDir() === defaultSessionDir(file) && s.run.batch.state === 'idle' && /settled/.test(s.run.batch.last ?? '') ? s : undefined;
  }, 'the batch left in flight to be settled');
  assert.match(settled.run.batch.last ?? '', /^1 batches left in flight were settled/);
  const stats = teacher!.batchStats();
  assert.equal(stats.batches, 1, 'resumed, not submitted again');
  assert.equal(settled.budget.teacher.spent, stats.executed);
  assert.equal(settled.review.counts.pending, 3);
  await teacher!.close();
  teacher = undefined;
});
