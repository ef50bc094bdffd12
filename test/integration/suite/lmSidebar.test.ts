// The Teacher section with VS Code's language models (issue 13): while the provider is "vscode"
// it lists the models VS Code has (refreshed when a provider's models change), with an empty
// state that says what to install; and a teacher ensemble set in seedsmith.teacher.ensemble
// splits an editor run's teacher queries by weight, each sample naming its teacher on its card.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SeedSmithApi } from '../../../src/host/api.ts';
import { startTestTeacher, type TestTeacher } from '../../teacher/server.ts';
import { eventually, test } from './harness.ts';
import { api, config, workspaceDir } from './seedsmithHost.ts';

const FIRST = 'seedsmith-lm-teacher';
const SECOND = 'seedsmith-lm-teacher-2';
let teacher: TestTeacher | undefined;

const listed = (seedsmith: SeedSmithApi) => seedsmith.sidebarSnapshot().teacher.languageModels;

test('Teacher section: VS Code\'s language models are listed while the provider is vscode, and follow the providers', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { hidden: true });
  await config().update('teacher.provider', 'openai', vscode.ConfigurationTarget.Global);
  await eventually(() => (listed(seedsmith) === null ? true : undefined), 'no language models listed for an HTTP provider');
  await config().update('teacher.provider', 'vscode', vscode.ConfigurationTarget.Global);
  const empty = await eventually(() => listed(seedsmith) ?? undefined, 'the language models section');
  assert.deepEqual(empty.models, []);
  assert.match(empty.empty ?? '', /Install and sign in to GitHub Copilot Chat, or an extension that provides language models/);

  teacher = await startTestTeacher({});
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { url: teacher.url, hidden: false });
  const shown = await eventually(() => ((listed(seedsmith)?.models.length ?? 0) === 2 ? (listed(seedsmith) ?? undefined) : undefined), 'the provider\'s two models to be listed');
  assert.deepEqual(shown.models.map((m) => m.id), [FIRST, SECOND]);
  assert.deepEqual(shown.models[0], { id: FIRST, label: 'SeedSmith test teacher', detail: 'seedsmith-test/seedsmith-test' });
  assert.equal(shown.empty, null);
  assert.deepEqual(seedsmith.sidebarSnapshot().teacher.ensembleCandidates, [FIRST, SECOND]);

  await vscode.commands.executeCommand('seedsmithTestLm.configure', { url: teacher.url, hidden: true });
  await eventually(() => (listed(seedsmith)?.models.length === 0 ? true : undefined), 'the models to go when the provider withdraws them');
});

test('Teacher ensemble from the settings: an editor run of two VS Code models at 3:1 spends 3:1, and each card names its teacher', async () => {
  const seedsmith = await api();
  const lm = teacher ?? (await startTestTeacher({}));
  teacher = lm;
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { url: lm.url, hidden: false });
  await eventually(async () => ((await vscode.lm.selectChatModels({ vendor: 'seedsmith-test' })).length === 2 ? true : undefined), 'the fixture\'s models to be listed');
  await config().update('teacher.provider', 'vscode', vscode.ConfigurationTarget.Global);
  await config().update('teacher.model', undefined, vscode.ConfigurationTarget.Global);
  await config().update('teacher.ensemble', [{ model: FIRST, weight: 3 }, { model: SECOND, weight: 1 }], vscode.ConfigurationTarget.Global);
  await config().update('budget.teacherQueries', 8, vscode.ConfigurationTarget.Global);
  await config().update('budget.augmenterCalls', 0, vscode.ConfigurationTarget.Global);
  await config().update('generation.strategy', 'answer-augmentation', vscode.ConfigurationTarget.Global);
  await eventually(() => (seedsmith.sidebarSnapshot().teacher.teacherModel === FIRST ? true : undefined), 'the ensemble\'s first model to be the run\'s teacher');
  lm.resetStats();

  const file = path.join(workspaceDir(), 'lm-ensemble.jsonl');
  const lines = [0, 1, 2, 3].map((i) => JSON.stringify({ question: `Ana has ${i + 2} pens and buys ${i + 5} more. How many pens does Ana have?`, answer: `Ana has ${2 * i + 7}.\n#### ${2 * i + 7}` }));
  await writeFile(file, `${lines.join('\n')}\n`);
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
  await eventually(() => (seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), 'Generate to be possible with the ensemble');
  await seedsmith.runGeneration();
  const last = seedsmith.sidebarSnapshot().run.last;
  assert.equal(last?.reason === 'done' || last?.reason === 'budget', true, last?.message);

  const byModel = lm.stats().models;
  const first = byModel[FIRST]?.completions ?? 0;
  const second = byModel[SECOND]?.completions ?? 0;
  assert.equal(first + second, seedsmith.sidebarSnapshot().budget.teacher.spent, 'the ledger equals what the teacher received');
  assert.equal(first + second, 8);
  assert.ok(Math.abs(first - 3 * second) <= 1, `3:1 within one query: ${first} to ${second}`);
  const teachers = new Set(seedsmith.sidebarSnapshot().review.window.map((card) => card.teacher));
  assert.deepEqual([...teachers].sort(), [FIRST, SECOND]);
});

test('Teacher section: clean up', async () => {
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { hidden: true });
  await teacher?.close();
  for (const key of ['teacher.provider', 'teacher.model', 'teacher.ensemble', 'budget.teacherQueries', 'budget.augmenterCalls', 'generation.strategy']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
});
