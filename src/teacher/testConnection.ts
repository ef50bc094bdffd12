// "Test connection" for a provider: what the endpoint says without running a model, so it costs
// no budget. It lists the models where the provider can (GET /models), tells a key that is
// refused from a host that cannot be reached from an endpoint that lists nothing, and says which
// quirks will apply (structured output, seed). Azure lists no deployments to a key: its listing
// (base models of the resource) only proves the key and the api-version work.
import { ChatError } from '../core/model/errors.ts';
import type { ResolvedProvider } from '../core/providers/provider.ts';
import { describeEndpoint } from './endpoint.ts';
import { listModels } from './listModels.ts';
import type { FetchLike } from './meteredFetch.ts';

export interface ConnectionReport {
  readonly provider: string;
  readonly endpoint: string;
  /** ok: the endpoint answered and took the key; failed: it did not (see message). */
  readonly state: 'ok' | 'failed';
  /** The listed model ids; null when the endpoint lists none (or was not reached). */
  readonly models: readonly string[] | null;
  /** The wanted models the listing lacks (empty when everything is listed or nothing could be checked). */
  readonly missing: readonly string[];
  readonly jsonSchema: string;
  readonly seed: string;
  /** One or two sentences a person reads. */
  readonly message: string;
}

export interface TestConnectionOptions {
  readonly provider: ResolvedProvider;
  readonly apiKey: string;
  /** The teacher and augmenter models the run would use (Azure: ignored, the deployment routes). */
  readonly wanted: readonly string[];
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
  readonly signal?: AbortSignal;
}

export async function testConnection(options: TestConnectionOptions): Promise<ConnectionReport> {
  const { provider } = options;
  const endpoint = describeEndpoint(provider.azure ? provider.azure.endpoint : provider.baseUrl);
  const jsonSchema = {
    native: 'response_format json_schema is sent (and left out if the endpoint refuses it)',
    probe: 'response_format json_schema is tried once; without it the prompts ask for JSON',
    instructions: 'no response_format; the prompts ask for JSON',
  }[provider.jsonSchema];
  const seed = provider.honoursSeed ? 'seed is sent' : 'seed is not sent (not honoured)';
  const base = { provider: provider.preset.label, endpoint, jsonSchema, seed };
  const quirks = `Structured output: ${jsonSchema}; ${seed}.`;
  try {
    const models = await listModels(
      { baseURL: provider.baseUrl, apiKey: options.apiKey, azure: provider.azure, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) },
      options.signal,
    );
    if (provider.azure) {
      return { ...base, state: 'ok', models, missing: [], message: `Connected to ${provider.preset.label} at ${endpoint} (api-version ${provider.azure.apiVersion}); deployments are not listed, "${provider.azure.deployment}" is used as named. ${quirks}` };
    }
    const missing = models.length === 0 ? [] : options.wanted.filter((m, i, all) => m !== '' && all.indexOf(m) === i && !models.includes(m));
    const listed = `${models.length} model${models.length === 1 ? '' : 's'} listed`;
    const message = missing.length > 0 ? `Connected to ${provider.preset.label} at ${endpoint} (${listed}), but it does not list ${missing.join(', ')}. ${quirks}` : `Connected to ${provider.preset.label} at ${endpoint}: ${listed} (no budget used). ${quirks}`;
    return { ...base, state: missing.length > 0 ? 'failed' : 'ok', models, missing, message };
  } catch (error) {
    if (error instanceof ChatError && error.kind === 'not-found') {
      // It answered, so it is reachable; it just has no model listing (or the path is wrong).
      const what = provider.azure ? `deployments are not listed, "${provider.azure.deployment}" is used as named` : 'the model names cannot be checked before a run';
      return { ...base, state: 'ok', models: null, missing: [], message: `${provider.preset.label} at ${endpoint} answered but lists no models (HTTP 404): ${what}. ${quirks}` };
    }
    const said = error instanceof Error ? error.message : String(error);
    return { ...base, state: 'failed', models: null, missing: [], message: said };
  }
}
