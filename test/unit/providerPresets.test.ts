// Each provider preset against the test teacher set up to behave like that provider, through the
// real `openai` SDK (its Azure client for Azure): where requests go, which headers carry the key,
// what happens to response_format and seed, and what "test connection" reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttemptMeter, AttemptOutcome, ChatRequest } from '../../src/core/model/chat.ts';
import { ChatError } from '../../src/core/model/errors.ts';
import { PROVIDER_KINDS, PROVIDER_PRESETS, resolveProvider } from '../../src/core/providers/index.ts';
import type { ProviderConfig, ResolvedProvider } from '../../src/core/providers/index.ts';
import { createProviderClient } from '../../src/teacher/providerClient.ts';
import { testConnection } from '../../src/teacher/testConnection.ts';
import { withTeacher } from '../teacher/testing.ts';

const MODEL = 'seedsmith-teacher';

class CountingMeter implements AttemptMeter {
  readonly outcomes: AttemptOutcome[] = [];
  async beforeAttempt(): Promise<void> {}
  async afterAttempt(outcome: AttemptOutcome): Promise<void> {
    this.outcomes.push(outcome);
  }
  get spent(): number {
    return this.outcomes.filter((o) => o.kind !== 'released').length;
  }
}

function resolved(config: ProviderConfig): ResolvedProvider {
  const result = resolveProvider(config);
  if (!result.ok) throw new Error(result.message);
  return result.provider;
}

const structured: ChatRequest = {
  role: 'augmenter',
  model: MODEL,
  messages: [
    { role: 'system', content: 'Task: rephrase' },
    { role: 'user', content: 'Count: 2\nQuestion: Tom has 3 apples and buys 4 more. How many apples does he have?' },
  ],
  sampling: { temperature: 1, maxTokens: 400, seed: 7 },
  responseFormat: { name: 'rephrase', schema: { type: 'object', properties: { rephrasings: { type: 'array', items: { type: 'string' } } }, required: ['rephrasings'] }, strict: false },
};

const plain: ChatRequest = {
  role: 'teacher',
  model: MODEL,
  messages: [{ role: 'user', content: 'Question: Ann has 2 pens and buys 3 more. How many pens?' }],
  sampling: { temperature: 1, maxTokens: 300, seed: 11 },
};

function client(provider: ResolvedProvider, apiKey = '') {
  return createProviderClient({ provider, apiKey, timeoutMs: 5000, maxRetries: 0, maxConcurrency: 8 });
}

