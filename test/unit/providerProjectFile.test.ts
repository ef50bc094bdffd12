// The "provider" key of seedsmith.jsonc: a preset by name or an object; anything unusable is
// pointed at by line and column and no provider is applied (nothing goes to a half-read endpoint).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { PROVIDER_KINDS, readProjectProvider } from '../../src/core/providers/index.ts';

describe('provider in seedsmith.jsonc', () => {
  it('reads a preset name, or an object with its target, beside other keys', () => {
    assert.deepEqual(readProjectProvider('{ "prompts": {}, "provider": "ollama" }'), { provider: { kind: 'ollama' }, errors: [] });
    const azure = readProjectProvider('{\n  // Azure\n  "provider": { "kind": "azure-openai", "resource": "contoso", "deployment": "gpt-4o", "apiVersion": "2024-10-21", },\n}\n');
    assert.deepEqual(azure, { provider: { kind: 'azure-openai', resource: 'contoso', deployment: 'gpt-4o', apiVersion: '2024-10-21' }, errors: [] });
    const custom = readProjectProvider('{"provider": {"kind": "custom", "baseUrl": "http://10.0.0.5:9000/v1", "jsonSchema": "instructions", "honoursSeed": true}}');
    assert.deepEqual(custom.provider, { kind: 'custom', baseUrl: 'http://10.0.0.5:9000/v1', jsonSchema: 'instructions', honoursSeed: true });
    assert.deepEqual(readProjectProvider('{}'), { provider: undefined, errors: [] });
    assert.deepEqual(readProjectProvider(''), { provider: undefined, errors: [] });
  });

  it('points at what it cannot use, at line:col, and applies nothing', () => {
    const bad = readProjectProvider('{\n  "provider": {\n    "kind": "openia",\n    "apiKey": "sk-123",\n    "honoursSeed": "yes"\n  }\n}');
    assert.equal(bad.provider, undefined);
    assert.deepEqual(bad.errors.map((e) => `${e.line}:${e.column}`), ['3:13', '4:5', '5:20']);
    assert.match(bad.errors[0]!.message, /"provider.kind" must be one of "openai", "azure-openai", "ollama", "vllm", "lm-studio", "custom"/);
    assert.match(bad.errors[1]!.message, /API keys never go in this file/);
    const noKind = readProjectProvider('{"provider": {"baseUrl": "http://x/v1"}}');
    assert.deepEqual(noKind.errors.map((e) => [e.column, e.message]), [[14, '"provider" needs "kind": one of "openai", "azure-openai", "ollama", "vllm", "lm-studio", "custom".']]);
    const badUrl = readProjectProvider('{"provider": {"kind": "vllm", "baseUrl": "gpu-box:8000"}}');
    assert.match(badUrl.errors[0]?.message ?? '', /must be an http\(s\) URL/);
    assert.match(readProjectProvider('{"provider": 3}').errors[0]?.message ?? '', /"provider" must be one of/);
  });

  it('the contributed JSON schema and the provider setting know the same provider kinds and keys', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } };
    // The editor has one more: VS Code's own language models (no HTTP, so no preset).
    assert.deepEqual(manifest.contributes.configuration.properties['seedsmith.teacher.provider']?.enum, [...PROVIDER_KINDS, 'vscode']);
    const schema = JSON.parse(await readFile(new URL('../../schemas/seedsmith.schema.json', import.meta.url), 'utf8')) as { definitions: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    assert.deepEqual((schema.definitions.providerKind as { enum?: string[] }).enum, [...PROVIDER_KINDS]);
    assert.deepEqual(Object.keys(schema.definitions.providerObject?.properties ?? {}), ['kind', 'baseUrl', 'resource', 'endpoint', 'deployment', 'apiVersion', 'jsonSchema', 'honoursSeed']);
  });
});
