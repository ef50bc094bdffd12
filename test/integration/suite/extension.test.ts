// Extension-host tests: they run inside a real VS Code with the real `vscode` API.
import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { eventually, test } from './harness.ts';
import { api, workspaceDir } from './seedsmithHost.ts';

const seedUri = (name: string) => vscode.Uri.file(path.join(workspaceDir(), name));

async function setBudget(value: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('seedsmith').update('budget.teacherQueries', value, vscode.ConfigurationTarget.Global);
}

test('activates and registers its commands', async () => {
  await api();
  const commands = await vscode.commands.getCommands(true);
  for (const command of ['seedsmith.selectSeedFile', 'seedsmith.showSidebar']) {
    assert.ok(commands.includes(command), `${command} is not registered`);
  }
});

test('the status bar shows teacher queries against the budget setting, live', async () => {
  const seedsmith = await api();
  assert.equal(seedsmith.statusBarText(), '$(beaker) 0 / 500 teacher queries');
  try {
    await setBudget(42);
    await eventually(() => (seedsmith.statusBarText() === '$(beaker) 0 / 42 teacher queries' ? true : undefined), 'the status bar to show the new budget');
    assert.equal(seedsmith.sidebarSnapshot().budget.teacher.limit, 42);
    // A hand-edited negative budget is not a budget: the default stands.
    await setBudget(-5);
    await eventually(() => (seedsmith.statusBarText() === '$(beaker) 0 / 500 teacher queries' ? true : undefined), 'the status bar to ignore a negative budget');
  } finally {
    await setBudget(undefined);
  }
});

test('a seed file with bad lines puts each one in the Problems panel at its line and column', async () => {
  const seedsmith = await api();
  const uri = seedUri('bad.jsonl');
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', uri);
  const diagnostics = await eventually(() => {
    const found = vscode.languages.getDiagnostics(uri);
    return found.length > 0 ? found : undefined;
  }, 'diagnostics for bad.jsonl');
  const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning);
  assert.deepEqual(errors.map((d) => d.range.start.line + 1), [2, 3, 4], 'error lines');
  // Line 2 is `{"question": "x" "answer": "y"}`: the missing comma is found at `"answer"`, column 18.
  assert.equal(errors[0]?.range.start.character, 17);
  assert.match(errors[0]?.message ?? '', /invalid JSON/i);
  assert.match(errors[1]?.message ?? '', /not an object|array/i);
  assert.match(errors[2]?.message ?? '', /answer/i);
  assert.ok(errors.every((d) => d.source === 'SeedSmith'));
  assert.deepEqual(warnings.map((d) => d.range.start.line + 1), [6], 'the repeated question is a warning');

  const snapshot = seedsmith.sidebarSnapshot();
  assert.equal(snapshot.seedFile.kind, 'loaded');
  if (snapshot.seedFile.kind === 'loaded') {
    assert.equal(snapshot.seedFile.file.fileName, 'bad.jsonl');
    assert.equal(snapshot.seedFile.file.validSeeds, 3);
    assert.equal(snapshot.seedFile.file.badLineCount, 3);
    assert.deepEqual(snapshot.seedFile.file.badLines.map((bad) => bad.line), [2, 3, 4]);
  }
});

test('selecting a good file shows its counts and clears the previous file\'s problems', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', seedUri('good.jsonl'));
  const snapshot = seedsmith.sidebarSnapshot();
  assert.equal(snapshot.seedFile.kind, 'loaded');
  if (snapshot.seedFile.kind === 'loaded') {
    assert.equal(snapshot.seedFile.file.validSeeds, 3);
    assert.equal(snapshot.seedFile.file.badLineCount, 0);
    assert.equal(snapshot.seedFile.file.questionField, 'question');
    assert.equal(snapshot.seedFile.file.answerField, 'answer');
  }
  assert.equal(vscode.languages.getDiagnostics(seedUri('bad.jsonl')).length, 0);
});

test('the strategy card recommends from budget ÷ seeds and estimates each strategy with the real planner and tokenizer', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', seedUri('good.jsonl'));
  const strategy = await eventually(() => {
    const view = seedsmith.sidebarSnapshot().strategy;
    return view.estimates.length === 3 ? view : undefined;
  }, 'the estimates table', 20_000);
  assert.ok(strategy.recommendation);
  assert.equal(strategy.recommendation.ratio, 500 / 3);
  assert.equal(strategy.recommendation.strategy, 'new-question', 'a ratio of 167 is far above the crossover for 3 seeds');
  assert.match(strategy.recommendation.reason, /2409\.19759/);
  const aa = strategy.estimates.find((e) => e.strategy === 'answer-augmentation');
  assert.ok(aa);
  assert.deepEqual([aa.samples, aa.teacherQueries, aa.augmenterCalls], [500, 500, 0], 'Answer Augmentation spends the budget on the teacher only');
  assert.ok(aa.inputTokens.low > 0 && aa.inputTokens.high >= aa.inputTokens.low, 'tokens counted on rendered prompts');
  assert.match(aa.cost.message ?? '', /price/i, 'no built-in price table: money needs seedsmith.pricing');
});

test('an edit to the selected file on disk is picked up without selecting it again', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', seedUri('good.jsonl'));
  await appendFile(seedUri('good.jsonl').fsPath, '{"question": "", "answer": "4"}\n');
  const file = await eventually(() => {
    const snapshot = seedsmith.sidebarSnapshot();
    return snapshot.seedFile.kind === 'loaded' && snapshot.seedFile.file.badLineCount === 1 ? snapshot.seedFile.file : undefined;
  }, 'the watcher to re-read good.jsonl');
  assert.equal(file.validSeeds, 3);
  const diagnostics = vscode.languages.getDiagnostics(seedUri('good.jsonl'));
  assert.deepEqual(diagnostics.map((d) => d.range.start.line + 1), [4]);
  assert.match(diagnostics[0]?.message ?? '', /empty/i);
});

test('a missing file is reported in plain words, not thrown', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', seedUri('does-not-exist.jsonl'));
  const snapshot = seedsmith.sidebarSnapshot();
  assert.equal(snapshot.seedFile.kind, 'failed');
  if (snapshot.seedFile.kind === 'failed') assert.match(snapshot.seedFile.message, /does not exist/);
});

test('the sidebar webview loads under a strict CSP and says ready', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmith.showSidebar');
  await eventually(() => (seedsmith.sidebarReady() ? true : undefined), 'the sidebar webview to send ready', 20_000);
  const html = seedsmith.sidebarHtml() ?? '';
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce && nonce.length >= 16, 'a per-render nonce of at least 16 characters');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  assert.ok(scripts.length > 0 && scripts.every((tag) => tag.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
});
