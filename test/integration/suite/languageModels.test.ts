// VS Code's language models as the teacher and augmenter, through a real provider: the fixture
// extension (test/integration/fixtures/lmProvider) registers one with
// lm.registerLanguageModelChatProvider and forwards each request to the test teacher. SeedSmith
// selects it with no URL and no key, generates with each strategy, and its ledger equals the
// requests the teacher received. With no model, Test connection says what to install.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SeedSmithApi } from '../../../src/host/api.ts';
import { startTestTeacher, type TestTeacher } from '../../teacher/server.ts';
import { eventually, test } from './harness.ts';
import { api, config, workspaceDir } from './seedsmithHost.ts';

const MODEL = 'seedsmith-lm-teacher';
let teacher: TestTeacher | undefined;

async function connection(seedsmith: SeedSmithApi): Promise<{ state: string; message: string }> {
  await vscode.commands.executeCommand('seedsmith.testConnection');
  return eventually(() => {
    const c = seedsmith.sidebarSnapshot().teacher.connection;
    return c.state === 'ok' || c.state === 'failed' ? c : undefined;
  }, 'the connection test to answer');
}

test('VS Code language models: with none, Test connection says what to install', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { hidden: true });
  await config().update('teacher.provider', 'vscode', vscode.ConfigurationTarget.Global);
  await config().update('teacher.model', MODEL, vscode.ConfigurationTarget.Global);
  const c = await connection(seedsmith);
  assert.equal(c.state, 'failed');
  assert.match(c.message, /No VS Code language models are available\. Install and sign in to GitHub Copilot Chat, or an extension that provides language models/);
});

test('VS Code language models: each strategy generates with no URL or key, and the ledger equals what the teacher received', async () => {
  const seedsmith = await api();
  const lm = await startTestTeacher({});
  teacher = lm;
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { url: lm.url, hidden: false });
  await eventually(async () => ((await vscode.lm.selectChatModels({ id: MODEL })).length > 0 ? true : undefined), 'the fixture\'s model to be listed');
  await vscode.commands.executeCommand('seedsmith.clearApiKey');
  await config().update('budget.teacherQueries', 4, vscode.ConfigurationTarget.Global);
  await config().update('budget.augmenterCalls', 2, vscode.ConfigurationTarget.Global);
  await config().update('generation.questionsPerCall', 2, vscode.ConfigurationTarget.Global);
  const c = await connection(seedsmith);
  assert.equal(c.state, 'ok', c.message);
  assert.match(c.message, /seedsmith-lm-teacher \(seedsmith-test\/seedsmith-test\)/);

  for (const strategy of ['answer-augmentation', 'question-rephrase', 'new-question'] as const) {
    lm.resetStats();
    await config().update('generation.strategy', strategy, vscode.ConfigurationTarget.Global);
    const file = path.join(workspaceDir(), `lm-${strategy}.jsonl`);
    const lines = [0, 1, 2].map((i) => JSON.stringify({ question: `Lee has ${i + 3} marbles and finds ${i + 4} more. How many marbles does Lee have?`, answer: `Lee has ${2 * i + 7}.\n#### ${2 * i + 7}` }));
    await writeFile(file, `${lines.join('\n')}\n`);
    await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
    await eventually(() => (seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), `Generate to be possible (${strategy}) with no key`);
    await seedsmith.runGeneration();
    const last = seedsmith.sidebarSnapshot().run.last;
    assert.equal(last?.reason === 'done' || last?.reason === 'budget', true, `${strategy}: ${last?.message}`);
    const budget = seedsmith.sidebarSnapshot().budget;
    const received = lm.stats().totals.completions;
    assert.ok(received > 0, `${strategy}: the teacher received requests`);
    assert.equal(budget.teacher.spent + budget.augmenter.spent, received, `${strategy}: the ledger equals the requests the teacher received`);
    const journal = await readFile(path.join(seedsmith.sessionDir() ?? '', 'journal.jsonl'), 'utf8');
    const samples = journal.split('\n').filter((l) => l.includes('"type":"sample"')).map((l) => JSON.parse(l) as { sample: { teacher: { model: string; endpoint: string }; calls: { usage: { estimated?: boolean } }[] } });
    assert.ok(samples.length > 0);
    for (const { sample } of samples) {
      assert.deepEqual(sample.teacher, { model: MODEL, endpoint: 'vscode-lm' });
      assert.ok(sample.calls.every((call) => call.usage.estimated === true), 'tokens are labelled estimates');
    }
    // The system text reached the model inside the first user message.
    assert.ok(lm.received().every((r) => r.messages[0]?.role === 'user' && r.messages[0].content.startsWith('Task: ')));
  }
});

test('VS Code language models: clean up', async () => {
  await teacher?.close();
  for (const key of ['teacher.provider', 'teacher.model', 'budget.teacherQueries', 'budget.augmenterCalls', 'generation.questionsPerCall', 'generation.strategy']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
});
