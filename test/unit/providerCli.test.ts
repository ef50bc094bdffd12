// Providers from the command line, as real processes against test teachers: `seedsmith models`
// reports what it found; `generate --provider` and seedsmith.jsonc's "provider" route requests
// the provider's way; each provider's key comes from its own variable and never reaches another
// provider's URL (the teachers record every request's Authorization and api-key headers); the
// CLI says it cannot use VS Code's models.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedsmith, seedsmithHere } from '../support/engineCli.ts';
import { makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const OPENAI_KEY = 'sk-openai-only-0123456789abcdef';
const AZURE_KEY = 'azure-only-key-9876543210';
const VLLM_KEY = 'vllm-only-key-5555aaaa';
const CUSTOM_KEY = 'custom-only-key-7777bbbb';
const ALL_KEYS = { OPENAI_API_KEY: OPENAI_KEY, AZURE_OPENAI_API_KEY: AZURE_KEY };

describe('providers on the command line', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let seedFile: string;
  let local: TestTeacher;
  let azure: TestTeacher;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 4 });
    local = await startTestTeacher({ rejectResponseFormat: true });
    azure = await startTestTeacher({ azureApiVersions: ['2024-10-21'], listModels: false, requireApiKey: AZURE_KEY });
  });
  after(async () => {
    await local?.close();
    await azure?.close();
    await dir?.remove();
  });

  const keysSeen = (teacher: TestTeacher) => new Set(teacher.requests().flatMap((r) => [r.authorization, r.apiKey]).filter((v) => v !== null));

  it('models: lists what the endpoint has, names a missing model (exit 1), needs the provider\'s own key variable, and says VS Code models are editor-only', async () => {
    const ok = await seedsmithHere(['models', '--provider', 'vllm', '--base-url', local.url, '--teacher-model', 'seedsmith-teacher', '--json'], {});
    assert.equal(ok.code, 0, ok.stderr);
    const report = JSON.parse(ok.stdout) as { state: string; models: string[]; kind: string; keyFrom: string | null; jsonSchema: string };
    assert.deepEqual([report.state, report.kind, report.keyFrom], ['ok', 'vllm', null]);
    assert.deepEqual(report.models, ['seedsmith-teacher', 'seedsmith-augmenter']);
    const missing = await seedsmithHere(['models', '--provider', 'ollama', '--base-url', local.url, '--teacher-model', 'llama3.1:8b'], {});
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /Ollama at .* does not list llama3\.1:8b/);
    const az = await seedsmithHere(['models', '--provider', 'azure-openai', '--azure-endpoint', azure.origin, '--azure-deployment', 'gpt4o-prod'], { AZURE_OPENAI_API_KEY: AZURE_KEY });
    assert.equal(az.code, 0, az.stdout + az.stderr);
    assert.match(az.stdout, /Azure OpenAI .* lists no models \(HTTP 404\): deployments are not listed, "gpt4o-prod" is used as named/);
    assert.match(az.stdout, /key from \$AZURE_OPENAI_API_KEY/);
    const noKey = await seedsmithHere(['models', '--provider', 'azure-openai', '--azure-endpoint', azure.origin, '--azure-deployment', 'd'], { OPENAI_API_KEY: OPENAI_KEY });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /AZURE_OPENAI_API_KEY is not set/);
    for (const command of [['models', '--provider', 'vscode'], ['generate', seedFile, '--budget', '3', '--teacher-model', 'm', '--provider', 'vscode']]) {
      const vscode = await seedsmithHere(command, ALL_KEYS);
      assert.equal(vscode.code, 2);
      assert.match(vscode.stderr, /VS Code's language models .* can only be used inside VS Code: the CLI has no access to them/);
    }
    assert.equal(keysSeen(azure).has(OPENAI_KEY), false);
  });

  it('generate with each provider sends only that provider\'s key, the provider\'s way', async () => {
    local.resetStats();
    azure.resetStats();
    // vLLM with no VLLM_API_KEY: no key at all, though OpenAI's and Azure's are in the environment.
    const vllm = await seedsmith(['generate', seedFile, '--budget', '3', '--strategy', 'question-rephrase', '--teacher-model', 'seedsmith-teacher', '--provider', 'vllm', '--base-url', local.url, '--session', join(dir.path, 's-vllm'), '--json'], { env: ALL_KEYS });
    assert.equal(vllm.code, 0, vllm.stderr);
    assert.ok(local.requests().length > 0);
    assert.deepEqual([...keysSeen(local)], [], 'no key reached the vLLM server');
    const journal = await readFile(join(dir.path, 's-vllm', 'journal.jsonl'), 'utf8');
    const ways = journal.split('\n').filter((l) => l.includes('"type":"sample"')).flatMap((l) => (JSON.parse(l) as { sample: { calls: { role: string; structuredOutput?: string }[] } }).sample.calls.filter((c) => c.role === 'augmenter').map((c) => c.structuredOutput));
    assert.ok(ways.length > 0);
    assert.deepEqual([...new Set(ways)], ['instructions'], 'the server took no response_format: each sample says its questions were made from instructions');

    // The same server as vLLM with its own key.
    local.resetStats();
    const keyed = await seedsmith(['generate', seedFile, '--budget', '2', '--strategy', 'answer-augmentation', '--teacher-model', 'seedsmith-teacher', '--provider', 'vllm', '--base-url', local.url, '--session', join(dir.path, 's-vllm-key')], { env: { ...ALL_KEYS, VLLM_API_KEY: VLLM_KEY } });
    assert.equal(keyed.code, 0, keyed.stderr);
    assert.deepEqual([...keysSeen(local)], [`Bearer ${VLLM_KEY}`]);

    // Azure: the api-key header with Azure's key, the deployment path, no Authorization.
    const az = await seedsmith(['generate', seedFile, '--budget', '2', '--strategy', 'answer-augmentation', '--teacher-model', 'gpt-4o', '--provider', 'azure-openai', '--azure-endpoint', azure.origin, '--azure-deployment', 'gpt4o-prod', '--session', join(dir.path, 's-azure'), '--json'], { env: ALL_KEYS });
    assert.equal(az.code, 0, az.stderr);
    const azureChats = azure.requests().filter((r) => r.method === 'POST');
    assert.equal(azureChats.length, 2);
    for (const r of azureChats) assert.deepEqual([r.path, r.apiVersion, r.apiKey, r.authorization], ['/openai/deployments/gpt4o-prod/chat/completions', '2024-10-21', AZURE_KEY, null]);

    // A custom URL from seedsmith.jsonc: its own variable, not OpenAI's.
    local.resetStats();
    const project = join(dir.path, 'custom');
    await mkdir(project);
    const customSeeds = join(project, 'seeds.jsonl');
    await writeSeedFile(customSeeds, { count: 3 });
    await writeFile(join(project, 'seedsmith.jsonc'), `{ "provider": { "kind": "custom", "baseUrl": "${local.url}" } }\n`);
    const custom = await seedsmith(['generate', customSeeds, '--budget', '2', '--strategy', 'answer-augmentation', '--teacher-model', 'seedsmith-teacher'], { env: { ...ALL_KEYS, SEEDSMITH_API_KEY: CUSTOM_KEY } });
    assert.equal(custom.code, 0, custom.stderr);
    assert.deepEqual([...keysSeen(local)], [`Bearer ${CUSTOM_KEY}`]);
    for (const teacher of [local, azure]) assert.equal(keysSeen(teacher).has(`Bearer ${OPENAI_KEY}`), false, 'OpenAI\'s key never left for another provider');
  });

  it('a provider in seedsmith.jsonc that cannot be used is bad input at file:line:col, and nothing is sent or written', async () => {
    local.resetStats();
    const project = join(dir.path, 'broken');
    await mkdir(project);
    const seeds = join(project, 'seeds.jsonl');
    await writeSeedFile(seeds, { count: 3 });
    const file = join(project, 'seedsmith.jsonc');
    await writeFile(file, `{\n  "provider": {\n    "kind": "vllm",\n    "baseUrl": "${local.url}",\n    "apiKey": "sk-nope"\n  }\n}\n`);
    const run = await seedsmith(['generate', seeds, '--budget', '2', '--teacher-model', 'seedsmith-teacher'], { env: ALL_KEYS });
    assert.equal(run.code, 2);
    assert.ok(run.stderr.includes(`${file}:5:5: Unknown provider key "apiKey"`), run.stderr);
    assert.equal(local.requests().length, 0);
    assert.equal(existsSync(join(project, '.seedsmith')), false);
  });
});
