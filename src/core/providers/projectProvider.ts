// The "provider" key of seedsmith.jsonc:
//   { "provider": "ollama" }
//   { "provider": { "kind": "azure-openai", "resource": "contoso", "deployment": "gpt-4o", "apiVersion": "2024-10-21" } }
// Read apart from the prompt overrides (each reader ignores the other's keys). Anything that
// cannot be used is reported at its line and column and the provider is not applied: a typo must
// never send the seeds (and a key) somewhere the person did not mean. A key is never read here.
import { parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { positionAt } from '../prompts/textPosition.ts';
import { isProviderKind, PROVIDER_KINDS } from './presets.ts';
import type { ProviderConfig } from './provider.ts';

export interface ProviderSettingProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ProjectProvider {
  /** undefined when the file names no provider (or names one that cannot be used: see errors). */
  readonly provider: ProviderConfig | undefined;
  readonly errors: readonly ProviderSettingProblem[];
}

const TEXT_KEYS = ['baseUrl', 'resource', 'endpoint', 'deployment', 'apiVersion'] as const;
const KNOWN_KEYS = new Set<string>(['kind', ...TEXT_KEYS, 'jsonSchema', 'honoursSeed']);
const JSON_SCHEMA_MODES = ['native', 'probe', 'instructions'] as const;

export function readProjectProvider(jsoncText: string): ProjectProvider {
  const errors: ProviderSettingProblem[] = [];
  const at = (node: Node, message: string) => errors.push({ ...positionAt(jsoncText, node.offset), message });
  // Syntax errors are the prompt reader's to report (one message per problem, not two).
  const root = parseTree(jsoncText, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const node = root?.type === 'object' ? propertyValue(root, 'provider') : undefined;
  if (node === undefined) return { provider: undefined, errors };
  const kinds = PROVIDER_KINDS.map((k) => `"${k}"`).join(', ');
  if (node.type === 'string') {
    if (isProviderKind(node.value)) return { provider: { kind: node.value }, errors };
    at(node, `"provider" must be one of ${kinds}, or an object with "kind".`);
    return { provider: undefined, errors };
  }
  if (node.type !== 'object') {
    at(node, `"provider" must be one of ${kinds}, or an object such as {"kind": "ollama"}.`);
    return { provider: undefined, errors };
  }
  const config: { -readonly [K in keyof ProviderConfig]?: ProviderConfig[K] } = {};
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue;
    const key = String(keyNode.value);
    if (!KNOWN_KEYS.has(key)) {
      const why = /key|secret|token/i.test(key) ? ' API keys never go in this file: the editor keeps them in secret storage, the CLI reads them from the environment.' : '';
      at(keyNode, `Unknown provider key "${key}"; the keys are ${[...KNOWN_KEYS].map((k) => `"${k}"`).join(', ')}.${why}`);
      continue;
    }
    if (key === 'kind') {
      if (isProviderKind(valueNode.value)) config.kind = valueNode.value;
      else at(valueNode, `"provider.kind" must be one of ${kinds}.`);
    } else if (key === 'jsonSchema') {
      if ((JSON_SCHEMA_MODES as readonly unknown[]).includes(valueNode.value)) config.jsonSchema = valueNode.value as (typeof JSON_SCHEMA_MODES)[number];
      else at(valueNode, `"provider.jsonSchema" must be ${JSON_SCHEMA_MODES.map((m) => `"${m}"`).join(', ')}.`);
    } else if (key === 'honoursSeed') {
      if (typeof valueNode.value === 'boolean' && valueNode.type === 'boolean') config.honoursSeed = valueNode.value;
      else at(valueNode, '"provider.honoursSeed" must be true or false.');
    } else if (valueNode.type === 'string' && String(valueNode.value).trim() !== '') {
      config[key as (typeof TEXT_KEYS)[number]] = String(valueNode.value).trim();
    } else {
      at(valueNode, `"provider.${key}" must be a non-empty string.`);
    }
  }
  if (config.kind === undefined) {
    if (!errors.some((e) => e.message.startsWith('"provider.kind"'))) at(node, `"provider" needs "kind": one of ${kinds}.`);
    return { provider: undefined, errors };
  }
  if (config.baseUrl !== undefined && !/^https?:\/\/[^/\s]/i.test(config.baseUrl)) {
    const valueNode = propertyValue(node, 'baseUrl');
    if (valueNode) at(valueNode, '"provider.baseUrl" must be an http(s) URL such as http://127.0.0.1:11434/v1.');
  }
  return { provider: errors.length > 0 ? undefined : (config as ProviderConfig), errors };
}

function propertyValue(objectNode: Node, name: string): Node | undefined {
  for (const property of objectNode.children ?? []) {
    const [k, v] = property.children ?? [];
    if (k?.value === name) return v;
  }
  return undefined;
}
