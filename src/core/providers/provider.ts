// A provider as configured (seedsmith.jsonc, settings or CLI flags) and as resolved: the preset
// with the person's base URL, Azure target and overrides applied. Resolving checks what the
// preset needs (a custom provider needs a URL, Azure a resource or endpoint and a deployment) and
// says what is missing in one sentence.
import { DEFAULT_AZURE_API_VERSION, PROVIDER_PRESETS } from './presets.ts';
import type { JsonSchemaSupport, ProviderKind, ProviderPreset } from './presets.ts';

/** What a person may write; every field but `kind` is optional. */
export interface ProviderConfig {
  readonly kind: ProviderKind;
  readonly baseUrl?: string;
  /** Azure: the resource name (https://<resource>.openai.azure.com) or a full endpoint URL. */
  readonly resource?: string;
  readonly endpoint?: string;
  readonly deployment?: string;
  readonly apiVersion?: string;
  /** Overrides the preset's structured-output handling ('instructions' never sends response_format). */
  readonly jsonSchema?: JsonSchemaSupport | 'instructions';
  readonly honoursSeed?: boolean;
}

export interface AzureTarget {
  /** https://<resource>.openai.azure.com, without a trailing slash. */
  readonly endpoint: string;
  readonly deployment: string;
  readonly apiVersion: string;
}

export interface ResolvedProvider {
  readonly preset: ProviderPreset;
  /** Where requests go: the OpenAI-style base URL, or for Azure `<endpoint>/openai`. */
  readonly baseUrl: string;
  readonly azure: AzureTarget | null;
  readonly jsonSchema: JsonSchemaSupport | 'instructions';
  readonly honoursSeed: boolean;
  /** Identifies the endpoint for secrets: the same provider at another URL has another key. */
  readonly secretId: string;
}

export type ResolveResult = { readonly ok: true; readonly provider: ResolvedProvider } | { readonly ok: false; readonly message: string };

export function resolveProvider(config: ProviderConfig): ResolveResult {
  const preset = PROVIDER_PRESETS[config.kind];
  const common = {
    preset,
    jsonSchema: config.jsonSchema ?? preset.jsonSchema,
    honoursSeed: config.honoursSeed ?? preset.honoursSeed,
  };
  if (config.kind === 'azure-openai') {
    const endpoint = azureEndpoint(config);
    if (endpoint === undefined) return { ok: false, message: 'Azure OpenAI needs "resource" (the resource name) or "endpoint" (https://<resource>.openai.azure.com).' };
    const deployment = config.deployment?.trim() ?? '';
    if (deployment === '') return { ok: false, message: 'Azure OpenAI needs "deployment" (the deployment name that serves the model).' };
    const azure: AzureTarget = { endpoint, deployment, apiVersion: config.apiVersion?.trim() || DEFAULT_AZURE_API_VERSION };
    return { ok: true, provider: { ...common, baseUrl: `${endpoint}/openai`, azure, secretId: `${config.kind} ${endpoint}` } };
  }
  const baseUrl = (config.baseUrl?.trim() || preset.defaultBaseUrl).replace(/\/+$/, '');
  if (baseUrl === '') return { ok: false, message: `${preset.label} needs "baseUrl" (for example http://127.0.0.1:8080/v1).` };
  return { ok: true, provider: { ...common, baseUrl, azure: null, secretId: `${config.kind} ${baseUrl}` } };
}

function azureEndpoint(config: ProviderConfig): string | undefined {
  const given = config.endpoint?.trim() || config.baseUrl?.trim();
  if (given) return given.replace(/\/+$/, '').replace(/\/openai$/, '');
  const resource = config.resource?.trim();
  return resource ? `https://${resource}.openai.azure.com` : undefined;
}

/** The model a request names: Azure routes by deployment, whatever the model field says. */
export function providerModelNote(provider: ResolvedProvider): string | null {
  return provider.azure ? `deployment ${provider.azure.deployment}` : null;
}