describe('provider presets', { concurrency: true }, () => {
  it('every preset has a label, a key variable of its own and sane defaults', () => {
    const envs = PROVIDER_KINDS.flatMap((k) => PROVIDER_PRESETS[k].keyEnv);
    assert.equal(new Set(envs).size, envs.length, 'no two providers read the same key variable');
    assert.deepEqual(PROVIDER_PRESETS['azure-openai'].keyEnv, ['AZURE_OPENAI_API_KEY']);
    assert.deepEqual(PROVIDER_PRESETS.openai.keyEnv, ['OPENAI_API_KEY']);
    assert.equal(resolved({ kind: 'ollama' }).baseUrl, 'http://127.0.0.1:11434/v1');
    assert.equal(resolved({ kind: 'lm-studio' }).baseUrl, 'http://127.0.0.1:1234/v1');
    assert.equal(resolved({ kind: 'vllm', baseUrl: 'http://gpu-box:8000/v1/' }).baseUrl, 'http://gpu-box:8000/v1');
    const custom = resolveProvider({ kind: 'custom' });
    assert.equal(custom.ok, false);
    assert.match(custom.ok ? '' : custom.message, /needs "baseUrl"/);
    const azure = resolved({ kind: 'azure-openai', resource: 'contoso', deployment: 'gpt-4o' });
    assert.deepEqual(azure.azure, { endpoint: 'https://contoso.openai.azure.com', deployment: 'gpt-4o', apiVersion: '2024-10-21' });
    assert.equal(azure.baseUrl, 'https://contoso.openai.azure.com/openai');
    const noDeployment = resolveProvider({ kind: 'azure-openai', resource: 'contoso' });
    assert.match(noDeployment.ok ? '' : noDeployment.message, /needs "deployment"/);
    // One secret per provider and endpoint.
    assert.notEqual(resolved({ kind: 'vllm', baseUrl: 'http://a:8000/v1' }).secretId, resolved({ kind: 'vllm', baseUrl: 'http://b:8000/v1' }).secretId);
    assert.notEqual(resolved({ kind: 'custom', baseUrl: 'http://a:8000/v1' }).secretId, resolved({ kind: 'vllm', baseUrl: 'http://a:8000/v1' }).secretId);
  });

  it('OpenAI sends response_format json_schema; a model that refuses it gets the request again without it, the refusal released', async () => {
    await withTeacher({}, async (teacher) => {
      const provider = resolved({ kind: 'openai', baseUrl: teacher.url });
      const result = await client(provider, 'sk-openai').complete(structured, new CountingMeter(), new AbortController().signal);
      assert.equal(result.structuredOutput, 'json-schema');
      assert.match(result.content, /"rephrasings"/);
      teacher.configure({ rejectResponseFormat: true });
      const meter = new CountingMeter();
      const models = client(provider, 'sk-openai');
      const refused = await models.complete(structured, meter, new AbortController().signal);
      assert.equal(refused.structuredOutput, 'instructions');
      assert.deepEqual(meter.outcomes.map((o) => o.kind), ['released', 'completed']);
      assert.equal(models.structuredOutput(), 'instructions');
      const report = await testConnection({ provider, apiKey: 'sk-openai', wanted: [MODEL] });
      assert.equal(report.state, 'ok');
      assert.deepEqual(report.models, ['seedsmith-teacher', 'seedsmith-augmenter']);
    });
  });

  it('Azure OpenAI goes to /openai/deployments/{d}/chat/completions?api-version with the api-key header, and lists no deployments', async () => {
    await withTeacher({ azureApiVersions: ['2024-10-21'], listModels: false, requireApiKey: 'azure-key-123456' }, async (teacher) => {
      const provider = resolved({ kind: 'azure-openai', endpoint: teacher.origin, deployment: 'my-gpt4o' });
      const meter = new CountingMeter();
      const result = await client(provider, 'azure-key-123456').complete({ ...plain, model: 'ignored-by-azure' }, meter, new AbortController().signal);
      assert.match(result.content, /#### 5/);
      assert.equal(meter.spent, 1);
      const chat = teacher.requests().filter((r) => r.method === 'POST');
      assert.deepEqual(chat, [{ method: 'POST', path: '/openai/deployments/my-gpt4o/chat/completions', apiVersion: '2024-10-21', authorization: null, apiKey: 'azure-key-123456' }]);
      assert.equal(teacher.stats().models['my-gpt4o']?.completions, 1, 'the deployment is the model');

      const report = await testConnection({ provider, apiKey: 'azure-key-123456', wanted: ['ignored'] });
      assert.equal(report.state, 'ok');
      assert.equal(report.models, null);
      assert.match(report.message, /deployments are not listed, "my-gpt4o" is used as named/);

      const wrongVersion = resolved({ kind: 'azure-openai', endpoint: teacher.origin, deployment: 'my-gpt4o', apiVersion: '2023-05-15' });
      await assert.rejects(client(wrongVersion, 'azure-key-123456').complete(plain, new CountingMeter(), new AbortController().signal), (error: unknown) => error instanceof ChatError && error.kind === 'not-found');
      const wrongKey = await testConnection({ provider: resolved({ kind: 'azure-openai', endpoint: teacher.origin, deployment: 'my-gpt4o' }), apiKey: 'other-key-999999', wanted: [] });
      assert.equal(wrongKey.state, 'failed');
      assert.match(wrongKey.message, /rejected the API key \(HTTP 401\)/);
    });
  });

  it('a local server without response_format support (Ollama preset): probed once, then instructions only; the refused probe is not spent', async () => {
    await withTeacher({ rejectResponseFormat: true }, async (teacher) => {
      const provider = resolved({ kind: 'ollama', baseUrl: teacher.url });
      const models = client(provider);
      const meters = Array.from({ length: 4 }, () => new CountingMeter());
      const results = await Promise.all(meters.map((meter, i) => models.complete({ ...structured, sampling: { ...structured.sampling, seed: i } }, meter, new AbortController().signal)));
      assert.deepEqual(results.map((r) => r.structuredOutput), ['instructions', 'instructions', 'instructions', 'instructions']);
      for (const r of results) assert.match(r.content, /"rephrasings"/, 'the prompt alone still gets JSON the tolerant parser reads');
      assert.equal(models.structuredOutput(), 'instructions');
      // One probe refused (released), then one completion per request: 5 requests, not 8.
      assert.equal(teacher.stats().totals.requests, 5);
      assert.equal(teacher.stats().totals.errors['400'], 1);
      assert.deepEqual(meters.map((m) => m.spent), [1, 1, 1, 1]);
      assert.deepEqual(meters[0]!.outcomes.map((o) => o.kind), ['released', 'completed']);
      // A plain request is untouched.
      assert.equal((await models.complete(plain, new CountingMeter(), new AbortController().signal)).structuredOutput, undefined);
    });
  });

  it('a probing preset against a server that takes json_schema keeps sending it (vLLM)', async () => {
    await withTeacher({}, async (teacher) => {
      const models = client(resolved({ kind: 'vllm', baseUrl: teacher.url }));
      assert.equal(models.structuredOutput(), 'unknown');
      const result = await models.complete(structured, new CountingMeter(), new AbortController().signal);
      assert.equal(result.structuredOutput, 'json-schema');
      assert.equal(models.structuredOutput(), 'json-schema');
      assert.equal(teacher.stats().totals.requests, 1);
    });
  });

  it('seed: sent where honoured (vLLM: the same seed repeats the text), left out where not (LM Studio: it does not)', async () => {
    await withTeacher({}, async (teacher) => {
      const vllm = client(resolved({ kind: 'vllm', baseUrl: teacher.url }));
      const lmStudio = client(resolved({ kind: 'lm-studio', baseUrl: teacher.url }));
      const twice = async (models: typeof vllm) => {
        const a = await models.complete(plain, new CountingMeter(), new AbortController().signal);
        const b = await models.complete(plain, new CountingMeter(), new AbortController().signal);
        return [a.content, b.content] as const;
      };
      const [v1, v2] = await twice(vllm);
      assert.equal(v1, v2);
      const [l1, l2] = await twice(lmStudio);
      assert.notEqual(l1, l2);
    });
  });

  it('test connection: LM Studio lists its models and names the missing one; a custom URL without a listing is reachable but unchecked; a closed port fails', async () => {
    await withTeacher({ models: ['qwen2.5-7b-instruct'] }, async (teacher) => {
      const report = await testConnection({ provider: resolved({ kind: 'lm-studio', baseUrl: teacher.url }), apiKey: '', wanted: ['qwen2.5-7b-instruct', 'llama-3-8b'] });
      assert.equal(report.state, 'failed');
      assert.deepEqual(report.missing, ['llama-3-8b']);
      assert.match(report.message, /LM Studio .* does not list llama-3-8b/);
      assert.match(report.jsonSchema, /tried once/);
      assert.match(report.seed, /not sent/);
      teacher.configure({ listModels: false });
      const unlisted = await testConnection({ provider: resolved({ kind: 'custom', baseUrl: teacher.url }), apiKey: '', wanted: ['anything'] });
      assert.equal(unlisted.state, 'ok');
      assert.equal(unlisted.models, null);
      assert.match(unlisted.message, /lists no models \(HTTP 404\): the model names cannot be checked/);
    });
    const closed = await testConnection({ provider: resolved({ kind: 'ollama', baseUrl: 'http://127.0.0.1:9/v1' }), apiKey: '', wanted: [] });
    assert.equal(closed.state, 'failed');
    assert.match(closed.message, /Could not reach http:\/\/127\.0\.0\.1:9\/v1/);
  });
});
