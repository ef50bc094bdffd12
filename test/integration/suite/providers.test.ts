// Providers in the editor: the provider setting routes a run, each provider/endpoint has its own
// secret, and switching provider never sends the key set for one endpoint to another (the test
// teachers record every request's Authorization header).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SeedSmithApi } from '../../../src/host/api.ts';
import { startTestTeacher, type TestTeacher } from '../../teacher/server.ts';
import { eventually, test } from './harness.ts';
import { api, config, workspaceDir } from './seedsmithHost.ts';

const KEY_A = 'vllm-host-key-A-31415926';
const teachers: TestTeacher[] = [];

async function seedFile(name: string): Promise<vscode.Uri> {
  const file = path.join(workspaceDir(), name);
  const lines = [0, 1].map((i) => JSON.stringify({ question: `Mia has ${i + 2} books and buys ${i + 5} more. How many books does she have now?`, answer: `She has ${2 * i + 7}.\n#### ${2 * i + 7}` }));
  await writeFile(file, `${lines.join('\n')}\n`);
  return vscode.Uri.file(file);
}

async function runOn(seedsmith: SeedSmithApi, uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', uri);
  await eventually(() => (seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), `Generate to be possible for ${path.basename(uri.fsPath)}`);
  await seedsmith.runGeneration();
}

test('providers: each endpoint gets only its own key; switching provider sends none of the other\'s', async () => {
  const seedsmith = await api();
  const a = await startTestTeacher({ requireApiKey: KEY_A });
  const b = await startTestTeacher({});
  teachers.push(a, b);
  await config().update('teacher.model', 'seedsmith-teacher', vscode.ConfigurationTarget.Global);
  await config().update('generation.strategy', 'answer-augmentation', vscode.ConfigurationTarget.Global);
  await config().update('generation.samplesPerSeed', 1, vscode.ConfigurationTarget.Global);
  await config().update('teacher.provider', 'vllm', vscode.ConfigurationTarget.Global);
  await config().update('teacher.baseUrl', a.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('seedsmith.setApiKey', KEY_A);
  await runOn(seedsmith, await seedFile('provider-a.jsonl'));
  assert.equal(a.stats().totals.completions, 2);
  assert.deepEqual([...new Set(a.requests().map((r) => r.authorization))], [`Bearer ${KEY_A}`]);

  await vscode.commands.executeCommand('seedsmith.testConnection');
  const connection = await eventually(() => {
    const c = seedsmith.sidebarSnapshot().teacher.connection;
    return c.state === 'ok' ? c : undefined;
  }, 'the connection test to pass');
  assert.match(connection.message, /vLLM at http:\/\/127\.0\.0\.1:\d+\/v1: 2 models listed/);

  // Another provider at another URL: the key stored for vLLM at A is not its key.
  await config().update('teacher.provider', 'custom', vscode.ConfigurationTarget.Global);
  await config().update('teacher.baseUrl', b.url, vscode.ConfigurationTarget.Global);
  await runOn(seedsmith, await seedFile('provider-b.jsonl'));
  assert.equal(b.stats().totals.completions, 2);
  assert.deepEqual([...new Set(b.requests().map((r) => r.authorization))], [null], 'no key went to the custom URL');

  // Back to vLLM at A: its own key is still there.
  await config().update('teacher.provider', 'vllm', vscode.ConfigurationTarget.Global);
  await config().update('teacher.baseUrl', a.url, vscode.ConfigurationTarget.Global);
  await eventually(() => (seedsmith.sidebarSnapshot().teacher.hasApiKey ? true : undefined), 'vLLM\'s key to be found again');
});

test('providers: clean up', async () => {
  for (const teacher of teachers) await teacher.close();
  await vscode.commands.executeCommand('seedsmith.clearApiKey');
  for (const key of ['teacher.model', 'teacher.provider', 'teacher.baseUrl', 'generation.strategy', 'generation.samplesPerSeed']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
});
