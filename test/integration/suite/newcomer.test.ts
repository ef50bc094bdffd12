// What a newcomer meets in the editor (issue 11): the seed-file choice is kept on the host, and
// a run cut short by a reload is reported when the window comes back.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { defaultSessionDir, openSession } from '../../../src/node/sessionFolder.ts';
import { eventually, test } from './harness.ts';
import { api, workspaceDir } from './seedsmithHost.ts';

const SEEDS = '{"question": "Lena buys 6 pens at 2 dollars each. How much does she pay?", "answer": "#### 12"}\n';

test('the seed-file choice is kept in the workspace’s storage on the host, not in the browser', async () => {
  const seedsmith = await api();
  const file = path.join(workspaceDir(), 'kept-choice.jsonl');
  await writeFile(file, SEEDS);
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
  const where = seedsmith.seedFileChoiceLocation();
  assert.ok(where, 'a folder workspace has a storage folder');
  assert.equal(where.scheme, 'file', 'on the extension host’s disk');
  const saved = JSON.parse(await readFile(where.fsPath, 'utf8')) as { seedFile: string };
  assert.equal(saved.seedFile, vscode.Uri.file(file).toString());
});

test('a run cut short by a reload says how it ended and what it spent when the window comes back', async () => {
  const seedsmith = await api();
  const file = path.join(workspaceDir(), 'cut-short.jsonl');
  await writeFile(file, SEEDS);
  // What a window that reloaded mid-run leaves behind: a run-start, purchases, one request in flight, no run-end.
  const session = await openSession(defaultSessionDir(file));
  const at = new Date().toISOString();
  const runId = 'cut-short-run';
  await session.journal.append({
    type: 'run-start', at, runId, strategy: 'answer-augmentation', seedFile: file, seedCount: 1, limits: { teacher: 10, augmenter: 10 },
    teacher: { model: 'm', endpoint: 'http://127.0.0.1:9' }, augmenter: { model: 'm', endpoint: 'http://127.0.0.1:9' }, exampleSampleIds: [], options: {},
  });
  for (const [i, settled] of [true, true, false].entries()) {
    await session.journal.append({ type: 'reserve', at, attemptId: `a${i}`, role: 'teacher', runId });
    if (settled) await session.journal.append({ type: 'settle', at, attemptId: `a${i}`, role: 'teacher', outcome: { kind: 'completed', status: 200 } });
  }
  await session.close();

  await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
  const last = await eventually(() => seedsmith.sidebarSnapshot().run.last ?? undefined, 'the run section to report the run cut short');
  assert.match(last.message, /cut short/);
  assert.match(last.message, /3 teacher queries and 0 augmenter calls spent/);
  assert.equal(seedsmith.sidebarSnapshot().run.state, 'idle');
});
