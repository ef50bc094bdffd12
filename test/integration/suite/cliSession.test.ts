// The editor and the CLI share one session format: a session generated outside the editor (here
// by the same core the CLI runs, in this process) opens in the sidebar for review, the editor
// follows it read-only while another writer holds it, and the editor's decisions are what
// `seedsmith status` reads.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { GenerationRun } from '../../../src/core/engine/runGeneration.ts';
import { indexSeedText } from '../../../src/core/seeds/index.ts';
import { defaultSessionDir, openSession, readSession } from '../../../src/node/sessionFolder.ts';
import { createChatClient } from '../../../src/teacher/index.ts';
import { startTestTeacher } from '../../teacher/server.ts';
import { eventually, test } from './harness.ts';
import { api, workspaceDir } from './seedsmithHost.ts';

const SEEDS = [
  { question: 'Lena buys 6 pens at 2 dollars each. How much does she pay?', answer: '6 * 2 = 12\n#### 12' },
  { question: 'A tank holds 40 litres and 15 are used. How many are left?', answer: '40 - 15 = 25\n#### 25' },
];

test('a session generated outside the editor opens in the sidebar, read-only while its writer holds it', async () => {
  const seedsmith = await api();
  const file = path.join(workspaceDir(), 'from-cli.jsonl');
  const text = SEEDS.map((seed) => JSON.stringify(seed)).join('\n') + '\n';
  await writeFile(file, text);
  const teacher = await startTestTeacher();
  const session = await openSession(defaultSessionDir(file));
  try {
    const client = createChatClient({ baseURL: teacher.url, apiKey: 'x', timeoutMs: 10_000, maxRetries: 0, maxConcurrency: 2 });
    const finished = await new GenerationRun(
      { seedFile: file, seeds: indexSeedText(text).seeds, strategy: 'answer-augmentation', limits: { teacher: 4, augmenter: 4 }, teacher: { model: 'm', endpoint: teacher.url }, augmenter: { model: 'm', endpoint: teacher.url }, concurrency: 2 },
      { clients: { teacher: client, augmenter: client }, session: { journal: session.journal, ledger: session.ledger } },
    ).start();
    assert.equal(finished.samplesAdded, 4);
    // The writer still holds the session: the editor shows it, but read-only.
    await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
    const review = await eventually(() => {
      const r = seedsmith.sidebarSnapshot().review;
      return r.counts.total === 4 ? r : undefined;
    }, 'the CLI session in the sidebar');
    assert.ok(review.readOnly, 'decisions wait for the other writer');
    assert.equal(seedsmith.sidebarSnapshot().budget.teacher.spent, 4);
  } finally {
    await session.close();
    await teacher.close();
  }
  // The writer is gone: the editor decides, and what `seedsmith status` reads shows it.
  await vscode.commands.executeCommand('seedsmith.review.accept');
  const after = await readSession(defaultSessionDir(file));
  assert.equal(after.state.counts.accepted, 1);
  // The decision landed, so this window writes; the sidebar says so once the session's (debounced) change event repaints it.
  await eventually(() => (seedsmith.sidebarSnapshot().review.readOnly === null ? true : undefined), 'the sidebar to show the session writable');
});
