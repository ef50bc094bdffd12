// Whether an endpoint serves the batch routes: one GET /v1/batches?limit=1 through the openai SDK.
// It runs no model, so it costs no budget; the editor offers "Run as batch" only when it answers.
import { badBaseUrlReason } from './endpoint.ts';
import type { FetchLike } from './meteredFetch.ts';
import { createSdk } from './sdk.ts';

export interface BatchProbeConfig {
  readonly baseURL: string;
  readonly apiKey: string;
  /** Defaults to 10 s: the answer only decides whether a choice is shown. */
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

/** True when the endpoint lists batches (HTTP 200); false for any refusal, missing route or network failure. */
export async function probeBatchRoutes(config: BatchProbeConfig, signal?: AbortSignal): Promise<boolean> {
  if (badBaseUrlReason(config.baseURL) !== null) return false;
  const sdk = createSdk({ baseURL: config.baseURL, apiKey: config.apiKey, timeoutMs: config.timeoutMs ?? 10_000, maxRetries: 0, ...(config.fetch ? { fetch: config.fetch } : {}) });
  try {
    await sdk.batches.list({ limit: 1 }, signal ? { signal } : undefined);
    return true;
  } catch {
    return false;
  }
}
