// "Test connection": GET /models answers whether the endpoint is reachable and accepts the key,
// without running a model, so it costs no budget and is never metered.
import { ChatError } from '../core/model/errors.ts';
import type { AzureTarget } from '../core/providers/provider.ts';
import { badBaseUrlReason, describeEndpoint } from './endpoint.ts';
import { cancelledError, toChatError } from './errorMapping.ts';
import type { FetchLike } from './meteredFetch.ts';
import { createSdk } from './sdk.ts';

export interface ListModelsConfig {
  readonly baseURL: string;
  readonly apiKey: string;
  /** Defaults to 10 s: a connection test should answer quickly. */
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
  /** Azure OpenAI: GET <endpoint>/openai/models?api-version=… with the api-key header. */
  readonly azure?: AzureTarget | null;
}

/** The ids of the models the endpoint offers; throws a ChatError ('auth', 'connection', …). */
export async function listModels(config: ListModelsConfig, signal?: AbortSignal): Promise<string[]> {
  const bad = badBaseUrlReason(config.baseURL);
  if (bad !== null) throw new ChatError('connection', bad);
  const timeoutMs = config.timeoutMs ?? 10_000;
  // No retries: the person is waiting for a yes or no, and a retry would hide a flaky endpoint.
  const sdk = createSdk({ baseURL: config.baseURL, apiKey: config.apiKey, timeoutMs, maxRetries: 0, azure: config.azure ?? null, ...(config.fetch ? { fetch: config.fetch } : {}) });
  try {
    const ids: string[] = [];
    for await (const model of sdk.models.list(signal ? { signal } : undefined)) ids.push(model.id);
    return ids;
  } catch (error) {
    if (signal?.aborted) throw cancelledError(signal.reason);
    throw toChatError(error, { endpoint: describeEndpoint(config.baseURL), apiKey: config.apiKey, attempts: 1, timeoutMs });
  }
}
